/**
 * least-busy: the candidate with the fewest requests in flight; ties go to the first in
 * config order (no randomness, as LiteLLM). LiteLLM takes the minimum over every deployment
 * it has seen and falls back to a uniform pick when that one is cooling down; this takes
 * the minimum over the current candidates only.
 */
import type { RoutingStrategy } from './routing-strategy.ts';

const leastBusy: RoutingStrategy = {
  name: 'least-busy',
  needs: ['inFlight'],
  weigh(candidates, stats) {
    let best = -1;
    for (let index = 0; index < candidates.length; index++) {
      if (best < 0 || (stats.inFlight[index] ?? 0) < (stats.inFlight[best] ?? 0)) best = index;
    }
    return candidates.map((_, index) => (index === best ? 1 : 0));
  },
};

export default leastBusy;
