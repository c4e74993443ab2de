/**
 * usage-based-routing-v2: among candidates whose tpm has room for this request, those with
 * the fewest tokens used this minute, picked uniformly. rpm is a hard limit enforced at
 * call time by the router (an atomic check-and-count shared through Redis), as in LiteLLM;
 * the selection step ignores it like LiteLLM V25 effectively does.
 */
import type { RoutingStrategy } from './routing-strategy.ts';

const usageBasedRoutingV2: RoutingStrategy = {
  name: 'usage-based-routing-v2',
  needs: ['usage'],
  weigh(candidates, stats, request) {
    let lowest = Infinity;
    const tokens = candidates.map((deployment, index) => {
      const used = stats.usage[index]?.tokens ?? 0;
      if (deployment.tpm !== undefined && used + request.inputTokens > deployment.tpm) return undefined;
      if (used < lowest) lowest = used;
      return used;
    });
    return tokens.map((used) => (used !== undefined && used === lowest ? 1 : 0));
  },
};

export default usageBasedRoutingV2;
