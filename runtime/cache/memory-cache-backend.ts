/**
 * In-memory cache backend: a Map kept in least-recently-used order (a hit re-inserts the
 * key), bounded by entry count and by the size of what it holds (embedding responses run to
 * megabytes, so a count alone does not bound memory), with a deadline per entry checked
 * lazily on read. The clock is injected so tests expire entries without waiting.
 */
import type { CacheBackend } from './cache-backend.ts';

/** Options of the in-memory backend. */
export interface MemoryCacheOptions {
  /** Most entries kept; the least recently used goes first. Default 1000. */
  readonly maxEntries?: number;
  /** Most characters of keys and values held (default 64 Mi, roughly that many bytes of JSON). */
  readonly maxChars?: number;
  /**
   * Expiry when neither the request nor cache_params give a TTL. Default 600 s, LiteLLM's
   * in-memory default (an unbounded lifetime would pin stale answers until eviction).
   */
  readonly defaultTtlSeconds?: number;
  /** Milliseconds clock (default Date.now). */
  readonly now?: () => number;
}

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
  readonly chars: number;
}

/** Bounded LRU with per-entry TTL, for one process. */
export class MemoryCacheBackend implements CacheBackend {
  readonly kind = 'memory';
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxChars: number;
  #chars = 0;
  readonly #defaultTtlSeconds: number;
  readonly #now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 1000);
    this.#maxChars = options.maxChars ?? 64 * 1024 * 1024;
    this.#defaultTtlSeconds = options.defaultTtlSeconds ?? 600;
    this.#now = options.now ?? Date.now;
  }

  /** Entries currently held (expired ones are dropped when touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** Characters of keys and values held. */
  get chars(): number {
    return this.#chars;
  }

  get(key: string): Promise<string | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return Promise.resolve(undefined);
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) {
      this.#chars -= entry.chars;
      return Promise.resolve(undefined);
    }
    this.#entries.set(key, entry);
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const ttl = ttlSeconds ?? this.#defaultTtlSeconds;
    this.#remove(key);
    const chars = key.length + value.length;
    // An entry bigger than the whole budget would only evict everything else.
    if (ttl <= 0 || chars > this.#maxChars) return Promise.resolve();
    this.#entries.set(key, { value, expiresAt: this.#now() + ttl * 1000, chars });
    this.#chars += chars;
    // Map iteration order is insertion order, so the first key is the least recently used.
    while (this.#entries.size > this.#maxEntries || this.#chars > this.#maxChars) this.#remove(this.#entries.keys().next().value!);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#entries.clear();
    this.#chars = 0;
    return Promise.resolve();
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#chars -= entry.chars;
  }
}
