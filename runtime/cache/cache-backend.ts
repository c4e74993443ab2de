/**
 * Where cached responses live: one interface, an in-memory LRU by default and Redis when
 * cache_params say so. Values are opaque strings (the serialized cache entry), so every
 * backend stores exactly the same bytes.
 */

/** A key-value store with per-entry expiry. Implementations never throw from get/set. */
export interface CacheBackend {
  /** `memory` or `redis`, reported by /health/readiness and the startup log. */
  readonly kind: 'memory' | 'redis';
  /** The stored value, or undefined when absent, expired or unreachable. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value`; `ttlSeconds` undefined means the backend's default expiry (Redis: none). */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  close(): Promise<void>;
}
