/**
 * How the router would treat a request for a model, from the plan alone (fresh state:
 * nothing cooling, no usage or latency yet): resolution, candidates, filters, order tiers,
 * the strategy's pick probabilities, retries and the fallback chain. Powers
 * `litegate explain`; uses the router's own modules so it cannot drift from what runs.
 */
import type { Deployment, FallbackMap, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import { DEFAULT_COOLDOWN_SECONDS, countingMode } from './cooldown-decision.ts';
import { lookupEntry } from './fallback-lookup.ts';
import { loadStrategy } from './load-strategy.ts';
import { narrowCandidates, orderLevels, type NarrowStep } from './narrow-candidates.ts';
import { ModelResolver, type ResolvedVia } from './resolve-model.ts';
import { noStats } from './strategies/routing-strategy.ts';
import { toProbabilities } from './weighted-pick.ts';

/** A candidate left after the filters, with its pick probability. */
export interface ExplainedCandidate {
  readonly deployment: Deployment;
  /** Probability of being picked first, on fresh state. */
  readonly probability: number;
}

/** One hop of the fallback chain. */
export interface FallbackHop {
  readonly group: string;
  /** Nesting level: 1 for the requested group's own fallbacks. */
  readonly depth: number;
  /** False when the name would not resolve (the hop would fail with a 400). */
  readonly resolves: boolean;
}

/** Everything `litegate explain` reports about one model name. */
export interface RouteExplanation {
  readonly model: string;
  readonly inputTokens: number;
  /** Undefined when the name resolves to nothing (the proxy answers 400). */
  readonly resolution?: { readonly group: string; readonly via: ResolvedVia; readonly deployments: readonly Deployment[] };
  readonly steps: readonly NarrowStep[];
  /** Why nothing is left, when that is the case ('context-window' raises ContextWindowExceededError). */
  readonly emptiedBy?: string;
  readonly strategy: string;
  /** Whether pick probabilities change with live state (in-flight, latency, usage). */
  readonly stateDependent: boolean;
  readonly picks: readonly ExplainedCandidate[];
  readonly orderTiers: readonly number[];
  readonly retries: { readonly numRetries: number; readonly idAddressed: boolean; readonly policy?: Readonly<Record<string, number>> };
  readonly cooldown: { readonly disabled: boolean; readonly seconds: number; readonly mode: 'default' | 'counting'; readonly allowedFails: number };
  /** Hops tried, in order, if every attempt fails with a generic error (max_fallbacks applied). */
  readonly fallbacks: readonly FallbackHop[];
  readonly contextWindowFallbacks?: readonly string[];
  readonly contentPolicyFallbacks?: readonly string[];
  readonly maxFallbacks: number;
}

/** Explains how a request for `model` with `inputTokens` input tokens would be routed. */
export async function explainRoute(plan: RoutingPlan, model: string, inputTokens = 0): Promise<RouteExplanation> {
  const resolver = new ModelResolver(plan);
  const router = plan.router;
  const strategy = await loadStrategy(router.strategy);
  const resolution = resolver.resolve(model);
  const base = {
    model,
    inputTokens,
    strategy: router.strategy,
    stateDependent: strategy.needs.length > 0,
    maxFallbacks: router.maxFallbacks,
    cooldown: {
      disabled: router.disableCooldowns,
      seconds: router.cooldownTime || DEFAULT_COOLDOWN_SECONDS,
      mode: countingMode(router) ? ('counting' as const) : ('default' as const),
      allowedFails: router.allowedFails,
    },
    fallbacks: fallbackChain(plan, resolver, model),
    ...optional('contextWindowFallbacks', lookupWithAlias(router.contextWindowFallbacks, model, resolver)),
    ...optional('contentPolicyFallbacks', lookupWithAlias(router.contentPolicyFallbacks, model, resolver)),
  };
  if (!resolution) {
    return { ...base, steps: [], picks: [], orderTiers: [], retries: { numRetries: router.numRetries, idAddressed: false } };
  }
  const policy = router.modelGroupRetryPolicy?.[resolution.group] ?? router.retryPolicy;
  const retries = { numRetries: resolution.via === 'id' ? 0 : router.numRetries, idAddressed: resolution.via === 'id', ...(policy ? { policy } : {}) };
  const resolved = { group: resolution.group, via: resolution.via, deployments: resolution.deployments };
  if (resolution.via === 'id') {
    return { ...base, resolution: resolved, steps: [], picks: [{ deployment: resolution.deployments[0]!, probability: 1 }], orderTiers: [], retries };
  }
  const narrowed = narrowCandidates({
    deployments: resolution.deployments,
    cooling: new Map(),
    inputTokens,
    preCallChecks: router.enablePreCallChecks,
    rpmFilter: false,
  });
  const weights = strategy.weigh(narrowed.candidates, noStats, { inputTokens, stream: false, args: router.strategyArgs });
  const probabilities = toProbabilities(weights);
  return {
    ...base,
    resolution: resolved,
    steps: narrowed.steps,
    ...(narrowed.emptiedBy ? { emptiedBy: narrowed.emptiedBy } : {}),
    picks: narrowed.candidates.map((deployment, index) => ({ deployment, probability: probabilities[index] ?? 0 })),
    orderTiers: orderLevels(resolution.deployments),
    retries,
  };
}

/**
 * The generic fallback hops in the order the router tries them when everything fails:
 * depth first, each target followed by its own fallbacks, the max_fallbacks counter
 * checked whenever a list is entered (as in the router and LiteLLM).
 */
function fallbackChain(plan: RoutingPlan, resolver: ModelResolver, model: string): FallbackHop[] {
  const hops: FallbackHop[] = [];
  const map: FallbackMap | undefined = plan.router.fallbacks;
  let counter = 0;
  const walk = (name: string, depth: number, path: readonly string[]) => {
    const targets = lookupWithAlias(map, name, resolver);
    if (!targets || counter >= plan.router.maxFallbacks) return;
    for (const target of targets) {
      if (target === name) continue;
      counter += 1;
      hops.push({ group: target, depth, resolves: resolver.resolve(target) !== undefined });
      // A cycle would repeat the same hops until max_fallbacks; show it once.
      if (!path.includes(target)) walk(target, depth + 1, [...path, target]);
    }
  };
  walk(model, 1, [model]);
  return hops;
}

/** The fallback entry for a name, else for its alias target (as the router looks it up). */
function lookupWithAlias(map: FallbackMap | undefined, name: string, resolver: ModelResolver): readonly string[] | undefined {
  const alias = resolver.aliasTarget(name);
  return lookupEntry(map, name) ?? (alias !== undefined ? lookupEntry(map, alias) : undefined);
}

function optional<K extends string>(key: K, value: readonly string[] | undefined): { [P in K]?: readonly string[] } {
  return (value ? { [key]: value } : {}) as { [P in K]?: readonly string[] };
}
