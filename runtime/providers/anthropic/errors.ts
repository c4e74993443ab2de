import type { NormalizedError } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import type { HeaderBag } from '../shared/retry-after.ts';
import { bodyExcerpt, upstreamError } from '../shared/upstream-error.ts';
import type { UpstreamErrorDetails } from '../shared/upstream-error.ts';

/** Status for an Anthropic `error.type` when no HTTP status is known (errors inside a 200 stream). */
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** OpenAI codes for Anthropic error types that have one (providers.md §9.2). */
const CODE_BY_TYPE: Readonly<Record<string, string>> = {
  authentication_error: 'invalid_api_key',
  not_found_error: 'model_not_found',
  rate_limit_error: 'rate_limit_exceeded',
};

function details(errorType: string, message: string, error: Record<string, unknown>): UpstreamErrorDetails {
  const result: { -readonly [K in keyof UpstreamErrorDetails]: UpstreamErrorDetails[K] } = { exception: 'AnthropicException', message };
  const code = CODE_BY_TYPE[errorType];
  if (code !== undefined) result.code = code;
  // A spend-limit 429 will not clear by retrying (providers.md §4.5).
  const extra = isRecord(error['details']) ? error['details'] : {};
  if (errorType === 'rate_limit_error' && extra['error_code'] === 'enforced_spend_limit_reached') {
    result.code = 'insufficient_quota';
    result.type = 'insufficient_quota';
    result.retryable = false;
  }
  return result;
}

/** Maps a non-2xx Anthropic reply (`{"type":"error","error":{type,message}}`) to a NormalizedError. */
export function parseAnthropicError(status: number, body: string, headers: HeaderBag): NormalizedError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const error = isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : undefined;
  if (!error) return upstreamError(status, { exception: 'AnthropicException', message: bodyExcerpt(body) }, headers);
  const type = typeof error['type'] === 'string' ? error['type'] : '';
  const message = typeof error['message'] === 'string' ? error['message'] : bodyExcerpt(body);
  return upstreamError(status, details(type, message, error), headers);
}

/** Maps an `event: error` received after the 200 (e.g. overloaded mid-stream). */
export function streamError(payload: unknown): NormalizedError {
  const error = isRecord(payload) && isRecord(payload['error']) ? payload['error'] : {};
  const type = typeof error['type'] === 'string' ? error['type'] : 'api_error';
  const message = typeof error['message'] === 'string' ? error['message'] : 'stream error';
  return upstreamError(STATUS_BY_TYPE[type] ?? 500, details(type, message, error));
}
