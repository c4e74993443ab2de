import type { NormalizedError } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { durationToMs } from '../shared/retry-after.ts';
import type { HeaderBag } from '../shared/retry-after.ts';
import { bodyExcerpt, upstreamError } from '../shared/upstream-error.ts';
import type { UpstreamErrorDetails } from '../shared/upstream-error.ts';

/** google.rpc status names → the status to use when the HTTP status is unknown (errors inside a stream). */
const STATUS_BY_NAME: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, OUT_OF_RANGE: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403,
  NOT_FOUND: 404, RESOURCE_EXHAUSTED: 429, CANCELLED: 499, INTERNAL: 500, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504,
};

function errorInfoReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) if (isRecord(detail) && typeof detail['reason'] === 'string') return detail['reason'];
  return undefined;
}

function retryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (isRecord(detail) && String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo')) return durationToMs(detail['retryDelay']);
  }
  return undefined;
}

/**
 * Maps a google.rpc.Status error (`{"error":{code,message,status,details}}`) per
 * providers.md §5.5/§9.5: an invalid API key arrives as 400 INVALID_ARGUMENT with
 * reason API_KEY_INVALID and is an authentication error (401); RESOURCE_EXHAUSTED is a
 * rate limit whose RetryInfo delay ("41s") stands in for the missing Retry-After.
 */
export function geminiError(status: number | undefined, error: Record<string, unknown>, headers: HeaderBag): NormalizedError {
  const name = typeof error['status'] === 'string' ? error['status'] : '';
  const message = typeof error['message'] === 'string' ? error['message'] : 'Gemini request failed';
  let effective = status ?? (typeof error['code'] === 'number' ? error['code'] : STATUS_BY_NAME[name] ?? 500);
  const details: { -readonly [K in keyof UpstreamErrorDetails]: UpstreamErrorDetails[K] } = { exception: 'GeminiException', message };
  if (errorInfoReason(error['details']) === 'API_KEY_INVALID' || /API key not valid/i.test(message)) {
    effective = 401;
    details.code = 'invalid_api_key';
  } else if (name === 'NOT_FOUND') details.code = 'model_not_found';
  else if (name === 'RESOURCE_EXHAUSTED' || effective === 429) details.code = 'rate_limit_exceeded';
  const delay = retryDelay(error['details']);
  if (delay !== undefined) details.bodyRetryAfterMs = delay;
  // 499 CANCELLED means the call was abandoned, not refused: another attempt may work.
  if (effective === 499) details.retryable = true;
  return upstreamError(effective, details, headers);
}

/** Maps a non-2xx Gemini reply to a NormalizedError (the body may be an error object or `[{"error":…}]`). */
export function parseGeminiError(status: number, body: string, headers: HeaderBag): NormalizedError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (isRecord(parsed) && isRecord(parsed['error'])) return geminiError(status, parsed['error'], headers);
  return upstreamError(status, { exception: 'GeminiException', message: bodyExcerpt(body) }, headers);
}
