/**
 * Azure OpenAI: the OpenAI adapter with Azure's URL scheme and `api-key` header
 * (providers.md §3), plus one stream fix: Azure's first chunk often carries only
 * `prompt_filter_results` with empty `choices`, `id`, `object` and `model`, which OpenAI
 * clients and the spec do not expect, so such chunks are dropped.
 */
import type { AdapterTarget, ProviderAdapter } from '../adapter.ts';
import { createOpenAiAdapter } from '../openai/adapter.ts';
import { composeAzureUrl, isAzureV1Version } from './compose-url.ts';

// LiteLLM's AZURE_DEFAULT_API_VERSION, used when the plan carries none.
const defaultApiVersion = '2025-02-01-preview';

function authHeaders(target: AdapterTarget): Record<string, string> {
  const version = target.apiVersion ?? defaultApiVersion;
  // v1 goes through the plain OpenAI client (Bearer); dated versions send api-key.
  if (target.apiKey) return isAzureV1Version(version) ? { authorization: `Bearer ${target.apiKey}` } : { 'api-key': target.apiKey };
  const token = target.params.azure_ad_token;
  return typeof token === 'string' ? { authorization: `Bearer ${token}` } : {};
}

function filterChunk(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = chunk.choices;
  const empty = !Array.isArray(choices) || choices.length === 0;
  // Keep the include_usage chunk (choices: [] with usage); drop content-filter-only chunks.
  if (empty && !chunk.usage) return undefined;
  if (chunk.object !== 'chat.completion.chunk' && chunk.object !== 'text_completion') chunk.object = 'chat.completion.chunk';
  return chunk;
}

const azureAdapter: ProviderAdapter = createOpenAiAdapter({
  kind: 'azure',
  url: (operation, target) => composeAzureUrl(target.apiBase, target.model, target.apiVersion ?? defaultApiVersion, operation),
  authHeaders,
  filterChunk,
});
export default azureAdapter;
