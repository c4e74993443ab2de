/**
 * The filters between a group's deployments and the strategy (reference §7.3, LiteLLM 2026
 * order, §7.13 item 2): cooldown → pre-call checks (context window, rpm) → deployments that
 * already failed this request → order tiers.
 * Pure: the router and `explain` feed it the state they have and get back what was removed
 * at each step and why.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { CooldownEntry, UsageWindow } from '../state/router-state.ts';

/** The filters, in the order they run. */
export type NarrowStepName = 'cooldown' | 'rate-limited' | 'context-window' | 'rpm' | 'retry-elsewhere' | 'order';

/** A deployment a filter dropped, and why (for `explain`). */
export interface Removal {
  readonly deployment: Deployment;
  readonly detail: string;
}

/** What one filter dropped. */
export interface NarrowStep {
  readonly step: NarrowStepName;
  readonly removed: readonly Removal[];
}

/** The deployments to filter and the state the filters read. */
export interface NarrowInput {
  readonly deployments: readonly Deployment[];
  readonly cooling: ReadonlyMap<string, CooldownEntry>;
  /** Deployments a hard rpm/tpm limit refused earlier in this request. */
  readonly refused?: ReadonlySet<string>;
  readonly inputTokens: number;
  /** enable_pre_call_checks. */
  readonly preCallChecks: boolean;
  /** Whether the pre-call rpm filter applies (not under usage-based-routing-v2, which has its own). */
  readonly rpmFilter: boolean;
  /** Usage per deployment, aligned with `deployments` (needed for the rpm filter). */
  readonly usage?: readonly (UsageWindow | undefined)[];
  /**
   * Deployments that already failed this request: skipped while any other candidate is
   * left, so a retry lands elsewhere when it can (ignored when it would empty the list).
   */
  readonly failed?: ReadonlySet<string>;
  /** Keep exactly this order level (order escalation), else the lowest present. */
  readonly targetOrder?: number;
}

/** The candidates left for the strategy and what each filter dropped. */
export interface NarrowResult {
  readonly candidates: readonly Deployment[];
  /** Usage aligned with `candidates`. */
  readonly usage: readonly (UsageWindow | undefined)[];
  readonly steps: readonly NarrowStep[];
  /** The step that removed the last candidate, when none is left. */
  readonly emptiedBy?: NarrowStepName;
}

/** Runs the filters in order; stops at the first one that leaves nothing. */
export function narrowCandidates(input: NarrowInput): NarrowResult {
  const steps: NarrowStep[] = [];
  let current = input.deployments.map((deployment, index) => ({ deployment, usage: input.usage?.[index] }));
  const apply = (step: NarrowStepName, reason: (item: (typeof current)[number]) => string | undefined): boolean => {
    const kept: typeof current = [];
    const removed: Removal[] = [];
    for (const item of current) {
      const detail = reason(item);
      if (detail === undefined) kept.push(item);
      else removed.push({ deployment: item.deployment, detail });
    }
    if (removed.length > 0) steps.push({ step, removed });
    current = kept;
    return kept.length > 0;
  };
  const done = (emptiedBy?: NarrowStepName): NarrowResult => ({
    candidates: current.map((item) => item.deployment),
    usage: current.map((item) => item.usage),
    steps,
    ...(emptiedBy ? { emptiedBy } : {}),
  });

  if (!apply('cooldown', ({ deployment }) => describeCooldown(input.cooling.get(deployment.id)))) return done('cooldown');
  if (input.refused && input.refused.size > 0 && !apply('rate-limited', ({ deployment }) => (input.refused!.has(deployment.id) ? 'over its hard rpm/tpm limit' : undefined))) {
    return done('rate-limited');
  }
  if (input.preCallChecks) {
    if (input.inputTokens > 0) {
      const fits = apply('context-window', ({ deployment }) =>
        deployment.maxInputTokens !== undefined && input.inputTokens > deployment.maxInputTokens ? `max_input_tokens ${deployment.maxInputTokens} < ${input.inputTokens} input tokens` : undefined,
      );
      if (!fits) return done('context-window');
    }
    if (input.rpmFilter && !apply('rpm', ({ deployment, usage }) => (deployment.rpm !== undefined && usage && usage.requests >= deployment.rpm ? `rpm ${usage.requests}/${deployment.rpm} this minute` : undefined))) {
      return done('rpm');
    }
  }
  if (input.failed && input.failed.size > 0 && current.some((item) => !input.failed!.has(item.deployment.id))) {
    apply('retry-elsewhere', ({ deployment }) => (input.failed!.has(deployment.id) ? 'failed earlier in this request' : undefined));
  }
  const level = orderLevel(current.map((item) => item.deployment), input.targetOrder);
  if (level !== undefined) apply('order', ({ deployment }) => (deployment.order === level ? undefined : deployment.order === undefined ? `no order; tier ${level} serves first` : `order ${deployment.order}; tier ${level} serves first`));
  return done();
}

/** The order level that serves: `target` if present, else the lowest; undefined when no deployment has an order. */
export function orderLevel(deployments: readonly Deployment[], target?: number): number | undefined {
  let lowest: number | undefined;
  let hasTarget = false;
  for (const deployment of deployments) {
    if (deployment.order === undefined) continue;
    if (deployment.order === target) hasTarget = true;
    if (lowest === undefined || deployment.order < lowest) lowest = deployment.order;
  }
  if (target !== undefined) return hasTarget ? target : undefined;
  return lowest;
}

/** Distinct order levels of a group, ascending. */
export function orderLevels(deployments: readonly Deployment[]): number[] {
  return [...new Set(deployments.map((deployment) => deployment.order).filter((order): order is number => order !== undefined))].sort((a, b) => a - b);
}

function describeCooldown(entry: CooldownEntry | undefined): string | undefined {
  return entry ? `cooling down for ${entry.seconds}s after ${entry.status}` : undefined;
}
