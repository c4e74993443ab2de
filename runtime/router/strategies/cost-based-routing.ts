/**
 * cost-based-routing: the cheapest candidate (input + output price per token) that is not
 * over its rpm/tpm this minute; ties go to the first in config order. Prices come from the
 * deployment (model_info / litellm_params; 0 counts as unset, as LiteLLM), else the bundled
 * table, else LiteLLM's default of 5.0 USD per token each.
 */
import type { Deployment } from '../../../compiler/plan/routing-plan.ts';
import { lookupPrice } from '../price-table.ts';
import type { RoutingStrategy } from './routing-strategy.ts';
import { overLimits } from './routing-strategy.ts';

/** LiteLLM's price for a model it cannot price (lowest_cost.py; its docs say 1.0). */
export const DEFAULT_PRICE_PER_TOKEN = 5.0;

/** Input + output price per token the strategy ranks `deployment` by. */
export function costPerToken(deployment: Deployment): number {
  const known = lookupPrice(deployment.upstreamModel);
  const input = deployment.inputCostPerToken || (known ? known.input : DEFAULT_PRICE_PER_TOKEN);
  const output = deployment.outputCostPerToken || (known ? known.output : DEFAULT_PRICE_PER_TOKEN);
  return input + output;
}

const costBasedRouting: RoutingStrategy = {
  name: 'cost-based-routing',
  needs: ['usage'],
  weigh(candidates, stats, request) {
    let best = -1;
    let bestCost = Infinity;
    candidates.forEach((deployment, index) => {
      if (overLimits(deployment, stats.usage[index], request.inputTokens)) return;
      const cost = costPerToken(deployment);
      if (cost < bestCost) {
        best = index;
        bestCost = cost;
      }
    });
    return candidates.map((_, index) => (index === best ? 1 : 0));
  },
};

export default costBasedRouting;
