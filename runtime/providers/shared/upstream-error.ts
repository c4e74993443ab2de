import type { NormalizedError } from '../adapter.ts';
import { headerValue, retryAfterMs } from './retry-after.ts';
import type { HeaderBag } from './retry-after.ts';
import { classifyStatus, isContextWindowMessage } from './status-classification.ts';

/** What a provider's error body said, after the adapter has read its own format. */
export interface UpstreamErrorDetails {
  /** LiteLLM's exception label for the provider, e.g. 'AnthropicException'. */
  readonly exception: string;
  readonly message: string;
  /** OpenAI error code when the provider's type maps to one (model_not_found, rate_limit_exceeded …). */
  readonly code?: string | null;
  readonly param?: string | null;
  /** Overrides from the provider's own classification (e.g. spend limits are not retryable). */
  readonly errorClass?: string;
  readonly type?: string;
  readonly retryable?: boolean;
  /** A delay the body carried (Gemini RetryInfo) when no header gave one. */
  readonly bodyRetryAfterMs?: number;
}

/** Recognises "the prompt does not fit" and content-policy refusals the way LiteLLM's exception mapper does. */
const CONTENT_POLICY = /content (filtering )?policy|safety (system|filter)|blocked by .*(policy|safety)/i;

/**
 * Builds the NormalizedError for an upstream failure: status → OpenAI type and LiteLLM
 * class (providers.md §8), 400s that say the context window overflowed become
 * ContextWindowExceededError with `code: context_length_exceeded`, content-policy
 * refusals ContentPolicyViolationError, `retry-after-ms`/`retry-after` become
 * `retryAfterMs`, and `x-should-retry: false` makes the error final. Messages read
 * like LiteLLM's (`litellm.RateLimitError: AnthropicException - …`).
 */
export function upstreamError(status: number, details: UpstreamErrorDetails, headers: HeaderBag = {}): NormalizedError {
  const base = classifyStatus(status);
  let errorClass = details.errorClass ?? base.errorClass;
  let code = details.code ?? null;
  if (base.status === 400 && details.errorClass === undefined) {
    if (isContextWindowMessage(details.message)) {
      errorClass = 'ContextWindowExceededError';
      code = 'context_length_exceeded';
    } else if (CONTENT_POLICY.test(details.message)) {
      errorClass = 'ContentPolicyViolationError';
      code = 'content_policy_violation';
    }
  }
  let retryable = details.retryable ?? base.retryable;
  if (headerValue(headers, 'x-should-retry')?.trim().toLowerCase() === 'false') retryable = false;
  const error: { -readonly [K in keyof NormalizedError]: NormalizedError[K] } = {
    status: base.status,
    message: `litellm.${errorClass}: ${details.exception} - ${details.message}`,
    type: details.type ?? base.type,
    code,
    param: details.param ?? null,
    errorClass,
    retryable,
  };
  const delay = retryAfterMs(headers) ?? details.bodyRetryAfterMs;
  if (delay !== undefined) error.retryAfterMs = delay;
  return error;
}

/** A short, safe excerpt of a non-JSON error body (HTML error pages can be huge). */
export function bodyExcerpt(body: string): string {
  const text = body.trim();
  return text === '' ? 'upstream returned an empty error body' : text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
