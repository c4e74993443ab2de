import type { AdapterTarget, Operation, ProviderAdapter, RequestContext, UpstreamRequest } from '../adapter.ts';
import { embeddingInputs } from '../shared/embedding-input.ts';
import { mergeDeploymentParams } from '../shared/request-params.ts';
import { toGenerateRequest } from './convert-request.ts';
import { fromOllamaEmbeddings, fromOllamaResponse } from './convert-response.ts';
import { parseOllamaError } from './errors.ts';
import { OllamaStreamTranslator } from './stream-events.ts';
import { nativeRequest } from './native-request.ts';
import { ollamaUrl } from './urls.ts';

/**
 * The `ollama/…` adapter: Ollama's native `/api/generate` (chat messages flattened into
 * one prompt, as LiteLLM does) and `/api/embed`; streams are NDJSON.
 */
const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',

  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest {
    if (operation === 'embedding') {
      const merged = mergeDeploymentParams(body, target.params);
      // LiteLLM sends embeddings with no auth header at all, whatever the key.
      const request = { model: target.model, input: embeddingInputs(merged.body) };
      return { method: 'POST', url: ollamaUrl(target.apiBase, '/api/embed'), headers: { 'content-type': 'application/json', ...target.headers, ...merged.extraHeaders }, body: JSON.stringify(request) };
    }
    return nativeRequest('/api/generate', toGenerateRequest, operation, body, target, context);
  },

  parseResponse(operation, json, _target, context) {
    return operation === 'embedding' ? fromOllamaEmbeddings(json, context) : fromOllamaResponse(operation, json, context);
  },

  createStreamTranslator(operation, _target, context) {
    return new OllamaStreamTranslator(operation, context);
  },

  parseError: parseOllamaError,
};

export default ollamaAdapter;
