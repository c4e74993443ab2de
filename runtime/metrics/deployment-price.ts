/**
 * The one place that decides a deployment's per-token price, for everything that charges
 * usage: `x-litellm-response-cost`, a stream's `usage.cost`, key spend, `/metrics` and `/ui`
 * (all through usageCost in runtime/server/usage-cost.ts, so they agree to the bit). The
 * config's `input_cost_per_token`/`output_cost_per_token` come first, else the router's
 * bundled list-price table, marked as an estimate: LiteLLM likewise prices from its model
 * cost map unless the config registers its own prices (reference §2.2, pricing keys).
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import { lookupPrice, type TokenPrice } from '../router/price-table.ts';

/** Where a deployment's price comes from: its config, or the bundled list-price table (an estimate). */
export type PriceSource = 'config' | 'estimate';

/** A deployment's per-token price and where it came from. */
export interface DeploymentPrice {
  readonly price: TokenPrice;
  readonly source: PriceSource;
}

function resolvePrice(deployment: Deployment): DeploymentPrice | undefined {
  if (deployment.inputCostPerToken !== undefined && deployment.outputCostPerToken !== undefined) {
    return { price: { input: deployment.inputCostPerToken, output: deployment.outputCostPerToken }, source: 'config' };
  }
  // A catch-all or per-request provider serves many models: no single list price fits.
  const listed = deployment.dynamicProvider || deployment.wildcard ? undefined : lookupPrice(deployment.upstreamModel);
  return listed === undefined ? undefined : { price: listed, source: 'estimate' };
}

// Resolved once per deployment, by Deployment.index (the hot path reads one slot). The
// deployment is kept beside its price because another plan (a test, a reload) reuses indices.
const resolved: ({ readonly deployment: Deployment; readonly price: DeploymentPrice | undefined } | undefined)[] = [];

/** A deployment's per-token price and its source, or undefined when neither the config nor the table knows the model. */
export function priceOf(deployment: Deployment): DeploymentPrice | undefined {
  const entry = resolved[deployment.index];
  if (entry !== undefined && entry.deployment === deployment) return entry.price;
  const price = resolvePrice(deployment);
  resolved[deployment.index] = { deployment, price };
  return price;
}
