/**
 * The per-token price the dashboard and /metrics charge a deployment's usage at: the
 * config's `input_cost_per_token`/`output_cost_per_token` (what x-litellm-response-cost
 * uses), else the router's bundled list-price table, marked as an estimate.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import { lookupPrice, type TokenPrice } from '../router/price-table.ts';

/** Where a deployment's price comes from: its config (as x-litellm-response-cost), or the bundled list-price table (an estimate). */
export type PriceSource = 'config' | 'estimate';

/** A deployment's per-token price and its source, or undefined when neither knows the model. */
export function priceOf(deployment: Deployment): { readonly price: TokenPrice; readonly source: PriceSource } | undefined {
  if (deployment.inputCostPerToken !== undefined && deployment.outputCostPerToken !== undefined) {
    return { price: { input: deployment.inputCostPerToken, output: deployment.outputCostPerToken }, source: 'config' };
  }
  const listed = deployment.dynamicProvider || deployment.wildcard ? undefined : lookupPrice(deployment.upstreamModel);
  return listed === undefined ? undefined : { price: listed, source: 'estimate' };
}
