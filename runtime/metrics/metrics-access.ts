/**
 * Who may read `/metrics`. LiteLLM mounts it, unauthenticated, when `prometheus` is among
 * litellm_settings.callbacks / success_callback, and asks for a key only with
 * `require_auth_for_metrics_endpoint: true`. litegate does the same, and also serves it
 * when no prometheus callback is configured, but then behind the master key (the counters
 * cost nothing extra, and a proxy without a master key is open anyway).
 */
import type { RoutingPlan } from '../../compiler/plan/routing-plan.ts';

/** 'open': anyone may scrape; 'master_key': the same check as the admin routes. */
export type MetricsAccess = 'open' | 'master_key';

/** The access rule for a plan. */
export function metricsAccess(plan: RoutingPlan): MetricsAccess {
  const prometheus = plan.server.callbacks?.includes('prometheus') ?? false;
  return prometheus && plan.server.requireAuthForMetrics !== true ? 'open' : 'master_key';
}
