/**
 * The failures the proxy itself raises about an upstream exchange, in LiteLLM's vocabulary:
 * broken streams, filtered output (content-policy), and messages carrying the class prefix
 * with any quoted provider key masked.
 */
import type { NormalizedError } from '../providers/adapter.ts';
import { UpstreamFailure } from '../router/types.ts';

/** A stream that ended or broke before its normal end. */
export const streamBrokenError: NormalizedError = {
  status: 500,
  message: 'upstream stream ended before completion',
  type: 'server_error',
  code: null,
  param: null,
  errorClass: 'APIConnectionError',
  retryable: false,
};

/** An UpstreamFailure whose message carries LiteLLM's `litellm.<Class>: ` prefix (§7.10). */
export function upstreamFailure(error: NormalizedError): UpstreamFailure {
  return new UpstreamFailure(error.message.startsWith('litellm.') ? error : { ...error, message: `litellm.${error.errorClass}: ${error.message}` });
}

/** LiteLLM's error for a response whose output was filtered (drives content-policy fallbacks). */
export const blockedOutputError: NormalizedError = {
  status: 400,
  message: 'Response output was blocked.',
  type: 'invalid_request_error',
  code: 'content_filter',
  param: null,
  errorClass: 'ContentPolicyViolationError',
  retryable: false,
};

/** A chat response with no choices, or whose first choice ended in content_filter. */
export function outputBlocked(value: object): boolean {
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return true;
  return (choices[0] as { finish_reason?: unknown } | null)?.finish_reason === 'content_filter';
}

/**
 * Some providers quote the key they rejected in the error message; the client must never see
 * the proxy's own provider key, so any occurrence is masked (error path only).
 */
export function withoutKey(error: NormalizedError, apiKey: string | undefined): NormalizedError {
  if (!apiKey || apiKey.length < 4 || !error.message.includes(apiKey)) return error;
  return { ...error, message: error.message.split(apiKey).join('***') };
}
