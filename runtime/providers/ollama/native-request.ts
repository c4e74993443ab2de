/**
 * The upstream request for Ollama's native chat endpoints, shared by the `ollama`
 * (`/api/generate`) and `ollama_chat` (`/api/chat`) adapters: deployment params merged under
 * the body, the body translated by the endpoint's converter, `extra_body` applied, NDJSON
 * streams.
 */
import type { AdapterTarget, Operation, RequestContext, UpstreamRequest } from '../adapter.ts';
import { applyExtraBody, dropParamsFor, mergeDeploymentParams } from '../shared/request-params.ts';
import type { ConvertOptions } from './convert-request.ts';
import { ollamaHeaders, ollamaUrl } from './urls.ts';

/** Converts the merged OpenAI body for one endpoint (toGenerateRequest, toChatRequest). */
export type NativeConverter = (operation: Operation, body: Readonly<Record<string, unknown>>, options: ConvertOptions) => Record<string, unknown>;

/** Builds the request to `endpoint` with `convert`. */
export function nativeRequest(
  endpoint: '/api/generate' | '/api/chat',
  convert: NativeConverter,
  operation: Operation,
  body: Readonly<Record<string, unknown>>,
  target: AdapterTarget,
  context: RequestContext,
): UpstreamRequest {
  const merged = mergeDeploymentParams(body, target.params);
  const request = convert(operation, merged.body, {
    model: target.model,
    provider: target.provider,
    dropParams: dropParamsFor(target.dropParams, merged.body),
    stream: context.stream,
  });
  return {
    method: 'POST',
    url: ollamaUrl(target.apiBase, endpoint),
    headers: ollamaHeaders(target.apiKey, { ...target.headers, ...merged.extraHeaders }),
    body: JSON.stringify(applyExtraBody(request, merged.body)),
    streamFraming: 'ndjson',
  };
}
