/**
 * The current state of every deployment, from what the proxy already knows: the router's
 * cooldowns, the latest background health report (never a new probe: probes call the
 * providers and cost money), and the recorder's totals. Shared by the dashboard API and
 * `/metrics`, so both tell the same story.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';
import type { CooldownEntry } from '../state/router-state.ts';
import type { UsageAggregate } from './usage-aggregate.ts';

/** What /metrics and the dashboard read from a runtime. */
export type StatusSource = Pick<ProxyRuntime, 'plan' | 'router' | 'healthMonitor' | 'recorder' | 'apiBaseHeaders' | 'inFlight'>;

/** Latest background health result of one deployment. */
export interface HealthResult {
  readonly healthy: boolean;
  /** The probe's error (provider message, never a key), when unhealthy. */
  readonly error?: string;
  /** Epoch ms of the round it came from. */
  readonly at: number;
}

/** LiteLLM's litellm_deployment_state values. */
export const deploymentStates = { healthy: 0, partialOutage: 1, completeOutage: 2 } as const;

/** One deployment's status. */
export interface DeploymentStatus {
  readonly deployment: Deployment;
  /** Set while the router keeps the deployment out of rotation. */
  readonly cooldown: CooldownEntry | undefined;
  /** Undefined when no background health round has covered it (checks off, or not yet run). */
  readonly health: HealthResult | undefined;
  readonly usage: UsageAggregate | undefined;
  /**
   * 2 when cooling down or its latest health probe failed, 1 when its latest request or
   * attempt failed with a 5xx or 429, else 0 (LiteLLM's healthy / partial outage / complete outage).
   */
  readonly state: 0 | 1 | 2;
}

function healthResults(source: StatusSource): Map<string, HealthResult> {
  const results = new Map<string, HealthResult>();
  const latest = source.healthMonitor?.peek();
  if (latest === undefined) return results;
  const report = latest.report as { healthy_endpoints?: { model_id?: unknown }[]; unhealthy_endpoints?: { model_id?: unknown; error?: unknown }[] };
  for (const entry of report.healthy_endpoints ?? []) {
    if (typeof entry.model_id === 'string') results.set(entry.model_id, { healthy: true, at: latest.at });
  }
  for (const entry of report.unhealthy_endpoints ?? []) {
    if (typeof entry.model_id === 'string') results.set(entry.model_id, { healthy: false, error: String(entry.error ?? 'unhealthy'), at: latest.at });
  }
  return results;
}

/** Status of every deployment in plan order. */
export async function deploymentStatuses(source: StatusSource): Promise<DeploymentStatus[]> {
  const deployments = source.plan.deployments;
  let cooling: ReadonlyMap<string, CooldownEntry> = new Map();
  if (source.router.coolingDown) {
    try {
      cooling = await source.router.coolingDown(deployments.map((deployment) => deployment.id));
    } catch {
      // Shared state unreachable (Redis down): show no cooldowns rather than fail the page.
    }
  }
  const health = healthResults(source);
  return deployments.map((deployment) => {
    const cooldown = cooling.get(deployment.id);
    const probe = health.get(deployment.id);
    const usage = source.recorder?.deployment(deployment.index);
    const last = usage?.lastStatus ?? 0;
    // A 4xx other than 429 is the client's mistake (bad parameter, context too long), not an outage.
    const state = cooldown !== undefined || probe?.healthy === false ? 2 : last >= 500 || last === 429 ? 1 : 0;
    return { deployment, cooldown, health: probe, usage, state };
  });
}
