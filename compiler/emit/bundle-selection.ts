/**
 * Which optional runtime modules a plan needs: its adapters, its routing strategy, and
 * the Redis-backed state and response cache. `litegate build` imports these statically and
 * leaves every other adapter, strategy and Redis module (with ioredis) out of the bundle.
 */
import type { AdapterKind, RedisSettings, RoutingPlan, RoutingStrategyName } from '../plan/routing-plan.ts';

/** Every adapter kind, in a stable order (load-adapter.ts has one module per kind). */
export const allAdapterKinds: readonly AdapterKind[] = ['openai', 'azure', 'deepseek', 'anthropic', 'gemini', 'ollama', 'ollama_chat'];

/** The optional modules a plan uses. */
export interface BundleSelection {
  /** Adapter kinds imported statically, sorted. */
  readonly adapters: readonly AdapterKind[];
  /**
   * True when a deployment takes its provider from each request (`model: "*"`): any adapter
   * may be needed at run time, so every one stays in the bundle.
   */
  readonly allAdapters: boolean;
  readonly strategy: RoutingStrategyName;
  /** router_settings configure Redis: limits, cooldowns and counters are shared through it. */
  readonly redisState: boolean;
  /** The response cache is on with `type: redis`. */
  readonly redisCache: boolean;
}

/** True when Redis settings name a server (the same test create-router-state.ts applies). */
function namesServer(redis: RedisSettings | undefined): boolean {
  return redis !== undefined && (redis.url !== undefined || redis.host !== undefined);
}

/** Computes the modules `plan` needs. */
export function selectModules(plan: RoutingPlan): BundleSelection {
  const allAdapters = plan.deployments.some((deployment) => deployment.dynamicProvider === true);
  const used = new Set(plan.deployments.map((deployment) => deployment.adapter));
  return {
    adapters: allAdapters ? [...allAdapterKinds] : allAdapterKinds.filter((kind) => used.has(kind)),
    allAdapters,
    strategy: plan.router.strategy,
    redisState: namesServer(plan.router.redis),
    // create-response-cache.ts takes the Redis backend for `type: redis` even without
    // settings (it falls back to REDIS_URL / REDIS_HOST), so the type alone decides.
    redisCache: plan.cache.enabled && plan.cache.type === 'redis',
  };
}
