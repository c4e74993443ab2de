/**
 * A fixed-bucket latency histogram updated in place (no allocation per observation), in
 * the shape Prometheus exports: per-bucket counts, a sum and a count.
 */

/**
 * Upper bounds (seconds). LLM calls run from milliseconds (a cached or tiny completion) to
 * minutes (long streams), so the buckets span 5 ms to 5 min.
 */
export const latencyBucketsSeconds: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]);

/** Observations of one latency. */
export class LatencyHistogram {
  /** Observations per bucket (not cumulative); index = position in latencyBucketsSeconds, last = above all. */
  readonly counts = new Float64Array(latencyBucketsSeconds.length + 1);
  sumSeconds = 0;
  count = 0;

  observe(seconds: number): void {
    this.count += 1;
    this.sumSeconds += seconds;
    let bucket = 0;
    while (bucket < latencyBucketsSeconds.length && seconds > latencyBucketsSeconds[bucket]!) bucket += 1;
    this.counts[bucket]! += 1;
  }

  /** Mean in milliseconds, or undefined before the first observation. */
  get meanMs(): number | undefined {
    return this.count === 0 ? undefined : (this.sumSeconds / this.count) * 1000;
  }
}
