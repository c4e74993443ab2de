/**
 * Running totals for one deployment or one requested model: requests, failures by status
 * and error class, tokens, cost and latency histograms. Updated in place on the hot path
 * (numbers and small maps keyed by a bounded set of values; no strings built per request)
 * and read when the dashboard or a Prometheus scrape asks.
 */
import { LatencyHistogram } from './latency-histogram.ts';

/** Counts per status code, per error class, etc. (keys from small, bounded sets). */
function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function rounded(ms: number | undefined): number | null {
  return ms === undefined ? null : Number(ms.toFixed(2));
}

/** Totals since the proxy started. */
export class UsageAggregate {
  /** Requests that completed (any status). */
  requests = 0;
  /** Requests that ended with status >= 400 or broke mid-stream. */
  failures = 0;
  /** Upstream attempts that failed on this deployment (retried or not). */
  attemptFailures = 0;
  promptTokens = 0;
  completionTokens = 0;
  /** USD, summed over requests whose deployment has per-token prices. */
  cost = 0;
  /** Whole request, as the client saw it. */
  readonly latency = new LatencyHistogram();
  /** Upstream call of the attempt that answered (non-streaming requests). */
  readonly upstreamLatency = new LatencyHistogram();
  /** Upstream time to the first streamed bytes (streaming requests). */
  readonly timeToFirstToken = new LatencyHistogram();
  /** Completed requests by HTTP status. */
  readonly statuses = new Map<number, number>();
  /** Failed requests by error class, then status. */
  readonly failuresByClass = new Map<string, Map<number, number>>();
  /** Failed attempts by error class (deployments only). */
  readonly attemptFailuresByClass = new Map<string, number>();
  /** Epoch ms of the latest completed request, 0 before the first. */
  lastAt = 0;
  /** Status of the latest completed request (or failed attempt), 0 before the first. */
  lastStatus = 0;

  /**
   * Adds one completed request. `errorClass` is set for failures only; `upstreamSeconds` when
   * a deployment answered (the whole call, or its first bytes when `stream`).
   */
  addRequest(at: number, status: number, latencySeconds: number, promptTokens: number, completionTokens: number, cost: number, errorClass: string | undefined, upstreamSeconds?: number, stream = false): void {
    this.requests += 1;
    this.lastAt = at;
    this.lastStatus = status;
    bump(this.statuses, status);
    if (errorClass !== undefined) {
      this.failures += 1;
      let byStatus = this.failuresByClass.get(errorClass);
      if (byStatus === undefined) this.failuresByClass.set(errorClass, (byStatus = new Map()));
      bump(byStatus, status);
    }
    this.promptTokens += promptTokens;
    this.completionTokens += completionTokens;
    this.cost += cost;
    this.latency.observe(latencySeconds);
    if (upstreamSeconds !== undefined) (stream ? this.timeToFirstToken : this.upstreamLatency).observe(upstreamSeconds);
  }

  /** Adds one failed upstream attempt (the router may have retried or fallen back after it). */
  addAttemptFailure(at: number, status: number, errorClass: string): void {
    this.attemptFailures += 1;
    this.lastAt = at;
    this.lastStatus = status;
    bump(this.attemptFailuresByClass, errorClass);
  }


  /** Plain JSON view for the dashboard API. */
  toJSON(): object {
    return {
      requests: this.requests,
      failures: this.failures,
      attempt_failures: this.attemptFailures,
      prompt_tokens: this.promptTokens,
      completion_tokens: this.completionTokens,
      cost: this.cost,
      mean_latency_ms: rounded(this.latency.meanMs),
      mean_upstream_ms: rounded(this.upstreamLatency.meanMs),
      mean_time_to_first_token_ms: rounded(this.timeToFirstToken.meanMs),
      last_status: this.lastStatus || null,
      last_at: this.lastAt ? new Date(this.lastAt).toISOString() : null,
    };
  }
}
