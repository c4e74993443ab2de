/**
 * Pure statistics for the benchmark: nearest-rank percentiles over latency samples
 * and medians over per-round figures. Kept free of I/O so the unit tests can pin them.
 */

/**
 * The p-th percentile (0 < p <= 100) of `samples` by the nearest-rank method: the
 * smallest sample such that at least p% of the samples are <= it. Nearest-rank never
 * invents a value between two samples, so a p99 is always a latency that really happened.
 * `samples` need not be sorted; it is not modified. Returns NaN for no samples.
 */
export function percentile(samples: ArrayLike<number>, p: number): number {
  return percentileOfSorted(sortedCopy(samples), p);
}

/** As {@link percentile}, for an array already sorted ascending (avoids re-sorting per percentile). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  // Rank is 1-based: ceil(p/100 * n). The epsilon keeps 0.99 * 100 = 98.99999… from rounding up
  // to rank 100 on float error.
  const rank = Math.max(1, Math.ceil((p / 100) * n - 1e-9));
  return sorted[Math.min(rank, n) - 1] as number;
}

/** A sorted Float64Array copy of the samples (numeric sort, unlike Array#sort's default). */
export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(samples);
  copy.sort();
  return copy;
}

/** Median of per-round figures (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return Number.NaN;
  const middle = n >> 1;
  return n % 2 === 1 ? (finite[middle] as number) : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
}

/** The latency above which a request counts as slow in {@link LatencySummary.slowShare}. */
export const SLOW_REQUEST_MS = 1;

/** Latency summary in milliseconds (fractional, so microseconds survive). */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /**
   * Share of the samples over {@link SLOW_REQUEST_MS} (0–1; NaN for none). On a machine whose
   * wake-ups sometimes take milliseconds, a p99 jumps between runs when that share is near 1%;
   * the share itself says how often a target's requests met one, and compares targets steadily.
   */
  readonly slowShare: number;
}

/** Summarises samples given in nanoseconds as milliseconds. */
export function summarizeNanoseconds(samplesNs: ArrayLike<number>): LatencySummary {
  const sorted = sortedCopy(samplesNs);
  let sum = 0;
  let slow = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i] as number;
    if ((sorted[i] as number) > SLOW_REQUEST_MS * 1e6) slow++;
  }
  return {
    count: sorted.length,
    p50Ms: percentileOfSorted(sorted, 50) / 1e6,
    p90Ms: percentileOfSorted(sorted, 90) / 1e6,
    p99Ms: percentileOfSorted(sorted, 99) / 1e6,
    meanMs: sorted.length === 0 ? Number.NaN : sum / sorted.length / 1e6,
    slowShare: sorted.length === 0 ? Number.NaN : slow / sorted.length,
  };
}

/**
 * Summarises a latency histogram, [microseconds, count] pairs in any order and possibly
 * repeating a value (histograms of several rounds concatenated), as milliseconds, with the
 * same nearest-rank percentiles as {@link summarizeNanoseconds} over the expanded samples.
 */
export function summarizeHistogramUs(bins: readonly (readonly [number, number])[]): LatencySummary {
  const sorted = [...bins].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  let count = 0;
  let sum = 0;
  let slow = 0;
  for (const [value, times] of sorted) {
    count += times;
    sum += value * times;
    if (value > SLOW_REQUEST_MS * 1000) slow += times;
  }
  const at = (p: number): number => {
    if (count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * count - 1e-9));
    let seen = 0;
    for (const [value, times] of sorted) {
      seen += times;
      if (seen >= rank) return value;
    }
    return sorted.at(-1)![0];
  };
  return {
    count,
    p50Ms: at(50) / 1000,
    p90Ms: at(90) / 1000,
    p99Ms: at(99) / 1000,
    meanMs: count === 0 ? Number.NaN : sum / count / 1000,
    slowShare: count === 0 ? Number.NaN : slow / count,
  };
}

/**
 * Median and range of the ratios a[i] / b[i] of two targets' per-round figures. Both
 * figures of a pair come from the same round, seconds apart, so they share the machine's
 * state of the moment; on a VM whose speed drifts over minutes, the median of the pairs is
 * steadier than the ratio of the two medians. Pairs with a missing or non-positive divisor
 * are skipped.
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): { readonly median: number; readonly min: number; readonly max: number; readonly pairs: number } {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const top = a[i];
    const bottom = b[i];
    if (top !== undefined && bottom !== undefined && bottom > 0 && Number.isFinite(top)) ratios.push(top / bottom);
  }
  if (ratios.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, pairs: 0 };
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), pairs: ratios.length };
}
