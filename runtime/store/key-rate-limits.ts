/**
 * Per-key rpm, tpm and max_parallel_requests (litellm-config.md §10), counted in this
 * process's memory over a sliding minute (runtime/state/sliding-window.ts): requests as an
 * exact log of timestamps, tokens in 10-second buckets. Tokens are only known after the
 * response, so tpm admits the request that crosses the limit and refuses the next ones,
 * as LiteLLM does. Several instances each count their own traffic (LiteLLM needs Redis
 * for cross-instance accuracy too).
 */
import { BUCKET_MS, WINDOW_MS, windowLayout, windowTotal } from '../state/sliding-window.ts';

/** The limits of one key; null = none. */
export interface KeyLimits {
  readonly rpmLimit: number | null;
  readonly tpmLimit: number | null;
  readonly maxParallelRequests: number | null;
}

/** Why a request was refused, for the 429. */
export interface LimitRefusal {
  readonly kind: 'requests' | 'tokens' | 'parallel_requests';
  readonly limit: number;
  /** Seconds until a retry can succeed (at least 1). */
  readonly retryAfterSeconds: number;
}

interface KeyCounters {
  /** Admission times in the last minute, oldest first. */
  requests: number[];
  /** Tokens by bucket number. */
  tokens: Map<number, number>;
  inFlight: number;
  lastUsed: number;
}

/** Per-key counters; idle keys are dropped after a window. */
export class KeyRateLimits {
  readonly #counters = new Map<string, KeyCounters>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Admits one request for `keyHash` or says which limit refused it. An admitted request
   * holds a parallel slot until `release`.
   */
  admit(keyHash: string, limits: KeyLimits): LimitRefusal | undefined {
    const now = this.#now();
    let counters = this.#counters.get(keyHash);
    if (counters === undefined) {
      if (limits.rpmLimit === null && limits.tpmLimit === null && limits.maxParallelRequests === null) return undefined;
      this.#sweep(now);
      counters = { requests: [], tokens: new Map(), inFlight: 0, lastUsed: now };
      this.#counters.set(keyHash, counters);
    }
    counters.lastUsed = now;
    const requests = counters.requests;
    while (requests.length > 0 && requests[0]! <= now - WINDOW_MS) requests.shift();
    if (limits.maxParallelRequests !== null && counters.inFlight >= limits.maxParallelRequests) {
      return { kind: 'parallel_requests', limit: limits.maxParallelRequests, retryAfterSeconds: 1 };
    }
    if (limits.rpmLimit !== null && requests.length >= limits.rpmLimit) {
      const oldest = requests[requests.length - limits.rpmLimit] ?? now;
      return { kind: 'requests', limit: limits.rpmLimit, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    if (limits.tpmLimit !== null && this.#tokensInWindow(counters, now) >= limits.tpmLimit) {
      return { kind: 'tokens', limit: limits.tpmLimit, retryAfterSeconds: Math.max(1, Math.ceil(BUCKET_MS / 1000)) };
    }
    requests.push(now);
    counters.inFlight += 1;
    return undefined;
  }

  /** Frees the parallel slot of an admitted request and counts its tokens. */
  release(keyHash: string, tokens: number): void {
    const counters = this.#counters.get(keyHash);
    if (counters === undefined) return;
    counters.inFlight = Math.max(0, counters.inFlight - 1);
    if (tokens > 0) {
      const bucket = Math.floor(this.#now() / BUCKET_MS);
      counters.tokens.set(bucket, (counters.tokens.get(bucket) ?? 0) + tokens);
    }
  }

  /** Requests admitted for the key in the last minute. */
  requestsInWindow(keyHash: string): number {
    const now = this.#now();
    return this.#counters.get(keyHash)?.requests.filter((time) => time > now - WINDOW_MS).length ?? 0;
  }

  #tokensInWindow(counters: KeyCounters, now: number): number {
    const layout = windowLayout(now);
    for (const bucket of counters.tokens.keys()) if (bucket < layout.buckets[0]!) counters.tokens.delete(bucket);
    return windowTotal(
      layout.buckets.map((bucket) => counters.tokens.get(bucket) ?? 0),
      layout.oldestWeight,
    );
  }

  /** Forgets keys idle for more than two windows with nothing in flight (keeps the map bounded by active keys). */
  #sweep(now: number): void {
    if (this.#counters.size < 1024) return;
    for (const [key, counters] of this.#counters) if (counters.inFlight === 0 && counters.lastUsed < now - 2 * WINDOW_MS) this.#counters.delete(key);
  }
}
