import type { AdapterTarget, Operation, ProviderAdapter, RequestContext, UpstreamRequest } from '../adapter.ts';
import { embeddingInputs } from '../shared/embedding-input.ts';
import { applyExtraBody, dropParamsFor, mergeDeploymentParams } from '../shared/request-params.ts';
import { toGenerateRequest } from './convert-request.ts';
import { fromOllamaEmbeddings, fromOllamaResponse } from './convert-response.ts';
import { parseOllamaError } from './errors.ts';
import { OllamaStreamTranslator } from './stream-events.ts';
import { ollamaHeaders, ollamaUrl } from './urls.ts';

/**
 * The `ollama/…` adapter: Ollama's native `/api/generate` (chat messages flattened into
 * one prompt, as LiteLLM does) and `/api/embed`; streams are NDJSON.
 */
const ollamaAdapter: ProviderAdapter = {
  kind: 'ollama',

  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest {
    const merged = mergeDeploymentParams(body, target.params);
    if (operation === 'embedding') {
      // LiteLLM sends embeddings with no auth header at all, whatever the key.
      const request = { model: target.model, input: embeddingInputs(merged.body) };
      return { method: 'POST', url: ollamaUrl(target.apiBase, '/api/embed'), headers: { 'content-type': 'application/json', ...target.headers, ...merged.extraHeaders }, body: JSON.stringify(request) };
    }
    const request = toGenerateRequest(operation, merged.body, {
      model: target.model,
      provider: target.provider,
      dropParams: dropParamsFor(target.dropParams, merged.body),
      stream: context.stream,
    });
    return {
      method: 'POST',
      url: ollamaUrl(target.apiBase, '/api/generate'),
      headers: ollamaHeaders(target.apiKey, { ...target.headers, ...merged.extraHeaders }),
      body: JSON.stringify(applyExtraBody(request, merged.body)),
      streamFraming: 'ndjson',
    };
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
