/**
 * Upstream error normalisation for OpenAI-shaped providers: parse the body defensively
 * (OpenAI/Azure/DeepSeek `{"error":{…}}`, vLLM's flat `{"object":"error",…}`, OpenRouter's
 * numeric code, a bare string) and map the status to LiteLLM's exception class
 * (litellm-config.md §7.10) with a retry decision (providers.md §8).
 */
import type { NormalizedError } from '../adapter.ts';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** LiteLLM exception class and OpenAI error type per HTTP status. */
export function errorClassForStatus(status: number): { errorClass: string; type: string } {
  switch (status) {
    case 400: return { errorClass: 'BadRequestError', type: 'invalid_request_error' };
    case 401: return { errorClass: 'AuthenticationError', type: 'authentication_error' };
    case 402: return { errorClass: 'BadRequestError', type: 'insufficient_quota' };
    case 403: return { errorClass: 'PermissionDeniedError', type: 'permission_error' };
    case 404: return { errorClass: 'NotFoundError', type: 'invalid_request_error' };
    case 408: return { errorClass: 'Timeout', type: 'timeout' };
    case 413: return { errorClass: 'BadRequestError', type: 'invalid_request_error' };
    case 422: return { errorClass: 'UnprocessableEntityError', type: 'invalid_request_error' };
    case 429: return { errorClass: 'RateLimitError', type: 'rate_limit_error' };
    case 500: return { errorClass: 'InternalServerError', type: 'server_error' };
    case 502: return { errorClass: 'BadGatewayError', type: 'server_error' };
    case 503: return { errorClass: 'ServiceUnavailableError', type: 'server_error' };
    default:
      return status >= 500 ? { errorClass: 'APIError', type: 'server_error' } : { errorClass: 'BadRequestError', type: 'invalid_request_error' };
  }
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry delay from `retry-after-ms` (preferred, as the SDKs do) or `retry-after` (seconds or HTTP date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = header(headers, 'retry-after');
  if (after === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function stringOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Display name LiteLLM uses in messages: `OpenAIException - …`. */
export function providerExceptionName(provider: string): string {
  const names: Record<string, string> = { openai: 'OpenAI', azure: 'Azure', deepseek: 'Deepseek', xai: 'XAI', openrouter: 'OpenRouter' };
  return `${names[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1)}Exception`;
}

/** Normalises a non-2xx reply from an OpenAI-shaped provider. */
export function parseOpenAiError(provider: string, status: number, body: string, headers: Headers): NormalizedError {
  let message = body.trim() || `upstream returned HTTP ${status}`;
  let type: string | undefined;
  let code: string | null = null;
  let param: string | null = null;
  try {
    let parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) parsed = parsed[0];
    if (typeof parsed === 'object' && parsed !== null) {
      const root = parsed as Record<string, unknown>;
      const error = typeof root.error === 'object' && root.error !== null ? (root.error as Record<string, unknown>) : root;
      if (typeof root.error === 'string') message = root.error;
      else if (typeof error.message === 'string') message = error.message;
      if (typeof error.type === 'string') type = error.type;
      code = stringOrNull(error.code);
      param = stringOrNull(error.param);
    }
  } catch {
    // Not JSON (an HTML error page from a gateway, say): keep the text as the message.
  }
  // 529 (overloaded) is unknown to OpenAI clients; present it as 503 (providers.md §8).
  const clientStatus = status === 529 ? 503 : status;
  let { errorClass, type: defaultType } = errorClassForStatus(clientStatus);
  if (clientStatus === 400 && (code === 'context_length_exceeded' || /maximum context length|context length/i.test(message))) {
    errorClass = 'ContextWindowExceededError';
  } else if (clientStatus === 400 && (code === 'content_filter' || code === 'content_policy_violation')) {
    errorClass = 'ContentPolicyViolationError';
  }
  const quota = code === 'insufficient_quota' || type === 'insufficient_quota';
  const retryable = clientStatus === 408 || clientStatus === 409 || (clientStatus === 429 && !quota) || clientStatus >= 500;
  const delay = retryAfterMs(headers);
  const normalized: NormalizedError = {
    status: clientStatus,
    message: `${providerExceptionName(provider)} - ${message}`,
    type: type ?? defaultType,
    code,
    param,
    errorClass,
    retryable,
    ...(delay === undefined ? {} : { retryAfterMs: delay }),
  };
  return normalized;
}
