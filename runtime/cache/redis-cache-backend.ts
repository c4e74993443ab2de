/**
 * Redis cache backend, shared by every proxy instance pointing at the same server. It
 * reuses the router state's RedisLink (runtime/state/redis/redis-link.ts): no offline
 * queue, short command timeouts, an outage logged once and a probe that notices recovery.
 * While Redis is down every read is a miss and every write is skipped, so a request never
 * fails or waits because the cache is away.
 *
 * Entries are stored at the cache key itself (`<namespace>:<hash>` or `<hash>`, as LiteLLM
 * does) behind an optional key prefix, which tests use to stay apart on a shared Redis.
 */
import type { CacheBackend } from './cache-backend.ts';
import { RedisLink, type RedisLinkOptions } from '../state/redis/redis-link.ts';

/** Options of the Redis backend. */
export interface RedisCacheOptions extends RedisLinkOptions {
  /** Prepended to every key (default none). */
  readonly keyPrefix?: string;
  /** How long startup waits for the first connection before serving without the cache. */
  readonly connectTimeoutMs?: number;
}

/** Cache entries in Redis, with expiry done by Redis (PX). */
export class RedisCacheBackend implements CacheBackend {
  readonly kind = 'redis';
  readonly link: RedisLink;
  readonly #prefix: string;

  private constructor(link: RedisLink, prefix: string) {
    this.link = link;
    this.#prefix = prefix;
  }

  /** Connects (waiting at most connectTimeoutMs); an unreachable Redis is logged and probed, not fatal. */
  static async connect(options: RedisCacheOptions): Promise<RedisCacheBackend> {
    const link = new RedisLink({
      outageEffect: 'response cache lookups miss and writes are skipped until it returns',
      recoveryEffect: 'response caching resumes',
      ...options,
    });
    await link.ready(options.connectTimeoutMs ?? 2000);
    if (!link.up) link.markDown(new Error('not reachable at startup'));
    return new RedisCacheBackend(link, options.keyPrefix ?? '');
  }

  get(key: string): Promise<string | undefined> {
    return this.link.either(
      async (client) => (await client.get(this.#prefix + key)) ?? undefined,
      () => undefined,
    );
  }

  set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const stored = this.#prefix + key;
    if (ttlSeconds !== undefined && ttlSeconds <= 0) return Promise.resolve();
    // Milliseconds keep fractional TTLs (cache_params.ttl is a number, not an int).
    return this.link.either(
      async (client) => {
        if (ttlSeconds === undefined) await client.set(stored, value);
        else await client.set(stored, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
      },
      () => undefined,
    );
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
