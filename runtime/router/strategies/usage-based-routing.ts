/**
 * usage-based-routing (v1): the candidate with the fewest tokens used this minute that
 * stays under its tpm and rpm with this request; ties go to the first in config order.
 * Usage is a sliding minute (LiteLLM: calendar minute, successes only).
 */
import type { RoutingStrategy } from './routing-strategy.ts';
import { overLimits } from './routing-strategy.ts';

const usageBasedRouting: RoutingStrategy = {
  name: 'usage-based-routing',
  needs: ['usage'],
  weigh(candidates, stats, request) {
    let best = -1;
    candidates.forEach((deployment, index) => {
      if (overLimits(deployment, stats.usage[index], request.inputTokens)) return;
      if (best < 0 || (stats.usage[index]?.tokens ?? 0) < (stats.usage[best]?.tokens ?? 0)) best = index;
    });
    return candidates.map((_, index) => (index === best ? 1 : 0));
  },
};

export default usageBasedRouting;
