/**
 * "Did you mean …?" — the nearest known name to a misspelled one. Case and separators are
 * ignored first (`routerSettings`, `litellm-params` are the same key to a human), then an
 * optimal-string-alignment edit distance with a budget that grows with the word's length,
 * so short words only match on separator/case slips and long ones tolerate a few typos.
 */

/** Lower-cases and removes `_`, `-`, spaces and dots. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]/g, '');
}

/** Edits tolerated for a word of this length. */
function budget(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 13) return 2;
  return 3;
}

/**
 * The closest candidate within the edit budget, or undefined. Ties go to the candidate
 * listed first, so callers list the more common names first.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalizeName(name);
  if (wanted.length === 0) return undefined;
  const limit = budget(wanted.length);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) return undefined;
    const normalized = normalizeName(candidate);
    if (Math.abs(normalized.length - wanted.length) > limit) continue;
    const distance = normalized === wanted ? 0 : editDistance(wanted, normalized, Math.min(limit, bestDistance - 1));
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up
 * early (returning limit + 1) once every cell of a row exceeds the limit.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const width = b.length + 1;
  let previousPrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, index) => index);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = current[0];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return previous[b.length]!;
}

/**
 * The nearest allowed value, or else the one allowed value the input abbreviates
 * ("simple" → "simple-shuffle", "qdrant" → "qdrant-semantic"); the first such value when
 * several start the same way.
 */
export function suggestValue(value: string, allowed: readonly string[]): string | undefined {
  const near = nearestName(value, allowed);
  if (near !== undefined) return near;
  const wanted = normalizeName(value);
  if (wanted.length < 4) return undefined;
  return allowed.find((candidate) => normalizeName(candidate).startsWith(wanted));
}
