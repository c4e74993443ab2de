/** The one weighted random choice every strategy's pick goes through. */

/**
 * Index chosen with probability weights[i] / sum(weights), using `random` in [0, 1);
 * -1 when no weight is positive.
 */
export function pickWeighted(weights: readonly number[], random: () => number): number {
  let total = 0;
  for (const weight of weights) if (weight > 0) total += weight;
  if (!(total > 0)) return -1;
  let point = random() * total;
  let last = -1;
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index]!;
    if (!(weight > 0)) continue;
    last = index;
    if (point < weight) return index;
    point -= weight;
  }
  // Floating-point rounding can leave `point` a hair above the last weight.
  return last;
}

/** Normalises weights to probabilities (all zero stays all zero). */
export function toProbabilities(weights: readonly number[]): number[] {
  let total = 0;
  for (const weight of weights) if (weight > 0) total += weight;
  return weights.map((weight) => (total > 0 && weight > 0 ? weight / total : 0));
}
