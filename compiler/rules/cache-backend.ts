/**
 * Response caching (`litellm_settings.cache: true`) needs a backend it can use
 * (reference §5.1, §8, §12 #19–#20):
 * - `cache_params` without `type` silently gives a per-process in-memory cache and ignores
 *   the REDIS_* variables (#26233);
 * - semantic caches need `similarity_threshold`, s3/gcs/azure caches their bucket;
 * - `cache_params` without `cache: true` does nothing;
 * - with `--check-env`, a Redis cache with neither host/url in the file nor
 *   REDIS_HOST/REDIS_URL in the environment: LiteLLM's Redis client then raises "Either
 *   'host' or 'url' must be specified for redis" and the proxy does not start, while
 *   litegate's runtime warns and tries 127.0.0.1:6379 (redis-py's default). The lint
 *   environment may not be the deployment's, so this stays a warning.
 */

/** What happens to a Redis cache without host or url, in both proxies (the end of a message). */
const noRedisAddress = `LiteLLM then stops at startup ("Either 'host' or 'url' must be specified for redis"), and litegate tries 127.0.0.1:6379`;
import { asRecord } from './config-index.ts';
import type { Rule } from './rule.ts';

const requiredByType: Readonly<Record<string, readonly string[]>> = {
  'redis-semantic': ['similarity_threshold'],
  'qdrant-semantic': ['similarity_threshold', 'qdrant_collection_name'],
  'valkey-semantic': ['similarity_threshold'],
  s3: ['s3_bucket_name'],
  gcs: ['gcs_bucket_name'],
  'azure-blob': ['azure_account_url', 'azure_blob_container'],
};

function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

export const cacheBackend: Rule = {
  id: 'cache-backend',
  description: 'litellm_settings.cache has a usable backend',
  check(context) {
    const settings = context.index.litellmSettings;
    const params = asRecord(settings.cache_params);
    const on = isOn(settings.cache);
    if (!on) {
      if (params && Object.keys(params).length > 0) {
        context.report({
          pointer: '/litellm_settings/cache_params',
          part: 'key',
          message: 'cache_params has no effect without litellm_settings.cache: true',
        });
      }
      return;
    }
    const env = context.options.env;
    const redisFromEnv = env.REDIS_HOST !== undefined || env.REDIS_URL !== undefined || env.REDIS_CLUSTER_NODES !== undefined;
    if (!params || Object.keys(params).length === 0) {
      // No cache_params: the proxy builds a Redis cache from REDIS_* variables.
      if (context.options.checkEnv && !redisFromEnv) {
        context.report({
          pointer: '/litellm_settings/cache',
          part: 'key',
          message: `cache: true without cache_params uses Redis from REDIS_URL or REDIS_HOST/REDIS_PORT, and neither is set here: ${noRedisAddress}. Set them where the proxy runs, or add cache_params with type: local`,
        });
      }
      return;
    }
    const type = params.type;
    if (type === undefined || type === null) {
      context.report({
        pointer: '/litellm_settings/cache_params',
        part: 'key',
        message: "cache_params has no 'type'; LiteLLM then uses a per-process in-memory cache and ignores REDIS_* settings. Set type: redis (or local)",
        suggestion: 'redis',
      });
      return;
    }
    if (typeof type !== 'string') return;
    if (type === 'redis') {
      const inFile = params.host !== undefined || params.url !== undefined || params.redis_startup_nodes !== undefined || params.sentinel_nodes !== undefined;
      if (context.options.checkEnv && !inFile && !redisFromEnv) {
        context.report({
          pointer: '/litellm_settings/cache_params/type',
          part: 'value',
          message: `the Redis cache has no host or url in cache_params, and REDIS_HOST/REDIS_URL are not set here: ${noRedisAddress}. Set cache_params.host (or url), or those variables where the proxy runs`,
        });
      }
    }
    for (const key of requiredByType[type] ?? []) {
      if (params[key] === undefined || params[key] === null || params[key] === '') {
        context.report({
          pointer: '/litellm_settings/cache_params/type',
          part: 'value',
          message: `a '${type}' cache needs cache_params.${key}`,
          severity: 'error',
        });
      }
    }
  },
};
