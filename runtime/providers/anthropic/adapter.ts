import type { AdapterTarget, Operation, ProviderAdapter, RequestContext, UpstreamRequest } from '../adapter.ts';
import { badRequest } from '../shared/provider-error.ts';
import { appendPath, applyExtraBody, dropParamsFor, mergeDeploymentParams } from '../shared/request-params.ts';
import { toAnthropicRequest } from './convert-request.ts';
import { fromAnthropicResponse } from './convert-response.ts';
import { parseAnthropicError } from './errors.ts';
import { AnthropicStreamTranslator } from './stream-events.ts';

/** Anthropic's public API base, used when the deployment has none. */
export const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';

/**
 * The API version the proxy speaks upstream. Pinned rather than taken from the client:
 * the body this adapter builds (temperature, top_p …) is the 2023-06-01 shape.
 */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * `{base}/v1/messages` unless the base already ends with it. No slash normalising: a
 * trailing slash gives `//v1/messages` exactly as LiteLLM sends it.
 */
export function anthropicUrl(apiBase: string | undefined): string {
  return appendPath(apiBase || ANTHROPIC_DEFAULT_BASE, '/v1/messages');
}

function ensureSupported(operation: Operation): void {
  if (operation === 'embedding') throw badRequest('anthropic does not support embeddings', { code: 'unsupported_operation' });
}

/** The Anthropic Messages API adapter (`anthropic/…` deployments). */
const anthropicAdapter: ProviderAdapter = {
  kind: 'anthropic',

  buildRequest(operation: Operation, body: Record<string, unknown>, target: AdapterTarget, context: RequestContext): UpstreamRequest {
    ensureSupported(operation);
    const merged = mergeDeploymentParams(body, target.params);
    const request = toAnthropicRequest(operation, merged.body, {
      model: target.model,
      provider: target.provider,
      dropParams: dropParamsFor(target.dropParams, merged.body),
      stream: context.stream,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: context.stream ? 'text/event-stream' : 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
      ...target.headers,
      ...merged.extraHeaders,
    };
    if (target.apiKey) headers['x-api-key'] = target.apiKey;
    return { method: 'POST', url: anthropicUrl(target.apiBase), headers, body: JSON.stringify(applyExtraBody(request, merged.body)), streamFraming: 'sse' };
  },

  parseResponse(operation, json, _target, context) {
    ensureSupported(operation);
    return fromAnthropicResponse(operation, json, context);
  },

  createStreamTranslator(operation, _target, context) {
    ensureSupported(operation);
    return new AnthropicStreamTranslator(operation, context);
  },

  parseError: parseAnthropicError,
};

export default anthropicAdapter;
