import { describe, expect, it } from 'vitest';
import { errors, harness } from './router-harness.ts';
import { failure, outcome } from './route-results.ts';

const single = { deployments: [{ id: 'only', group: 'g' }] };
const pair = { deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'g' }] };

describe('router retries (fake clock, no real sleeps)', () => {
  it('retries a 429 after its Retry-After when no other deployment can take it', async () => {
    const h = await harness(single, { script: { only: [errors.rateLimited(3000), 'ok'] } });
    const result = outcome(await h.request('g'));
    expect(result.attemptedRetries).toBe(1);
    expect(h.calls.map((call) => call.deployment)).toEqual(['only', 'only']);
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(h.sleeps[0]).toBeLessThan(3750);
    expect(h.calls[1]!.at - h.calls[0]!.at).toBeCloseTo(h.sleeps[0]!, 3);
  });

  it('backs off exponentially (0.5 s, 1 s, …) plus jitter, then gives up after num_retries', async () => {
    const h = await harness({ ...single, router: { numRetries: 3 } }, { script: { only: [errors.serverError()] } });
    const error = failure(await h.request('g'));
    expect(error.error.status).toBe(500);
    expect(error.attemptedRetries).toBe(3);
    expect(h.calls).toHaveLength(4);
    const bases = [500, 1000, 2000];
    h.sleeps.forEach((ms, index) => {
      expect(ms).toBeGreaterThanOrEqual(bases[index]!);
      expect(ms).toBeLessThan(bases[index]! + 750);
    });
  });

  it('uses retry_after as the minimum backoff', async () => {
    const h = await harness({ ...single, router: { numRetries: 1, retryAfter: 12 } }, { script: { only: [errors.serverError(), 'ok'] } });
    outcome(await h.request('g'));
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(12_000);
  });

  it('retries at once on another deployment when the group has a healthy one', async () => {
    const h = await harness(pair, { script: { a: [errors.serverError()], b: ['ok'] } });
    for (let i = 0; i < 10; i++) outcome(await h.request('g'));
    expect(h.sleeps).toEqual([]);
  });

  it('a retry goes to a deployment that has not failed this request yet, when there is one', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'g' }, { id: 'c', group: 'g' }], router: { numRetries: 2, disableCooldowns: true } }, { script: { a: [errors.serverError()], b: [errors.serverError()], c: [errors.serverError()] } });
    for (let i = 0; i < 10; i++) {
      h.calls.length = 0;
      await h.request('g');
      expect(new Set(h.calls.map((call) => call.deployment)).size).toBe(3);
    }
  });

  it.each([
    ['the body', { body: { num_retries: 0 } }, {}, 1],
    ['the body (over the router)', { body: { num_retries: 4 } }, { numRetries: 1 }, 5],
    ['router_settings', {}, { numRetries: 1 }, 2],
  ])('takes num_retries from %s', async (_where, extra, router, calls) => {
    const h = await harness({ ...single, router }, { script: { only: [errors.serverError()] } });
    failure(await h.request('g', extra));
    expect(h.calls).toHaveLength(calls);
  });

  it.each([
    ['400 Bad Request', errors.badRequest(), 1],
    ['404 Not Found', errors.notFound(), 1],
    ['401 in a one-deployment group', errors.unauthorized(), 1],
    ['408 timeout', errors.timeout(), 3],
    ['500', errors.serverError(), 3],
  ])('%s is retried as LiteLLM 2026 does', async (_name, error, calls) => {
    const h = await harness(single, { script: { only: [error] } });
    failure(await h.request('g'));
    expect(h.calls).toHaveLength(calls);
  });

  it('a matching retry_policy entry decides, even for an error that is otherwise final', async () => {
    const h = await harness({ ...single, router: { retryPolicy: { BadRequestErrorRetries: 1, RateLimitErrorRetries: 0 } } }, { script: { only: [errors.badRequest()] } });
    failure(await h.request('g'));
    expect(h.calls).toHaveLength(2);
    h.setScript('only', [errors.rateLimited()]);
    h.calls.length = 0;
    failure(await h.request('g'));
    expect(h.calls).toHaveLength(1);
  });

  it('a context-window error walks up to BadRequestErrorRetries in the policy', async () => {
    const h = await harness({ ...single, router: { retryPolicy: { BadRequestErrorRetries: 2 } } }, { script: { only: [errors.contextWindow()] } });
    failure(await h.request('g'));
    expect(h.calls).toHaveLength(3);
  });

  it('model_group_retry_policy replaces retry_policy for its group', async () => {
    const h = await harness({ ...single, router: { retryPolicy: { InternalServerErrorRetries: 0 }, modelGroupRetryPolicy: { g: { DefaultRetries: 1 } } } }, { script: { only: [errors.serverError()] } });
    failure(await h.request('g'));
    expect(h.calls).toHaveLength(2);
  });

  it('never retries a request addressed to a deployment id', async () => {
    const h = await harness(pair, { script: { a: [errors.serverError()] } });
    failure(await h.request('a'));
    expect(h.calls.map((call) => call.deployment)).toEqual(['a']);
  });

  it('never retries or falls back once the first byte of a stream reached the client', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'backup' }], router: { fallbacks: { g: ['backup'] } } });
    const streamed = await h.send('g', { stream: true });
    // The stream breaks after its first byte: the router has already handed the response over.
    streamed.settle({ failed: true });
    streamed.settle({ failed: true });
    expect(h.calls.map((call) => call.deployment)).toEqual(['a']);
    expect(streamed.attemptedRetries).toBe(0);
  });

  it('makes no further upstream call once the client went away', async () => {
    const h = await harness(single, { script: { only: [errors.serverError()] } });
    const controller = new AbortController();
    controller.abort(new Error('client gone'));
    await expect(h.send('g', { signal: controller.signal })).rejects.toThrow('client gone');
    expect(h.calls).toEqual([]);
  });

  it('does not retry a failure that happened while the client was leaving', async () => {
    const h = await harness(single);
    const controller = new AbortController();
    const attempts: number[] = [];
    await expect(
      h.router.execute({ model: 'g', operation: 'chat', stream: false, inputTokens: 1, body: {}, signal: controller.signal }, async (_deployment, info) => {
        attempts.push(info.attempt);
        controller.abort(new Error('client gone'));
        throw new (await import('../../../runtime/router/types.ts')).UpstreamFailure(errors.serverError());
      }),
    ).rejects.toThrow();
    expect(attempts).toEqual([0]);
  });
});
