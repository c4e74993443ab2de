/**
 * Whether a failed call cools its deployment down, and for how long: a pure decision
 * (reference §7.9, LiteLLM 2026 thresholds).
 */
import type { Deployment, RouterPlan } from '../../compiler/plan/routing-plan.ts';
import type { NormalizedError } from '../providers/adapter.ts';
import { policyValue } from './error-classes.ts';

/** LiteLLM's DEFAULT_COOLDOWN_TIME_SECONDS. */
export const DEFAULT_COOLDOWN_SECONDS = 5;
/** LiteLLM's litellm.allowed_fails default; a router value equal to it means "unset". */
const DEFAULT_ALLOWED_FAILS = 3;
const FAILURE_RATIO = 0.5;
const MINIMUM_CALLS_FOR_RATIO = 5;
const SINGLE_DEPLOYMENT_FAILURES = 1000;

/** What the cooldown decision looks at after a failed call. */
export interface CooldownQuestion {
  readonly error: NormalizedError;
  readonly deployment: Deployment;
  readonly groupSize: number;
  readonly router: RouterPlan;
  /** Calls of this deployment in the current minute, this failure included. */
  readonly successes: number;
  readonly fails: number;
  /** Failures within the allowed_fails window (cooldown_time), this one included. */
  readonly recentFails: number;
}

/** Seconds to cool down for, or 0 for no cooldown. */
export function decideCooldown(question: CooldownQuestion): number {
  const { error, deployment, router } = question;
  if (router.disableCooldowns || deployment.wildcard) return 0;
  const status = error.status;
  // Client errors say nothing about the deployment's health, except these.
  if (status >= 400 && status < 500 && status !== 429 && status !== 401 && status !== 408 && status !== 404) return 0;
  const seconds = cooldownSeconds(question);
  if (seconds <= 0) return 0;
  return shouldCoolDown(question) ? seconds : 0;
}

/** Deployment cooldown_time, else the provider's Retry-After, else the router's (default 5 s). */
export function cooldownSeconds(question: Pick<CooldownQuestion, 'error' | 'deployment' | 'router'>): number {
  if (question.deployment.cooldownTime !== undefined && question.deployment.cooldownTime >= 0) return question.deployment.cooldownTime;
  const retryAfter = question.error.retryAfterMs;
  if (retryAfter !== undefined && retryAfter >= 0) return retryAfter / 1000;
  return question.router.cooldownTime || DEFAULT_COOLDOWN_SECONDS;
}

/** True when router settings switch LiteLLM to counting allowed fails. */
export function countingMode(router: RouterPlan): boolean {
  const policy = router.allowedFailsPolicy;
  return (policy !== undefined && Object.keys(policy).length > 0) || router.allowedFails !== DEFAULT_ALLOWED_FAILS;
}

function shouldCoolDown(question: CooldownQuestion): boolean {
  const { error, router } = question;
  if (countingMode(router)) {
    const allowed = policyValue(router.allowedFailsPolicy, error.errorClass, 'AllowedFails') ?? router.allowedFails;
    return question.recentFails > allowed;
  }
  const multi = question.groupSize > 1;
  if (error.status === 429 && multi) return true;
  const calls = question.successes + question.fails;
  if (question.successes === 0 && question.fails >= SINGLE_DEPLOYMENT_FAILURES) return true;
  if (multi && calls >= MINIMUM_CALLS_FOR_RATIO && question.fails / calls > FAILURE_RATIO) return true;
  // 401 and 404 will not fix themselves on the next call, even in a one-deployment group.
  const retryable = error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
  return !retryable && error.errorClass !== 'APIConnectionError';
}
