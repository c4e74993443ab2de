import type { AdapterTarget, Operation, ProviderAdapter, RequestContext, UpstreamRequest } from '../adapter.ts';
import { embeddingInputs } from '../shared/embedding-input.ts';
import { applyExtraBody, dropParamsFor, isSet, mergeDeploymentParams } from '../shared/request-params.ts';
import { toGeminiRequest } from './convert-request.ts';
import { fromGeminiEmbeddings, fromGeminiResponse } from './convert-response.ts';
import { parseGeminiError } from './errors.ts';
import { GeminiStreamTranslator } from './stream-events.ts';

/** Google AI Studio's API root, hard-coded in LiteLLM's `_get_gemini_url`. */
export const GEMINI_DEFAULT_BASE = 'https://generativelanguage.googleapis.com/v1beta';

/** The Gemini REST method an operation calls. */
export type GeminiMethod = 'generateContent' | 'streamGenerateContent' | 'batchEmbedContents';

/**
 * The URL LiteLLM calls: without a custom base, `…/v1beta/models/{model}:{method}`;
 * with an `api_base`, `{api_base}:{method}` — LiteLLM adds neither the version nor
 * the model, so such a base must already end in `/models/<model>` (LiteLLM issues
 * #7830, #8772). Streams add `?alt=sse` (without it Gemini streams a JSON array).
 */
export function geminiUrl(apiBase: string | undefined, model: string, method: GeminiMethod): string {
  const custom = apiBase !== undefined && apiBase !== '' && apiBase.replace(/\/+$/, '') !== GEMINI_DEFAULT_BASE;
  const prefix = custom ? apiBase : `${GEMINI_DEFAULT_BASE}/models/${model}`;
  return `${prefix}:${method}${method === 'streamGenerateContent' ? '?alt=sse' : ''}`;
}

/** The Google AI Studio Gemini adapter (`gemini/…` deployments). */
const geminiAdapter: ProviderAdapter = {
  kind: 'gemini',

  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest {
    const merged = mergeDeploymentParams(body, target.params);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers, ...merged.extraHeaders };
    // Current LiteLLM sends the key as a header only (never `?key=`, which would leak into logs).
    if (target.apiKey) headers['x-goog-api-key'] = target.apiKey;
    if (operation === 'embedding') {
      const dimensions = merged.body['dimensions'];
      const requests = embeddingInputs(merged.body).map((text) => {
        const request: Record<string, unknown> = { model: `models/${target.model}`, content: { parts: [{ text }] } };
        if (isSet(merged.body, 'dimensions') && typeof dimensions === 'number') request['outputDimensionality'] = dimensions;
        return request;
      });
      return { method: 'POST', url: geminiUrl(target.apiBase, target.model, 'batchEmbedContents'), headers, body: JSON.stringify({ requests }) };
    }
    const request = toGeminiRequest(operation, merged.body, { model: target.model, provider: target.provider, dropParams: dropParamsFor(target.dropParams, merged.body) });
    const method = context.stream ? 'streamGenerateContent' : 'generateContent';
    return { method: 'POST', url: geminiUrl(target.apiBase, target.model, method), headers, body: JSON.stringify(applyExtraBody(request, merged.body)), streamFraming: 'sse' };
  },

  parseResponse(operation, json, _target, context) {
    return operation === 'embedding' ? fromGeminiEmbeddings(json, context) : fromGeminiResponse(operation, json, context);
  },

  createStreamTranslator(operation, _target, context) {
    return new GeminiStreamTranslator(operation, context);
  },

  parseError: parseGeminiError,
};

export default geminiAdapter;
