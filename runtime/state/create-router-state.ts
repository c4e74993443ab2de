/**
 * Picks the state implementation for a plan: Redis when router_settings configure it
 * (redis_url, or redis_host + redis_port), memory otherwise. The Redis module, and with
 * it ioredis, is imported only in the first case.
 */
import type { MaybeSecret, RedisSettings } from '../../compiler/plan/routing-plan.ts';
import type { RouterState, StateOptions } from './router-state.ts';
import type { StateLogger } from './redis/redis-link.ts';
import { createMemoryState } from './memory/create-memory-state.ts';

/** Options for choosing and building the state. */
export interface RouterStateOptions extends StateOptions {
  readonly redis?: RedisSettings;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: StateLogger;
  readonly keyPrefix?: string;
  readonly instanceId?: string;
}

/** Memory state, or Redis state when the plan configures Redis. */
export async function createRouterState(options: RouterStateOptions): Promise<RouterState> {
  const redis = options.redis;
  const env = options.env ?? process.env;
  if (!redis || (redis.url === undefined && redis.host === undefined)) return createMemoryState(options);
  const { createRedisState } = await import('./redis/create-redis-state.ts');
  const port = redis.port === undefined ? undefined : Number(resolve(redis.port, env, 'redis_port'));
  const url = redis.url === undefined ? undefined : resolve(redis.url, env, 'redis_url');
  const host = redis.host === undefined ? undefined : resolve(redis.host, env, 'redis_host');
  const password = redis.password === undefined ? undefined : resolve(redis.password, env, 'redis_password');
  return createRedisState({
    ...options,
    ...(url !== undefined ? { url } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(password !== undefined && password !== '' ? { password } : {}),
    ...(redis.db !== undefined ? { db: redis.db } : {}),
    logger: options.logger ?? stderrLogger,
  });
}

/** Resolves an `os.environ/NAME` reference; the error names the variable, never a value. */
function resolve(value: MaybeSecret | number | { readonly env: string }, env: Readonly<Record<string, string | undefined>>, setting: string): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  const resolved = env[value.env];
  if (resolved === undefined) throw new Error(`router_settings.${setting} refers to environment variable ${value.env}, which is not set`);
  return resolved;
}

const stderrLogger: StateLogger = {
  warn: (message) => process.stderr.write(`litegate: warning: ${message}\n`),
  info: (message) => process.stderr.write(`litegate: ${message}\n`),
};
