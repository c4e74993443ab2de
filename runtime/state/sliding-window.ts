/**
 * The rpm/tpm windows. LiteLLM counts per calendar minute (`HH-MM` keys), which lets twice
 * the limit through around a minute boundary; here both are sliding minutes:
 *
 * - requests: an exact sliding log (one timestamp per request in the last 60 s), so
 *   `rpm: 60` admits at most 60 requests in any 60 seconds. Only deployments with an rpm
 *   are ever read, and those are held near their limit, so the log stays about rpm long.
 * - tokens: six 10-second buckets plus the current one; the oldest bucket counts only for
 *   the part of it still inside the last 60 s (assuming its tokens were spread evenly).
 *   Tokens arrive after the response, so tpm is a soft limit anyway (as in LiteLLM).
 */

/** Length of the sliding minute. */
export const WINDOW_MS = 60_000;
/** Width of a token bucket. */
export const BUCKET_MS = 10_000;
/** Token buckets kept per window: the current one and six before it. */
export const BUCKET_COUNT = 7;
/** Bucket keys outlive the window a little so late readers still see them. */
export const BUCKET_TTL_MS = (BUCKET_COUNT + 1) * BUCKET_MS;

/** Bucket numbers of a window, oldest first, and the weight of the oldest one. */
export interface WindowLayout {
  readonly buckets: readonly number[];
  readonly oldestWeight: number;
}

/** The token buckets the window covers at `now`. */
export function windowLayout(now: number): WindowLayout {
  const current = Math.floor(now / BUCKET_MS);
  const buckets: number[] = [];
  for (let offset = BUCKET_COUNT - 1; offset >= 0; offset--) buckets.push(current - offset);
  // At the start of the current bucket the oldest one is still (almost) fully inside the
  // last 60 s; by the end of the current bucket it has slid out completely.
  const oldestWeight = 1 - (now - current * BUCKET_MS) / BUCKET_MS;
  return { buckets, oldestWeight };
}

/** Window total from bucket counts (oldest first, same order as `windowLayout`). */
export function windowTotal(counts: readonly number[], oldestWeight: number): number {
  let total = 0;
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index] ?? 0;
    total += index === 0 ? count * oldestWeight : count;
  }
  return Math.round(total);
}
