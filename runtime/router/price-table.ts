/**
 * A small bundled price table (USD per token, public list prices) for cost-based routing
 * when a deployment declares no prices. Not a billing source: LiteLLM's full cost map is
 * far larger; this covers the models configs name most often. Dated snapshots
 * (`gpt-4o-2024-08-06`) match their family by longest prefix.
 */

/** USD per token. */
export interface TokenPrice {
  readonly input: number;
  readonly output: number;
}

const prices: Readonly<Record<string, TokenPrice>> = {
  'gpt-4o': { input: 2.5e-6, output: 1e-5 },
  'gpt-4o-mini': { input: 1.5e-7, output: 6e-7 },
  'gpt-4.1': { input: 2e-6, output: 8e-6 },
  'gpt-4.1-mini': { input: 4e-7, output: 1.6e-6 },
  'gpt-4.1-nano': { input: 1e-7, output: 4e-7 },
  'gpt-4-turbo': { input: 1e-5, output: 3e-5 },
  'gpt-4': { input: 3e-5, output: 6e-5 },
  'gpt-3.5-turbo': { input: 5e-7, output: 1.5e-6 },
  'o3-mini': { input: 1.1e-6, output: 4.4e-6 },
  'o4-mini': { input: 1.1e-6, output: 4.4e-6 },
  'text-embedding-3-small': { input: 2e-8, output: 0 },
  'text-embedding-3-large': { input: 1.3e-7, output: 0 },
  'claude-3-5-sonnet': { input: 3e-6, output: 1.5e-5 },
  'claude-3-7-sonnet': { input: 3e-6, output: 1.5e-5 },
  'claude-sonnet-4': { input: 3e-6, output: 1.5e-5 },
  'claude-3-5-haiku': { input: 8e-7, output: 4e-6 },
  'claude-3-haiku': { input: 2.5e-7, output: 1.25e-6 },
  'claude-3-opus': { input: 1.5e-5, output: 7.5e-5 },
  'claude-opus-4': { input: 1.5e-5, output: 7.5e-5 },
  'gemini-1.5-pro': { input: 1.25e-6, output: 5e-6 },
  'gemini-1.5-flash': { input: 7.5e-8, output: 3e-7 },
  'gemini-2.0-flash': { input: 1e-7, output: 4e-7 },
  'gemini-2.5-flash': { input: 3e-7, output: 2.5e-6 },
  'gemini-2.5-pro': { input: 1.25e-6, output: 1e-5 },
  'deepseek-chat': { input: 2.7e-7, output: 1.1e-6 },
  'deepseek-reasoner': { input: 5.5e-7, output: 2.19e-6 },
};

const byLength = Object.keys(prices).sort((a, b) => b.length - a.length);

/** Price of a model id (without provider prefix), or undefined when the table lacks it. */
export function lookupPrice(model: string): TokenPrice | undefined {
  const exact = prices[model];
  if (exact) return exact;
  const name = model.slice(model.lastIndexOf('/') + 1);
  const family = byLength.find((key) => name === key || name.startsWith(`${key}-`) || name.startsWith(`${key}@`));
  return family === undefined ? undefined : prices[family];
}
