/**
 * Whether and when to retry a failed attempt within the same model group: a pure decision
 * (LiteLLM 2026 semantics, reference §7.7 and §7.13 item 4).
 */
import type { NormalizedError } from '../providers/adapter.ts';
import { isContentPolicyError, isContextWindowError, isRetryableStatus, policyValue } from './error-classes.ts';

/** What the retry decision looks at after a failed attempt. */
export interface RetryQuestion {
  readonly error: NormalizedError;
  /** Retries already made in this group for this request (0 after the first failure). */
  readonly retriesDone: number;
  /** Body `num_retries`, when the client sent one. */
  readonly requestRetries?: number;
  /** litellm_params.num_retries of the deployment that failed. */
  readonly deploymentRetries?: number;
  /** router_settings.num_retries (else litellm_settings.num_retries, else 2). */
  readonly routerRetries: number;
  /** model_group_retry_policy[group] if present (it replaces the global one), else retry_policy. */
  readonly policy?: Readonly<Record<string, number>>;
  /** Deployments in the group, and how many of them are not cooling down now. */
  readonly groupSize: number;
  readonly healthy: number;
  /** The request named a deployment id: LiteLLM never retries those. */
  readonly idAddressed: boolean;
  readonly contextWindowFallbacksConfigured: boolean;
  readonly contentPolicyFallbacksConfigured: boolean;
  /** router_settings.retry_after, seconds. */
  readonly retryAfterSeconds: number;
}

/** Whether to retry, how many retries the error allows, and how long to wait first. */
export interface RetryAnswer {
  readonly retry: boolean;
  /** How many retries this error allows in total. */
  readonly maxRetries: number;
  /** Wait before the retry, ms (0 when retrying at once on another deployment). */
  readonly delayMs: number;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const MAX_JITTER_MS = 750;
/** Retry-After values above this are ignored for the sleep (they still set cooldowns). */
const MAX_RETRY_AFTER_MS = 60_000;

/** Decides whether a failed attempt is retried within its group, and after what wait. */
export function decideRetry(question: RetryQuestion, random: () => number): RetryAnswer {
  const no = (maxRetries: number): RetryAnswer => ({ retry: false, maxRetries, delayMs: 0 });
  if (question.idAddressed) return no(0);
  let maxRetries = question.requestRetries ?? question.deploymentRetries ?? question.routerRetries;
  if (question.requestRetries === 0) return no(0);
  const fromPolicy = policyValue(question.policy, question.error.errorClass, 'Retries');
  if (fromPolicy !== undefined) {
    // A matching policy entry decides alone, even for errors that are otherwise final.
    maxRetries = fromPolicy;
  } else if (!retryable(question)) {
    return no(maxRetries);
  }
  if (question.retriesDone >= maxRetries) return no(maxRetries);
  return { retry: true, maxRetries, delayMs: backoffMs(question, random) };
}

function retryable(question: RetryQuestion): boolean {
  const { error } = question;
  const status = error.status;
  if (status === 401 || status === 403) {
    // Another deployment may hold a valid key; the same one will not.
    if (question.groupSize <= 1) return false;
  } else if (!isRetryableStatus(error)) {
    return false;
  }
  if (isContextWindowError(error) && question.contextWindowFallbacksConfigured) return false;
  if (isContentPolicyError(error) && question.contentPolicyFallbacksConfigured) return false;
  if (question.healthy === 0) return false;
  return true;
}

/**
 * No wait when another healthy deployment can take the retry; otherwise the provider's
 * Retry-After (when 0 < it ≤ 60 s), else exponential backoff from 0.5 s capped at 8 s,
 * but at least `retry_after`; plus 0–0.75 s of jitter so instances do not retry in lockstep.
 */
export function backoffMs(question: Pick<RetryQuestion, 'error' | 'retriesDone' | 'groupSize' | 'healthy' | 'retryAfterSeconds'>, random: () => number): number {
  if (question.groupSize !== 1 && question.healthy >= 1) return 0;
  const jitter = random() * MAX_JITTER_MS;
  const retryAfter = question.error.retryAfterMs;
  if (retryAfter !== undefined && retryAfter > 0 && retryAfter <= MAX_RETRY_AFTER_MS) return retryAfter + jitter;
  const exponential = INITIAL_DELAY_MS * 2 ** question.retriesDone;
  // LiteLLM caps `retry_after` at 8 s too; a configured minimum that is silently lowered
  // surprises, so here the cap applies to the exponential part only.
  return Math.max(Math.min(exponential, MAX_DELAY_MS), question.retryAfterSeconds * 1000) + jitter;
}
