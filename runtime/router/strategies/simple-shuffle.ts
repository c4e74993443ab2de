/**
 * simple-shuffle (LiteLLM's default): weighted random by `weight`, else by `rpm`, else by
 * `tpm`, else uniform. Follows LiteLLM's 2026 rule: the first of weight/rpm/tpm that is
 * positive on ANY candidate decides (V25 looked only at the first candidate, so one
 * unweighted deployment listed first made the whole group uniform). Candidates with 0 in
 * the chosen set are never picked.
 */
import type { Deployment } from '../../../compiler/plan/routing-plan.ts';
import type { RoutingStrategy } from './routing-strategy.ts';

const weightSets: readonly ((deployment: Deployment) => number | undefined)[] = [
  (deployment) => deployment.weight,
  (deployment) => deployment.rpm,
  (deployment) => deployment.tpm,
];

const simpleShuffle: RoutingStrategy = {
  name: 'simple-shuffle',
  needs: [],
  weigh(candidates) {
    for (const read of weightSets) {
      const weights = candidates.map((deployment) => Math.max(0, read(deployment) ?? 0));
      if (weights.some((weight) => weight > 0)) return weights;
    }
    return candidates.map(() => 1);
  },
};

export default simpleShuffle;
