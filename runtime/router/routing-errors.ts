/**
 * The errors the router itself raises, with LiteLLM's wording so clients that match on
 * message text keep working (reference §7.2, §7.3, §7.8, §7.9). All are NormalizedErrors
 * thrown as RoutingError; the server renders them as OpenAI-style JSON.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { NormalizedError } from '../providers/adapter.ts';
import type { CooldownEntry, UsageWindow } from '../state/router-state.ts';

/** Unknown model name (LiteLLM's proxy-level 400). */
export function invalidModel(model: string): NormalizedError {
  return {
    status: 400,
    message: `Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.`,
    type: 'invalid_request_error',
    code: '400',
    param: 'model',
    errorClass: 'BadRequestError',
    retryable: false,
  };
}

/**
 * Every deployment of the group is cooling down. N is the smallest configured cooldown
 * among them (as LiteLLM: not the time left); the list names this group's deployments
 * (LiteLLM lists every cooling deployment of the router).
 */
export function allCoolingDown(model: string, cooling: ReadonlyMap<string, CooldownEntry>, preCallChecks: boolean, fallbackSeconds: number): NormalizedError {
  let seconds = Infinity;
  for (const entry of cooling.values()) seconds = Math.min(seconds, entry.seconds);
  if (seconds === Infinity) seconds = fallbackSeconds;
  const ids = [...cooling.keys()].map((id) => `'${id}'`).join(', ');
  return rateLimited(
    `No deployments available for selected model, Try again in ${formatSeconds(seconds)} seconds. Passed model=${model}. pre-call-checks=${preCallChecks ? 'True' : 'False'}, cooldown_list=[${ids}]`,
    seconds * 1000,
  );
}

/** Every candidate is over its rpm/tpm (pre-call checks, usage/latency/cost strategies). */
export function noneUnderLimits(model: string, candidates: readonly Deployment[], usage: readonly (UsageWindow | undefined)[]): NormalizedError {
  const details = candidates
    .map((deployment, index) => {
      const used = usage[index] ?? { requests: 0, tokens: 0 };
      return `'${deployment.id}': {'current_tpm': ${used.tokens}, 'tpm_limit': ${deployment.tpm ?? 'None'}, 'current_rpm': ${used.requests}, 'rpm_limit': ${deployment.rpm ?? 'None'}}`;
    })
    .join(', ');
  return rateLimited(`No deployments available for selected model, Try again in 60 seconds. Passed model=${model}. Deployments={${details}}`, 60_000);
}

/** A hard rpm/tpm limit refused the last deployment left (usage-based-routing-v2 / enforce_model_rate_limits). */
export function deploymentOverLimit(kind: 'rpm' | 'tpm', limit: number, current: number, enforceModelRateLimits: boolean): NormalizedError {
  const message = enforceModelRateLimits
    ? `Model rate limit exceeded. ${kind.toUpperCase()} limit=${limit}, current usage=${current}`
    : `Deployment over defined ${kind} limit=${limit}. current usage=${current}`;
  return rateLimited(message, 60_000);
}

/** Pre-call checks dropped every deployment for its context window. */
export function contextWindowTooSmall(candidates: readonly Deployment[], inputTokens: number): NormalizedError {
  const lines = candidates.map((deployment) => `Model=${deployment.upstreamModel}, Max Input Tokens=${deployment.maxInputTokens}, Got=${inputTokens}`);
  return {
    status: 400,
    message: `litellm._pre_call_checks: Context Window exceeded for given call. No models have context window large enough for this call.\n${lines.join('\n')}`,
    type: 'invalid_request_error',
    code: '400',
    param: null,
    errorClass: 'ContextWindowExceededError',
    retryable: false,
  };
}

/** What LiteLLM's mock_testing_* request switches raise. */
export function mockFailure(kind: 'fallbacks' | 'context' | 'content-policy', group: string, fallbacks: string): NormalizedError {
  if (kind === 'context') {
    return {
      status: 400,
      message: `litellm.ContextWindowExceededError: This is a mock exception for model=${group}, to trigger a context window fallback. Context_Window_Fallbacks=${fallbacks}`,
      type: 'invalid_request_error',
      code: '400',
      param: null,
      errorClass: 'ContextWindowExceededError',
      retryable: false,
    };
  }
  if (kind === 'content-policy') {
    return {
      status: 400,
      message: `litellm.ContentPolicyViolationError: This is a mock exception for model=${group}, to trigger a content policy fallback. Content_Policy_Fallbacks=${fallbacks}`,
      type: 'invalid_request_error',
      code: '400',
      param: null,
      errorClass: 'ContentPolicyViolationError',
      retryable: false,
    };
  }
  return {
    status: 500,
    message: `litellm.InternalServerError: This is a mock exception for model=${group}, to trigger a fallback. Fallbacks=${fallbacks}`,
    type: 'internal_server_error',
    code: '500',
    param: null,
    errorClass: 'InternalServerError',
    retryable: true,
  };
}

/** The original error of a group whose fallbacks all failed, annotated as LiteLLM does. */
export function fallbacksFailed(original: NormalizedError, group: string, targets: readonly string[], last: NormalizedError | undefined): NormalizedError {
  const tried = `[${targets.map((target) => `'${target}'`).join(', ')}]`;
  const tail = last ? `\nError doing the fallback: ${last.message}` : '';
  return { ...original, message: `${original.message}. Received Model Group=${group}\nAvailable Model Group Fallbacks=${tried}${tail}` };
}

function rateLimited(message: string, retryAfterMs: number): NormalizedError {
  return {
    status: 429,
    message,
    type: 'rate_limit_error',
    code: '429',
    param: null,
    errorClass: 'RateLimitError',
    retryable: true,
    retryAfterMs,
  };
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}
