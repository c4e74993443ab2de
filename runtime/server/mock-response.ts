/**
 * `mock_response` (reference §2.2 litellm_params, §7.12 request body): answer without calling
 * the provider, as LiteLLM's mock completion does — so users can test their clients, routing,
 * retries and fallbacks at no cost. The request's value wins over the deployment's.
 *
 * What LiteLLM makes of the value, and so this module:
 * - a string is the reply text: one choice (or `n`), `finish_reason: "stop"`, usage 10/20/30
 *   tokens; streamed, the text arrives in pieces of three characters;
 * - the strings `litellm.RateLimitError`, `litellm.InternalServerError` and
 *   `litellm.ContextWindowExceededError`, and one starting `Exception: content_filter_policy`,
 *   raise that error instead, so the router retries, cools down and falls back as for a real one;
 * - an object is the whole response, returned as JSON as it is (also when streaming was asked).
 * Embeddings are not mocked (LiteLLM's proxy has no mock for them either): they call the provider.
 */
import type { NormalizedError, Operation, ProviderAdapter, RequestContext, Usage } from '../providers/adapter.ts';
import { buildResponse, ChunkWriter } from '../providers/shared/openai-output.ts';

/** What a mock_response value asks for. */
export type MockReply =
  | { readonly kind: 'error'; readonly error: NormalizedError }
  | { readonly kind: 'json'; readonly value: object; readonly usage: Usage | undefined }
  | { readonly kind: 'stream'; readonly events: Buffer };

/** LiteLLM's mock completion reports this usage whatever the prompt. */
const mockUsage: Usage = { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 };

/** Streamed text goes out in pieces of this many characters, as LiteLLM's mock stream does. */
const PIECE = 3;

function mockError(status: number, errorClass: string, type: string, message: string, code: string | null, retryable: boolean): NormalizedError {
  return { status, errorClass, type, code, param: null, message: `litellm.${errorClass}: ${message}`, retryable };
}

/** The error a mock string raises, if it names one. */
function errorFor(text: string): NormalizedError | undefined {
  switch (text) {
    case 'litellm.RateLimitError':
      return mockError(429, 'RateLimitError', 'rate_limit_error', 'this is a mock rate limit error', null, true);
    case 'litellm.InternalServerError':
      return mockError(500, 'InternalServerError', 'server_error', 'this is a mock internal server error', null, true);
    case 'litellm.ContextWindowExceededError':
      return mockError(400, 'ContextWindowExceededError', 'invalid_request_error', 'this is a mock context window exceeded error', 'context_length_exceeded', false);
    default:
      return text.startsWith('Exception: content_filter_policy')
        ? mockError(400, 'ContentPolicyViolationError', 'invalid_request_error', text, 'content_policy_violation', false)
        : undefined;
  }
}

function choiceCount(body: Readonly<Record<string, unknown>>): number {
  const n = body.n;
  return typeof n === 'number' && Number.isInteger(n) && n > 1 ? n : 1;
}

/** The mock value in force for this request, if any: the request's, else the deployment's. */
export function mockValueFor(body: Readonly<Record<string, unknown>>, deploymentMock: unknown): unknown {
  const requested = body.mock_response;
  return requested !== undefined && requested !== null ? requested : deploymentMock;
}

/**
 * What to answer for `value` (a mock_response), or undefined when there is nothing to mock
 * (no value, a value of another type, or an embeddings call).
 */
export function mockReply(value: unknown, operation: Operation, body: Readonly<Record<string, unknown>>, context: RequestContext): MockReply | undefined {
  if (operation === 'embedding') return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const usage = (value as { usage?: unknown }).usage;
    return { kind: 'json', value: { ...value, model: context.requestedModel }, usage: typeof usage === 'object' && usage !== null ? (usage as Usage) : undefined };
  }
  if (typeof value !== 'string') return undefined;
  const error = errorFor(value);
  if (error) return { kind: 'error', error };
  const id = `${operation === 'completion' ? 'cmpl-' : 'chatcmpl-'}mock-${context.callId}`;
  const n = choiceCount(body);
  if (!context.stream) {
    const choices = Array.from({ length: n }, () => ({ content: value, toolCalls: [], finishReason: 'stop' }));
    return { kind: 'json', value: buildResponse(operation, context, id, choices, { ...mockUsage }), usage: mockUsage };
  }
  const writer = new ChunkWriter(operation, context, id);
  const chunks: object[] = [];
  for (let index = 0; index < n; index++) {
    chunks.push(...writer.role(index));
    for (let at = 0; at < value.length; at += PIECE) chunks.push(...writer.text(value.slice(at, at + PIECE), index));
    chunks.push(...writer.finish('stop', index));
  }
  chunks.push(...writer.usage({ ...mockUsage }));
  let events = '';
  for (const chunk of chunks) events += `data: ${JSON.stringify(chunk)}\n\n`;
  return { kind: 'stream', events: Buffer.from(`${events}data: [DONE]\n\n`) };
}

function notCalled(): never {
  throw new Error('the mock_response adapter only relays prepared events');
}

/**
 * Stands in for the deployment's adapter while a mocked stream is relayed: the events are
 * already OpenAI chunks, so they pass through as they are.
 */
export const mockStreamAdapter: ProviderAdapter = {
  kind: 'mock',
  streamPassthrough: true,
  buildRequest: notCalled,
  parseResponse: notCalled,
  createStreamTranslator: notCalled,
  parseError: notCalled,
};
