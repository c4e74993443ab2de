import { describe, expect, it } from 'vitest';
import { decideCooldown, type CooldownQuestion } from '../../../runtime/router/cooldown-decision.ts';
import { fallbackListsFor, fallbackTargets } from '../../../runtime/router/fallback-lookup.ts';
import { backoffMs, decideRetry, type RetryQuestion } from '../../../runtime/router/retry-decision.ts';
import { defaultRouter, deployment } from './plan-builder.ts';
import { errors } from './router-harness.ts';

const noJitter = () => 0;

const retryBase: RetryQuestion = {
  error: errors.serverError(),
  retriesDone: 0,
  routerRetries: 2,
  groupSize: 2,
  healthy: 2,
  idAddressed: false,
  contextWindowFallbacksConfigured: false,
  contentPolicyFallbacksConfigured: false,
  retryAfterSeconds: 0,
};

describe('decideRetry', () => {
  it.each<[string, Partial<RetryQuestion>, boolean]>([
    ['500 with retries left', {}, true],
    ['500 with no retries left', { retriesDone: 2 }, false],
    ['request num_retries 0 beats a policy', { requestRetries: 0, policy: { DefaultRetries: 5 } }, false],
    ['deployment num_retries beats the router', { deploymentRetries: 0 }, false],
    ['request num_retries beats the deployment', { requestRetries: 3, deploymentRetries: 0, retriesDone: 2 }, true],
    ['400 is final', { error: errors.badRequest() }, false],
    ['404 is final', { error: errors.notFound() }, false],
    ['401 in a one-deployment group is final', { error: errors.unauthorized(), groupSize: 1, healthy: 1 }, false],
    ['401 with another deployment is retried', { error: errors.unauthorized() }, true],
    ['context window with context_window_fallbacks goes straight to them', { error: errors.contextWindow(), contextWindowFallbacksConfigured: true, policy: {} }, false],
    ['content policy with content_policy_fallbacks goes straight to them', { error: errors.contentPolicy(), contentPolicyFallbacksConfigured: true }, false],
    ['nothing healthy left', { healthy: 0 }, false],
    ['a deployment id', { idAddressed: true }, false],
    ['policy makes a 400 retry', { error: errors.badRequest(), policy: { BadRequestErrorRetries: 1 } }, true],
    ['policy TimeoutErrorRetries applies to Timeout', { error: errors.timeout(), policy: { TimeoutErrorRetries: 0 } }, false],
  ])('%s', (_name, overrides, retry) => {
    expect(decideRetry({ ...retryBase, ...overrides }, noJitter).retry).toBe(retry);
  });

  it.each<[string, Partial<RetryQuestion>, number]>([
    ['another healthy deployment: at once', {}, 0],
    ['one deployment: 0.5 s, then 1 s, 2 s, 4 s, capped at 8 s', { groupSize: 1, healthy: 1, retriesDone: 5 }, 8000],
    ['one deployment, second retry', { groupSize: 1, healthy: 1, retriesDone: 1 }, 1000],
    ['Retry-After within 60 s wins', { groupSize: 1, healthy: 1, error: errors.rateLimited(7000) }, 7000],
    ['Retry-After over 60 s is ignored', { groupSize: 1, healthy: 1, error: errors.rateLimited(120_000) }, 500],
    ['retry_after is the minimum', { groupSize: 1, healthy: 1, retryAfterSeconds: 3 }, 3000],
    ['nothing healthy in a big group backs off too', { groupSize: 3, healthy: 0 }, 500],
  ])('backoff: %s', (_name, overrides, expected) => {
    expect(backoffMs({ ...retryBase, ...overrides }, noJitter)).toBe(expected);
  });

  it('adds up to 0.75 s of jitter', () => {
    expect(backoffMs({ ...retryBase, groupSize: 1, healthy: 1 }, () => 0.999)).toBeCloseTo(500 + 749.25, 5);
  });
});

describe('decideCooldown', () => {
  const base: CooldownQuestion = {
    error: errors.serverError(),
    deployment: deployment({ id: 'a', group: 'g' }),
    groupSize: 2,
    router: defaultRouter,
    successes: 0,
    fails: 1,
    recentFails: 1,
  };

  it.each<[string, Partial<CooldownQuestion>, number]>([
    ['429 in a multi-deployment group: at once, router cooldown_time', { error: errors.rateLimited() }, 5],
    ['429 with Retry-After: that long', { error: errors.rateLimited(30_000) }, 30],
    ['429 in a one-deployment group: no', { error: errors.rateLimited(), groupSize: 1 }, 0],
    ['first 500 of a fresh deployment: no (needs 5 calls)', {}, 0],
    ['3 of 5 calls failed: yes', { successes: 2, fails: 3 }, 5],
    ['half failed: no (strictly more than half)', { successes: 3, fails: 3 }, 0],
    ['1000 failures and no success, even alone', { fails: 1000, groupSize: 1 }, 5],
    ['401: yes, even alone', { error: errors.unauthorized(), groupSize: 1 }, 5],
    ['404: yes', { error: errors.notFound() }, 5],
    ['400: never', { error: errors.badRequest(), successes: 0, fails: 50 }, 0],
    ['deployment cooldown_time wins', { error: errors.rateLimited(30_000), deployment: deployment({ id: 'a', group: 'g', cooldownTime: 2 }) }, 2],
    ['deployment cooldown_time 0: never', { error: errors.rateLimited(), deployment: deployment({ id: 'a', group: 'g', cooldownTime: 0 }) }, 0],
    ['wildcard deployment: never', { error: errors.rateLimited(), deployment: deployment({ id: 'w', group: 'openai/*' }) }, 0],
    ['disable_cooldowns', { error: errors.rateLimited(), router: { ...defaultRouter, disableCooldowns: true } }, 0],
    ['counting mode: within allowed_fails', { router: { ...defaultRouter, allowedFails: 2 }, recentFails: 2, groupSize: 1 }, 0],
    ['counting mode: over allowed_fails', { router: { ...defaultRouter, allowedFails: 2 }, recentFails: 3, groupSize: 1 }, 5],
    ['counting mode: policy by class', { router: { ...defaultRouter, allowedFailsPolicy: { InternalServerErrorAllowedFails: 0 } }, recentFails: 1 }, 5],
    ['counting mode: a policy value of 0 counts (LiteLLM V25 read 0 as unset)', { router: { ...defaultRouter, allowedFailsPolicy: { RateLimitErrorAllowedFails: 0 } }, error: errors.rateLimited(), recentFails: 1, groupSize: 1 }, 5],
  ])('%s', (_name, overrides, seconds) => {
    expect(decideCooldown({ ...base, ...overrides })).toBe(seconds);
  });
});

describe('fallback lists', () => {
  const router = { fallbacks: { a: ['b'], '*': ['z'] }, contextWindowFallbacks: { a: ['long'] } };

  it.each<[string, Record<string, unknown>, ReturnType<typeof errors.serverError>, string, readonly string[] | undefined]>([
    ['generic, exact key', {}, errors.serverError(), 'a', ['b']],
    ['generic, "*" for others', {}, errors.serverError(), 'q', ['z']],
    ['context window list', {}, errors.contextWindow(), 'a', ['long']],
    ['context window list configured, no entry: none', {}, errors.contextWindow(), 'q', undefined],
    ['content policy list not configured: generic', {}, errors.contentPolicy(), 'a', ['b']],
    ['body list of names: used for any error', { fallbacks: ['x', 'y'] }, errors.contextWindow(), 'a', ['x', 'y']],
    ['body fallbacks null: none', { fallbacks: null }, errors.serverError(), 'a', undefined],
    ['body context_window_fallbacks null: generic', { context_window_fallbacks: null }, errors.contextWindow(), 'a', ['b']],
    ['body mapping targets', { fallbacks: [{ model: 'm1', temperature: 0 }] }, errors.serverError(), 'a', ['m1']],
  ])('%s', (_name, body, error, group, expected) => {
    expect(fallbackTargets(fallbackListsFor(body, router), error, group)).toEqual(expected);
  });
});
