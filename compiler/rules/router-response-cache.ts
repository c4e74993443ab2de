/**
 * `router_settings.cache_responses: true` makes LiteLLM's Router build the response cache
 * itself when litellm_settings has not (Router.__init__; the proxy passes router_settings
 * through). It is a working form, but not the documented one, and it has two traps:
 * - the cache is Redis only with `redis_url`, or `redis_host` and `redis_port` together
 *   (builds before 2025 also needed `redis_password`); otherwise it is a per-process
 *   in-memory cache;
 * - `cache_kwargs` (ttl, namespace, mode, supported_call_types, … — any litellm.Cache
 *   parameter) are merged into the cache parameters only in the Redis case; an in-memory
 *   router cache ignores them.
 * So: with Redis it is an explanation (info); without, a warning, since what the file says
 * (a shared cache, a TTL) is not what runs.
 */
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export const routerResponseCache: Rule = {
  id: 'router-response-cache',
  description: 'router-level response caching (router_settings.cache_responses) gets the backend and cache_kwargs the file suggests',
  check(context) {
    const router = context.index.routerSettings;
    if (router.cache_responses !== true) return;
    if (context.index.litellmSettings.cache === true) return;
    const kwargs = Object.keys(asRecord(router.cache_kwargs) ?? {});
    const redis = isSet(router.redis_url) || (isSet(router.redis_host) && isSet(router.redis_port));
    if (redis) {
      const where = isSet(router.redis_url) ? 'redis_url' : 'redis_host/redis_port';
      const password = isSet(router.redis_url) || isSet(router.redis_password) ? '' : ' (LiteLLM builds before 2025 also need redis_password, else they fall back to a per-process in-memory cache)';
      context.report({
        pointer: '/router_settings/cache_responses',
        part: 'key',
        message: `router_settings.cache_responses turns on a Redis response cache at ${where}${kwargs.length > 0 ? `, with cache_kwargs (${kwargs.join(', ')}) as its cache parameters` : ''}${password}. This works; the documented form is litellm_settings.cache: true with cache_params, which keeps response caching apart from the router's own Redis state`,
      });
      return;
    }
    const missing = isSet(router.redis_host) ? 'redis_host has no redis_port' : 'there is no redis_host/redis_port or redis_url';
    context.report({
      pointer: '/router_settings/cache_responses',
      part: 'key',
      severity: 'warning',
      message: `router_settings.cache_responses turns on a per-process in-memory response cache, because ${missing}${kwargs.length > 0 ? `; its cache_kwargs (${kwargs.join(', ')}) are ignored, as LiteLLM only merges them into a Redis cache` : ''}. Set redis_host and redis_port (or redis_url), or configure litellm_settings.cache: true with cache_params`,
    });
  },
};
