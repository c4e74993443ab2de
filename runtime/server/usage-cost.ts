/**
 * The USD cost of a call from its usage and the deployment's per-token price (priceOf: the
 * config's, else the bundled list price): `x-litellm-response-cost` on complete responses,
 * `usage.cost` on a stream's usage chunk, and the recorder's cost behind key spend and /metrics.
 * A stream's headers leave before its usage is known, so LiteLLM carries the cost in the
 * usage object instead (PR #13319 behind `include_cost_in_streaming_usage`; by default since
 * PR #39069): only a positive value, and a cost the provider reported (OpenRouter) is kept.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { Usage } from '../providers/adapter.ts';
import { priceOf } from '../metrics/deployment-price.ts';

/** The cost of `usage` on `deployment`, when the deployment has a price and the usage is known. */
export function usageCost(deployment: Deployment, usage: Usage | undefined): number | undefined {
  if (!usage) return undefined;
  const price = priceOf(deployment)?.price;
  return price === undefined ? undefined : usage.prompt_tokens * price.input + usage.completion_tokens * price.output;
}

/** True when usageCost can price `deployment`'s usage (a relayed stream installs its line stamper only then). */
export function hasPrice(deployment: Deployment): boolean {
  return priceOf(deployment) !== undefined;
}

function isUsage(value: unknown): value is Usage & { cost?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as Usage).prompt_tokens === 'number' && typeof (value as Usage).completion_tokens === 'number';
}

/** Adds `usage.cost` to a stream chunk object that carries usage (in place); true when it did. */
export function stampChunkCost(chunk: object, deployment: Deployment): boolean {
  const usage = (chunk as { usage?: unknown }).usage;
  if (!isUsage(usage) || usage.cost !== undefined) return false;
  const cost = usageCost(deployment, usage);
  if (cost === undefined || !(cost > 0)) return false;
  (usage as { cost?: number }).cost = cost;
  return true;
}

const DATA_PREFIX = Buffer.from('data: ');

/**
 * The `data:` line of a relayed stream with `usage.cost` added, or undefined when the line
 * carries no usage (the common case costs one byte search) or nothing is to be added.
 */
export function stampLineCost(line: Buffer, deployment: Deployment): Buffer | undefined {
  if (!line.includes('"usage"') || line.includes('"usage":null')) return undefined;
  const start = line.indexOf(0x7b);
  if (start === -1) return undefined;
  let chunk: unknown;
  try {
    chunk = JSON.parse(line.toString('utf8', start));
  } catch {
    return undefined;
  }
  if (typeof chunk !== 'object' || chunk === null || !stampChunkCost(chunk, deployment)) return undefined;
  // The line's own ending (`\n`, `\n\n` is two lines) is kept as it was.
  const text = line.toString('utf8', start);
  const ending = text.slice(text.trimEnd().length);
  return Buffer.concat([DATA_PREFIX, Buffer.from(JSON.stringify(chunk) + ending)]);
}
