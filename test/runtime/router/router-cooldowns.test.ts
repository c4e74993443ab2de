import { describe, expect, it } from 'vitest';
import { errors, harness } from './router-harness.ts';
import { failure, outcome } from './route-results.ts';

const pair = { deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'g' }] };

describe('router cooldowns (fake clock)', () => {
  it('a deployment failing most calls cools down and traffic shifts to the healthy one', async () => {
    const h = await harness({ ...pair, router: { numRetries: 0 } }, { script: { a: [errors.serverError()], b: ['ok'] } });
    for (let i = 0; i < 40; i++) await h.request('g');
    const toA = h.calls.filter((call) => call.deployment === 'a');
    // LiteLLM 2026 needs 5 calls in the minute and more than half failed; after that, none.
    expect(toA).toHaveLength(5);
    const lastA = h.calls.lastIndexOf(toA.at(-1)!);
    expect(h.calls.slice(lastA + 1).every((call) => call.deployment === 'b')).toBe(true);
    expect((await h.state.cooldowns.cooling(['a', 'b'])).has('a')).toBe(true);
  });

  it('a cooled deployment is eligible again once cooldown_time has passed', async () => {
    const h = await harness({ ...pair, router: { cooldownTime: 30 } }, { script: { a: [errors.rateLimited(), 'ok'] } });
    await h.request('a'); // id-addressed: a 429 in a two-deployment group cools it at once
    expect((await h.state.cooldowns.cooling(['a'])).get('a')?.seconds).toBe(30);
    h.clock.advance(29_000);
    expect((await h.state.cooldowns.cooling(['a'])).has('a')).toBe(true);
    h.clock.advance(1_000);
    expect((await h.state.cooldowns.cooling(['a'])).has('a')).toBe(false);
  });

  it("uses the provider's Retry-After as the cooldown when the deployment sets none", async () => {
    const h = await harness(pair, { script: { a: [errors.rateLimited(42_000)] } });
    await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).get('a')?.seconds).toBe(42);
  });

  it('answers 429 at once, without calling upstream, when every deployment is cooling down', async () => {
    const h = await harness(pair, { script: { a: [errors.rateLimited()], b: [errors.rateLimited()] } });
    await h.request('a');
    await h.request('b');
    const callsBefore = h.calls.length;
    const error = failure(await h.request('g'));
    expect(h.calls.length).toBe(callsBefore);
    expect(h.sleeps).toEqual([]);
    expect(error.error.status).toBe(429);
    expect(error.error.code).toBe('429');
    expect(error.error.message).toBe("No deployments available for selected model, Try again in 5 seconds. Passed model=g. pre-call-checks=False, cooldown_list=['a', 'b']");
    expect(error.error.retryAfterMs).toBe(5000);
  });

  it('does not cool a one-deployment group down for 429s or 5xx (LiteLLM keeps the only deployment)', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g' }], router: { numRetries: 0 } }, { script: { only: [errors.serverError()] } });
    for (let i = 0; i < 20; i++) await h.request('g');
    expect(h.calls).toHaveLength(20);
    expect((await h.state.cooldowns.cooling(['only'])).size).toBe(0);
  });

  it('cools even a one-deployment group down for a 401 (it will not heal by retrying)', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g' }] }, { script: { only: [errors.unauthorized()] } });
    await h.request('g');
    expect((await h.state.cooldowns.cooling(['only'])).has('only')).toBe(true);
  });

  // The one-deployment group is the router's synchronous fast path: it must still see the cooldown.
  it('refuses a cooled one-deployment group without calling upstream, and serves it again once cooled off', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g' }] }, { script: { only: [errors.unauthorized(), 'ok'] } });
    await h.request('g');
    const callsBefore = h.calls.length;
    const error = failure(await h.request('g'));
    expect(h.calls.length).toBe(callsBefore);
    expect(error.error.status).toBe(429);
    expect(error.error.message).toContain("cooldown_list=['only']");
    h.clock.advance(5_001);
    expect(outcome(await h.request('g')).deployment.id).toBe('only');
  });

  it.each([
    ['400', errors.badRequest()],
    ['context window', errors.contextWindow()],
  ])('never cools down for a %s (the request was at fault)', async (_name, error) => {
    const h = await harness({ ...pair, router: { numRetries: 0 } }, { script: { a: [error] } });
    for (let i = 0; i < 10; i++) await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).size).toBe(0);
  });

  it('allowed_fails switches to counting: cooled after more than that many failures', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g' }], router: { allowedFails: 1, numRetries: 0 } }, { script: { only: [errors.serverError()] } });
    await h.request('g');
    expect((await h.state.cooldowns.cooling(['only'])).size).toBe(0);
    await h.request('g');
    expect((await h.state.cooldowns.cooling(['only'])).has('only')).toBe(true);
  });

  it('allowed_fails_policy counts per error class', async () => {
    const h = await harness({ ...pair, router: { allowedFailsPolicy: { RateLimitErrorAllowedFails: 3 }, numRetries: 0 } }, { script: { a: [errors.rateLimited()] } });
    for (let i = 0; i < 3; i++) await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).size).toBe(0);
    await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).has('a')).toBe(true);
  });

  it('disable_cooldowns keeps every deployment in rotation', async () => {
    const h = await harness({ ...pair, router: { disableCooldowns: true, numRetries: 0 } }, { script: { a: [errors.rateLimited()] } });
    for (let i = 0; i < 10; i++) await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).size).toBe(0);
  });

  it('a deployment cooldown_time of 0 disables its cooldown', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g', cooldownTime: 0 }, { id: 'b', group: 'g' }] }, { script: { a: [errors.rateLimited()] } });
    await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).size).toBe(0);
  });

  it('never cools a wildcard deployment down', async () => {
    const h = await harness({ deployments: [{ id: 'w', group: 'openai/*', upstreamModel: '*' }, { id: 'w2', group: 'openai/*', upstreamModel: '*' }] }, { script: { w: [errors.rateLimited()], w2: [errors.rateLimited()] } });
    await h.request('openai/gpt-4o');
    expect((await h.state.cooldowns.cooling(['w', 'w2'])).size).toBe(0);
  });

  it('a request for a deployment id bypasses its cooldown', async () => {
    const h = await harness(pair, { script: { a: [errors.rateLimited(), 'ok'] } });
    await h.request('a');
    expect((await h.state.cooldowns.cooling(['a'])).has('a')).toBe(true);
    const result = await h.request('a');
    expect(result).not.toBeInstanceOf(Error);
  });
});
