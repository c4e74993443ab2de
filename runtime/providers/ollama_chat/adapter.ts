import type { AdapterTarget, Operation, ProviderAdapter, RequestContext, UpstreamRequest } from '../adapter.ts';
import { badRequest } from '../shared/provider-error.ts';
import { toChatRequest } from '../ollama/convert-request.ts';
import { fromOllamaResponse } from '../ollama/convert-response.ts';
import { parseOllamaError } from '../ollama/errors.ts';
import { OllamaStreamTranslator } from '../ollama/stream-events.ts';
import { nativeRequest } from '../ollama/native-request.ts';

function ensureSupported(operation: Operation): void {
  // LiteLLM's embedding dispatch knows only `ollama/`; an `ollama_chat/` embedding deployment fails there too.
  if (operation === 'embedding') {
    throw badRequest('ollama_chat does not support embeddings; use an ollama/ deployment for them', { code: 'unsupported_operation' });
  }
}

/**
 * The `ollama_chat/…` adapter: Ollama's native `/api/chat` (roles, tools and tool calls
 * kept), NDJSON streams. Shares its translation code with the `ollama` adapter.
 */
const ollamaChatAdapter: ProviderAdapter = {
  kind: 'ollama_chat',

  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest {
    ensureSupported(operation);
    return nativeRequest('/api/chat', toChatRequest, operation, body, target, context);
  },

  parseResponse(operation, json, _target, context) {
    ensureSupported(operation);
    return fromOllamaResponse(operation, json, context);
  },

  createStreamTranslator(operation, _target, context) {
    ensureSupported(operation);
    return new OllamaStreamTranslator(operation, context);
  },

  parseError: parseOllamaError,
};

export default ollamaChatAdapter;
