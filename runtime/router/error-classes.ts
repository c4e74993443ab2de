/**
 * LiteLLM's exception classes as the router needs them: the parent chain each class walks
 * when `retry_policy` / `allowed_fails_policy` are looked up (most specific first, as
 * LiteLLM's 2026 lookup does), and the policy key names.
 */
import type { NormalizedError } from '../providers/adapter.ts';

const parents: Readonly<Record<string, string>> = {
  ContextWindowExceededError: 'BadRequestError',
  ContentPolicyViolationError: 'BadRequestError',
  UnsupportedParamsError: 'BadRequestError',
  BadGatewayError: 'InternalServerError',
  APIConnectionError: 'InternalServerError',
};

/** Policy key stem per class ("Timeout" is spelled TimeoutError in policy keys). */
function stem(errorClass: string): string {
  return errorClass === 'Timeout' ? 'TimeoutError' : errorClass;
}

/** `errorClass` and its ancestors, most specific first. */
export function classChain(errorClass: string): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = errorClass; current !== undefined && !chain.includes(current); current = parents[current]) {
    chain.push(current);
  }
  return chain;
}

/**
 * The policy value for an error: `<Class>Retries` / `<Class>AllowedFails` for the class or
 * its nearest ancestor, else `Default<suffix>` (retry policies only). Undefined when none.
 */
export function policyValue(policy: Readonly<Record<string, number>> | undefined, errorClass: string, suffix: 'Retries' | 'AllowedFails'): number | undefined {
  if (!policy) return undefined;
  for (const name of classChain(errorClass)) {
    const value = policy[`${stem(name)}${suffix}`];
    if (typeof value === 'number') return value;
  }
  const fallback = suffix === 'Retries' ? policy['DefaultRetries'] : undefined;
  return typeof fallback === 'number' ? fallback : undefined;
}

/** True for LiteLLM ContextWindowExceededError (triggers context_window_fallbacks). */
export function isContextWindowError(error: NormalizedError): boolean {
  return error.errorClass === 'ContextWindowExceededError';
}

/** True for LiteLLM ContentPolicyViolationError (triggers content_policy_fallbacks). */
export function isContentPolicyError(error: NormalizedError): boolean {
  return error.errorClass === 'ContentPolicyViolationError';
}

/** LiteLLM 2026: 408, 409, 429 and 5xx are worth retrying; connection failures too. */
export function isRetryableStatus(error: NormalizedError): boolean {
  const status = error.status;
  if (error.errorClass === 'APIConnectionError' || error.errorClass === 'Timeout') return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
