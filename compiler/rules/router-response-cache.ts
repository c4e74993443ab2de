/**
 * `router_settings.cache_responses: true` switches response caching on inside the Router,
 * outside LiteLLM's documented switch (`litellm_settings.cache` + `cache_params`). The
 * Router then builds the cache from `redis_host`/`redis_port`/`redis_password` and
 * `cache_kwargs` — the settings meant for sharing cooldown and usage state. Builds before
 * 2025 only used Redis when `redis_password` was also set and otherwise fell back to a
 * per-process in-memory cache, and cache_params features (namespace, mode, TTL per layer,
 * supported call types) are unavailable. It works, but not the way readers expect.
 */
import type { Rule } from './rule.ts';

export const routerResponseCache: Rule = {
  id: 'router-response-cache',
  description: 'response caching is configured in litellm_settings, not via router_settings.cache_responses',
  check(context) {
    const router = context.index.routerSettings;
    if (router.cache_responses !== true) return;
    if (context.index.litellmSettings.cache === true) return;
    const redis = router.redis_host !== undefined || router.redis_url !== undefined;
    const backend = redis
      ? router.redis_password === undefined && router.redis_url === undefined
        ? 'a Redis cache at redis_host without redis_password, which builds before 2025 ignore (they fall back to a per-process in-memory cache)'
        : 'a Redis cache built from the router\'s redis_* settings'
      : 'a per-process in-memory cache';
    context.report({
      pointer: '/router_settings/cache_responses',
      part: 'key',
      message: `router_settings.cache_responses turns on ${backend}; configure caching with litellm_settings.cache: true and cache_params (type, host, port, ttl) instead`,
    });
  },
};
