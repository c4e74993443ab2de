/**
 * The router's shared counters, one interface per concern. Each has an in-memory
 * implementation (one instance) and a Redis one (several instances share it); the router
 * only sees these interfaces. Times are milliseconds from the injected clock.
 *
 * Reads are batched per candidate list (one Redis round trip each); writes that nothing
 * waits on (in-flight, latency, tokens) are fire-and-forget.
 */

/** Requests and tokens counted over the sliding minute (see sliding-window.ts). */
export interface UsageWindow {
  readonly requests: number;
  readonly tokens: number;
}

/** The outcome of counting one request against an rpm limit. */
export interface RequestAdmission {
  readonly admitted: boolean;
  /** Requests in the window after this one was (or was not) counted. */
  readonly requests: number;
}

/** rpm/tpm windows per deployment id. */
export interface UsageCounters {
  /** Usage over the current sliding minute, in the order of `ids`. */
  read(ids: readonly string[]): Promise<UsageWindow[]>;
  /**
   * Counts one request for `id`. With a `limit`, counts it only if the window holds fewer
   * than `limit` requests, atomically across instances, and says whether it was admitted.
   */
  acquireRequest(id: string, limit?: number): Promise<RequestAdmission>;
  /** Adds tokens (prompt + completion) once a response is complete. */
  addTokens(id: string, tokens: number): void;
}

/** Requests currently in flight per deployment id (least-busy). */
export interface InFlightCounters {
  read(ids: readonly string[]): Promise<number[]>;
  increment(id: string): void;
  decrement(id: string): void;
}

/** Which latency list a sample belongs to. */
export type LatencyKind = 'latency' | 'ttft';

/** Recent latency samples (seconds) per model group and deployment (latency-based-routing). */
export interface LatencyStats {
  /** Samples per id, newest first, each list at most `maxSamples` long. */
  read(group: string, ids: readonly string[], kind: LatencyKind): Promise<number[][]>;
  record(group: string, id: string, kind: LatencyKind, seconds: number): void;
}

/** Why and until when a deployment is excluded from routing. */
export interface CooldownEntry {
  /** Epoch ms at which the deployment becomes eligible again. */
  readonly until: number;
  /** The cooldown duration that was applied, in seconds (LiteLLM reports this, not the time left). */
  readonly seconds: number;
  readonly status: number;
  /** First 50 characters of the error that caused it. */
  readonly reason: string;
}

/** Deployment cooldowns. */
export interface CooldownStore {
  /** The entries of the ids that are cooling down now; ids not cooling are absent. */
  cooling(ids: readonly string[]): Promise<Map<string, CooldownEntry>>;
  /** Cools `id` down; an existing later deadline is kept (a re-cool never shortens it). */
  coolDown(id: string, entry: CooldownEntry): Promise<void>;
}

/** Everything the router keeps, plus a way to release connections. */
export interface RouterState {
  readonly usage: UsageCounters;
  readonly inFlight: InFlightCounters;
  readonly latency: LatencyStats;
  readonly cooldowns: CooldownStore;
  /** 'memory' or 'redis' (for logs and `explain`). */
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Options common to both implementations. */
export interface StateOptions {
  readonly now: () => number;
  /** Latency list length (routing_strategy_args.max_latency_list_size, default 10). */
  readonly maxLatencySamples?: number;
  /** Latency samples expire after this many seconds (routing_strategy_args.ttl, default 3600). */
  readonly latencyTtlSeconds?: number;
}
