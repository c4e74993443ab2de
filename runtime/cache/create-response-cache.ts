/**
 * Builds the response cache a plan asks for, or nothing when caching is off (then the
 * server does no cache work at all). `type: local` gives the in-memory LRU; `type: redis`
 * connects to cache_params' host/port/url (for router_settings.cache_responses: the
 * router's redis_* settings), else to REDIS_URL / REDIS_HOST+REDIS_PORT from the
 * environment, as LiteLLM's proxy does when cache_params is empty. ioredis is imported only
 * in the Redis case.
 */
import type { CachePlan, MaybeSecret } from '../../compiler/plan/routing-plan.ts';
import type { CacheBackend } from './cache-backend.ts';
import { MemoryCacheBackend } from './memory-cache-backend.ts';
import { ResponseCache } from './response-cache.ts';

/** Where startup notes about the cache go. */
export interface CacheLogger {
  warn(message: string): void;
  info(message: string): void;
}

/** Options for building the cache. */
export interface CreateResponseCacheOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: CacheLogger;
  /** Milliseconds clock shared by the cache and the memory backend (tests inject one). */
  readonly now?: () => number;
  /** Redis key prefix (tests on a shared Redis); default none, keys are LiteLLM's. */
  readonly keyPrefix?: string;
  /** Most entries the memory backend keeps (default 1000). */
  readonly maxEntries?: number;
  /** How long startup waits for Redis before serving without the cache (default 2000 ms). */
  readonly connectTimeoutMs?: number;
}

const stderrLogger: CacheLogger = {
  warn: (message) => process.stderr.write(`litegate: warning: ${message}\n`),
  info: (message) => process.stderr.write(`litegate: ${message}\n`),
};

/** Cache types of LiteLLM this runtime does not implement (they need embeddings or cloud stores). */
const unsupportedTypes = new Set(['redis-semantic', 'qdrant-semantic', 'valkey-semantic', 's3', 'gcs', 'azure-blob', 'disk']);

/**
 * The response cache for `plan`, or undefined when caching is off or its type is not
 * supported here (logged). Throws when a referenced environment variable is unset (the
 * message names the variable, never a value).
 */
export async function createResponseCache(plan: CachePlan, options: CreateResponseCacheOptions = {}): Promise<ResponseCache | undefined> {
  if (!plan.enabled) return undefined;
  const logger = options.logger ?? stderrLogger;
  const now = options.now ?? Date.now;
  let backend: CacheBackend;
  if (plan.type === 'local') {
    backend = new MemoryCacheBackend({ now, ...(options.maxEntries !== undefined ? { maxEntries: options.maxEntries } : {}) });
  } else if (plan.type === 'redis') {
    backend = await redisBackend(plan, options, logger);
  } else {
    const why = unsupportedTypes.has(plan.type) ? 'is not supported by litegate' : 'is not a cache type';
    logger.warn(`cache_params.type '${plan.type}' ${why}; response caching is off (use type: redis or local)`);
    return undefined;
  }
  return new ResponseCache(plan, backend, { now, onProblem: (message) => logger.warn(message) });
}

async function redisBackend(plan: CachePlan, options: CreateResponseCacheOptions, logger: CacheLogger): Promise<CacheBackend> {
  const env = options.env ?? process.env;
  const where = plan.source === 'router_settings' ? 'router_settings.redis_' : 'cache_params.';
  const settings = plan.redis;
  let connection: { url?: string; host?: string; port?: number; password?: string; db?: number };
  if (settings) {
    const password = settings.password === undefined ? undefined : resolve(settings.password, env, `${where}password`);
    connection = {
      ...(settings.url !== undefined ? { url: resolve(settings.url, env, `${where}url`) } : {}),
      ...(settings.host !== undefined ? { host: resolve(settings.host, env, `${where}host`) } : {}),
      ...(settings.port !== undefined ? { port: Number(resolve(settings.port, env, `${where}port`)) } : {}),
      ...(password ? { password } : {}),
      ...(settings.db !== undefined ? { db: settings.db } : {}),
    };
  } else if (env.REDIS_URL) {
    connection = { url: env.REDIS_URL };
  } else {
    if (!env.REDIS_HOST) logger.warn('the Redis response cache has no host or url in the config and REDIS_HOST/REDIS_URL are unset; trying 127.0.0.1:6379');
    connection = {
      host: env.REDIS_HOST || '127.0.0.1',
      port: env.REDIS_PORT ? Number(env.REDIS_PORT) : 6379,
      ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    };
  }
  const { RedisCacheBackend } = await import('./redis-cache-backend.ts');
  return RedisCacheBackend.connect({
    ...connection,
    logger,
    ...(options.keyPrefix !== undefined ? { keyPrefix: options.keyPrefix } : {}),
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
}

/** Resolves an `os.environ/NAME` reference; the error names the variable, never a value. */
function resolve(value: MaybeSecret | number | { readonly env: string }, env: Readonly<Record<string, string | undefined>>, setting: string): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  const resolved = env[value.env];
  if (resolved === undefined) throw new Error(`${setting} refers to environment variable ${value.env}, which is not set`);
  return resolved;
}
