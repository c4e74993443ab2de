/**
 * The response-cache key of a request (litellm-config.md §8 "Cache key"): the request's
 * LLM-API parameters, with `model` replaced by the model group as requested (or by its
 * caching group), hashed with SHA-256; `<namespace>:<hash>` when a namespace applies.
 *
 * Deviation from LiteLLM, on purpose: LiteLLM concatenates `name: python-str(value)` in
 * keyword-argument order, so the same request sent with its JSON keys in another order
 * (another SDK, another serializer) gets another key. Here parameters and nested object
 * keys are taken in sorted order (canonical JSON), so equal requests always share an entry.
 * The keys are therefore not byte-identical to LiteLLM's; a cache is never shared with it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * Parameter names that take part in the key: the union of the OpenAI chat-completion,
 * text-completion, embedding, transcription, Responses-API and rerank parameters and the
 * Anthropic Messages ones, plus `thinking` (§8 step 2). `metadata` is left out, and so is
 * everything that only steers the proxy (`cache`, `timeout`, `num_retries`, `fallbacks`…).
 */
export const cacheKeyParams: ReadonlySet<string> = new Set([
  // chat completions
  'model', 'messages', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs',
  'max_completion_tokens', 'max_tokens', 'modalities', 'n', 'parallel_tool_calls', 'prediction', 'presence_penalty',
  'prompt_cache_key', 'reasoning_effort', 'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop',
  'store', 'stream', 'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user',
  'verbosity', 'web_search_options',
  // text completions
  'prompt', 'best_of', 'echo', 'suffix',
  // embeddings
  'input', 'dimensions', 'encoding_format',
  // transcriptions
  'file', 'language', 'timestamp_granularities', 'chunking_strategy', 'include',
  // responses API
  'instructions', 'background', 'max_output_tokens', 'max_tool_calls', 'previous_response_id', 'reasoning',
  'text', 'truncation', 'conversation', 'prompt_cache_retention',
  // rerank
  'query', 'documents', 'top_n', 'return_documents', 'rank_fields', 'max_chunks_per_doc',
  // anthropic messages
  'system', 'stop_sequences', 'top_k', 'tool_config', 'container', 'mcp_servers',
  // LiteLLM adds this one by hand
  'thinking',
]);

/** Key settings that come from the config. */
export interface CacheKeySettings {
  /**
   * router_settings.caching_groups: groups that share entries. A request for any member is
   * keyed by the whole list, so every member reads what another wrote.
   */
  readonly cachingGroups?: readonly (readonly string[])[];
}

/**
 * The SHA-256 (hex) of a request's key material. `model` is the model name as requested
 * (LiteLLM's `metadata.model_group` at the first hop), so all deployments of a group share
 * entries while an alias and its target do not. `null` values are skipped, as LiteLLM
 * skips `None`.
 */
export function cacheKeyHash(body: Readonly<Record<string, unknown>>, model: string, settings: CacheKeySettings = {}): string {
  const material: Record<string, unknown> = {};
  for (const name in body) {
    if (name === 'model' || !cacheKeyParams.has(name)) continue;
    const value = body[name];
    if (value === null || value === undefined) continue;
    material[name] = value;
  }
  material.model = modelKeyValue(model, settings.cachingGroups);
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

/** The group list containing `model` (as JSON text) when caching groups name it, else `model`. */
function modelKeyValue(model: string, cachingGroups: CacheKeySettings['cachingGroups']): string {
  if (cachingGroups) {
    for (const members of cachingGroups) {
      if (members.includes(model)) return JSON.stringify(members);
    }
  }
  return model;
}

/**
 * The namespace that applies to one request: the request's `cache.namespace`, else its
 * `metadata.redis_namespace`, else cache_params.namespace (§8 step 5).
 */
export function resolveNamespace(requestNamespace: string | undefined, body: Readonly<Record<string, unknown>>, configured: string | undefined): string | undefined {
  if (requestNamespace) return requestNamespace;
  const metadata = body.metadata;
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const fromMetadata = (metadata as Record<string, unknown>).redis_namespace;
    if (typeof fromMetadata === 'string' && fromMetadata !== '') return fromMetadata;
  }
  return configured || undefined;
}

/** `<namespace>:<hash>`, or the bare hash without a namespace. */
export function namespacedKey(hash: string, namespace: string | undefined): string {
  return namespace ? `${namespace}:${hash}` : hash;
}
