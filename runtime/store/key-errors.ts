/**
 * The errors a virtual key can meet, worded as LiteLLM's proxy words them
 * (litellm-config.md §10, §7.10) and shaped as OpenAI-style errors. None of them echoes
 * the presented key; a key is named by its abbreviation (`sk-...abcd`) at most.
 */
import { requestError, type ClientError } from '../server/openai-error.ts';
import type { LimitRefusal } from './key-rate-limits.ts';

/** A refusal plus the headers that go with it. */
export interface KeyRefusal {
  readonly error: ClientError;
  readonly headers?: Record<string, string>;
}

/** The key is not in the database (or was deleted). */
export function invalidKey(): KeyRefusal {
  return { error: requestError(401, 'Authentication Error, Invalid proxy server token passed.', 'auth_error') };
}

/** /key/block was called on it. */
export function blockedKey(): KeyRefusal {
  return { error: requestError(401, "Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin.", 'auth_error') };
}

/** Past its `expires`. */
export function expiredKey(expires: Date, now: Date): KeyRefusal {
  return { error: requestError(401, `Authentication Error - Expired Key. Key Expiry time ${expires.toISOString()} and current time ${now.toISOString()}`, 'expired_key') };
}

/** The key's `models` do not include the requested one. */
export function modelNotAllowed(model: string, allowed: readonly string[]): ClientError {
  return requestError(
    401,
    `Authentication Error, API Key not allowed to access model. This key can only access models=${JSON.stringify(allowed)}. Tried to access ${model}`,
    'key_model_access_denied',
    'model',
  );
}

/** Spend reached `max_budget`. */
export function budgetExceeded(keyName: string, spend: number, maxBudget: number): KeyRefusal {
  return { error: requestError(400, `Budget has been exceeded! Key=${keyName} Current cost: ${spend}, Max budget: ${maxBudget}`, 'budget_exceeded') };
}

const limitNames: Readonly<Record<LimitRefusal['kind'], string>> = { requests: 'rpm_limit', tokens: 'tpm_limit', parallel_requests: 'max_parallel_requests' };

/** A per-key rpm/tpm/parallel limit refused the request (429 with retry-after). */
export function rateLimited(keyName: string, refusal: LimitRefusal): KeyRefusal {
  const headers: Record<string, string> = { 'retry-after': String(refusal.retryAfterSeconds) };
  if (refusal.kind === 'requests') {
    headers['x-ratelimit-limit-requests'] = String(refusal.limit);
    headers['x-ratelimit-remaining-requests'] = '0';
  } else if (refusal.kind === 'tokens') {
    headers['x-ratelimit-limit-tokens'] = String(refusal.limit);
    headers['x-ratelimit-remaining-tokens'] = '0';
  }
  const message =
    refusal.kind === 'parallel_requests'
      ? `Max parallel request limit reached for api_key: ${keyName}. Limit: ${refusal.limit} (max_parallel_requests).`
      : `Rate limit exceeded for api_key: ${keyName}. Limit type: ${refusal.kind} (${limitNames[refusal.kind]}). Current limit: ${refusal.limit}, Remaining: 0.`;
  return { error: requestError(429, message, 'rate_limit_error'), headers };
}

/** The key could not be checked because the database is down (fail closed). */
export function databaseUnavailable(where: string): KeyRefusal {
  return {
    error: requestError(
      503,
      `Authentication Error, the virtual-key database (${where}) is unavailable, so the key cannot be checked. Retry shortly; general_settings.allow_requests_on_db_unavailable lets requests through meanwhile.`,
      'service_unavailable',
    ),
    headers: { 'retry-after': '1' },
  };
}
