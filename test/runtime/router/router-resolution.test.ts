import { describe, expect, it } from 'vitest';
import { errors, harness } from './router-harness.ts';
import { failure, outcome } from './route-results.ts';
import { buildPlan, fakeClock } from './plan-builder.ts';
import { createRouter } from '../../../runtime/router/create-router.ts';
import { seededRandom } from '../../../fixtures/simulator/seeded-random.ts';

describe('router: which deployments serve a name', () => {
  const plan = {
    deployments: [
      { id: 'g-1', group: 'gpt', provider: 'openai', upstreamModel: 'gpt-4o' },
      { id: 'w-openai', group: 'openai/*', provider: 'openai', upstreamModel: '*' },
      { id: 'w-any', group: '*', provider: 'openai', upstreamModel: '*' },
      { id: 'gpt', group: 'other' },
    ],
    aliases: { fast: 'gpt', secret: { group: 'gpt', hidden: true } },
  };

  it.each([
    ['a group name', 'gpt', 'g-1', 'gpt-4o'],
    ['an alias', 'fast', 'g-1', 'gpt-4o'],
    ['a hidden alias (hidden only affects /v1/models)', 'secret', 'g-1', 'gpt-4o'],
    ['a deployment id', 'w-openai', 'w-openai', '*'],
    ['a provider wildcard, substituting the model', 'openai/gpt-4.1-mini', 'w-openai', 'gpt-4.1-mini'],
    ['the catch-all wildcard', 'mistral-large', 'w-any', 'mistral-large'],
  ])('%s', async (_name, model, deployment, upstreamModel) => {
    const h = await harness(plan);
    const result = outcome(await h.request(model));
    expect(result.deployment.id).toBe(deployment);
    expect(h.calls[0]!.upstreamModel).toBe(upstreamModel);
  });

  it('the underlying model name of a deployment, when no group or pattern matches', async () => {
    const h = await harness({ deployments: [{ id: 'g-1', group: 'gpt', provider: 'openai', upstreamModel: 'gpt-4o' }] });
    expect(outcome(await h.request('openai/gpt-4o')).deployment.id).toBe('g-1');
    expect(outcome(await h.request('gpt-4o')).deployment.id).toBe('g-1');
  });

  it('specific_deployment: true picks by litellm_params.model, even where a group has that name', async () => {
    const h = await harness({
      deployments: [
        { id: 'grouped', group: 'openai/gpt-4o', provider: 'openai', upstreamModel: 'gpt-4o-mini', litellmModel: 'openai/gpt-4o-mini' },
        { id: 'direct', group: 'other', provider: 'openai', upstreamModel: 'gpt-4o', litellmModel: 'openai/gpt-4o' },
      ],
    });
    expect(outcome(await h.request('openai/gpt-4o')).deployment.id).toBe('grouped');
    expect(outcome(await h.request('openai/gpt-4o', { body: { specific_deployment: true } })).deployment.id).toBe('direct');
  });

  it('a group name beats a deployment id spelled the same (LiteLLM 2026)', async () => {
    const h = await harness(plan);
    expect(outcome(await h.request('gpt')).deployment.id).toBe('g-1');
  });

  it('an unknown name is a 400 naming the model', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g' }] });
    const error = failure(await h.request('nope'));
    expect(error.error.status).toBe(400);
    expect(error.error.message).toContain('Invalid model name passed in model=nope');
  });

  it('an unknown name goes to the first default fallback when one is configured', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g' }, { id: 'd', group: 'default' }], router: { fallbacks: { '*': ['default'] } } });
    expect(outcome(await h.request('nope')).deployment.id).toBe('d');
  });
});

describe('router: order tiers and pre-call checks', () => {
  const tiers = {
    deployments: [
      { id: 'primary-1', group: 'g', order: 1 },
      { id: 'primary-2', group: 'g', order: 1 },
      { id: 'secondary', group: 'g', order: 2 },
      { id: 'unordered', group: 'g' },
    ],
  };

  it('serves from the lowest order only', async () => {
    const h = await harness(tiers);
    for (let i = 0; i < 50; i++) await h.request('g');
    expect(new Set(h.calls.map((call) => call.deployment))).toEqual(new Set(['primary-1', 'primary-2']));
  });

  it('moves to the next tier when the first is cooling down', async () => {
    const h = await harness(tiers, { script: { 'primary-1': [errors.rateLimited()], 'primary-2': [errors.rateLimited()] } });
    await h.request('primary-1');
    await h.request('primary-2');
    expect(outcome(await h.request('g')).deployment.id).toBe('secondary');
  });

  it('escalates to the next tier when the first tier fails (LiteLLM 2026 order escalation)', async () => {
    const h = await harness({ deployments: [{ id: 'first', group: 'g', order: 1 }, { id: 'second', group: 'g', order: 2 }], router: { numRetries: 0 } }, { script: { first: [errors.serverError()] } });
    const result = outcome(await h.request('g'));
    expect(result.deployment.id).toBe('second');
    expect(h.calls.map((call) => call.deployment)).toEqual(['first', 'second']);
  });

  it('with enable_pre_call_checks drops deployments whose context window is too small', async () => {
    const spec = { deployments: [{ id: 'small', group: 'g', maxInputTokens: 1000 }, { id: 'large', group: 'g', maxInputTokens: 100_000 }], router: { enablePreCallChecks: true } };
    const h = await harness(spec);
    for (let i = 0; i < 20; i++) await h.request('g', { inputTokens: 5000 });
    expect(new Set(h.calls.map((call) => call.deployment))).toEqual(new Set(['large']));
  });

  it('raises ContextWindowExceededError when no deployment is large enough, which triggers context_window_fallbacks', async () => {
    const spec = {
      deployments: [{ id: 'small', group: 'g', maxInputTokens: 1000, upstreamModel: 'tiny' }, { id: 'huge', group: 'long', maxInputTokens: 1_000_000 }],
      router: { enablePreCallChecks: true, contextWindowFallbacks: { g: ['long'] } },
    };
    const h = await harness(spec);
    expect(outcome(await h.request('g', { inputTokens: 5000 })).deployment.id).toBe('huge');
    const bare = await harness({ ...spec, router: { enablePreCallChecks: true } });
    const error = failure(await bare.request('g', { inputTokens: 5000 }));
    expect(error.error.errorClass).toBe('ContextWindowExceededError');
    expect(error.error.message).toContain('Model=tiny, Max Input Tokens=1000, Got=5000');
  });

  it('without enable_pre_call_checks the context window is not checked', async () => {
    const h = await harness({ deployments: [{ id: 'small', group: 'g', maxInputTokens: 1000 }] });
    expect(outcome(await h.request('g', { inputTokens: 5000 })).deployment.id).toBe('small');
  });

  it('with enable_pre_call_checks skips deployments at their rpm this minute', async () => {
    const h = await harness({ deployments: [{ id: 'limited', group: 'g', rpm: 3, weight: 100 }, { id: 'spare', group: 'g', weight: 1 }], router: { enablePreCallChecks: true } });
    for (let i = 0; i < 20; i++) await h.request('g');
    expect(h.calls.filter((call) => call.deployment === 'limited')).toHaveLength(3);
  });
});

describe('router: hard limits and concurrency', () => {
  it('usage-based-routing-v2 holds rpm exactly and answers 429 when the only deployment is full', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g', rpm: 3 }], router: { strategy: 'usage-based-routing-v2' } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await h.request('g'));
    expect(h.calls).toHaveLength(3);
    const error = failure(results[4]);
    expect(error.error.status).toBe(429);
    expect(error.error.message).toBe('Deployment over defined rpm limit=3. current usage=3');
    // The window slides: a minute later there is room again.
    h.clock.advance(70_000);
    outcome(await h.request('g'));
  });

  it('enforce_model_rate_limits refuses a full deployment and routes to the one with room', async () => {
    const h = await harness({ deployments: [{ id: 'small', group: 'g', rpm: 2, weight: 100 }, { id: 'big', group: 'g', rpm: 100, weight: 1 }], router: { enforceModelRateLimits: true } });
    for (let i = 0; i < 10; i++) outcome(await h.request('g'));
    expect(h.calls.filter((call) => call.deployment === 'small')).toHaveLength(2);
  });

  it('a deployment id over its hard rpm limit answers 429 too', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g', rpm: 1 }], router: { strategy: 'usage-based-routing-v2' } });
    outcome(await h.request('only'));
    expect(failure(await h.request('only')).error.status).toBe(429);
    expect(h.calls).toHaveLength(1);
  });

  it("enforce_model_rate_limits answers with LiteLLM's message", async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g', rpm: 1 }], router: { enforceModelRateLimits: true } });
    outcome(await h.request('g'));
    expect(failure(await h.request('g')).error.message).toBe('Model rate limit exceeded. RPM limit=1, current usage=1');
  });

  it('max_parallel_requests makes a request wait for a free slot', async () => {
    const h = await harness({ deployments: [{ id: 'only', group: 'g', maxParallelRequests: 1 }] });
    const first = await h.send('g');
    let secondDone = false;
    const second = h.send('g').then((result) => {
      secondDone = true;
      return result;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondDone).toBe(false);
    first.settle({});
    (await second).settle({});
    expect(secondDone).toBe(true);
  });

  it('least-busy sends the next request to the deployment with nothing in flight', async () => {
    const h = await harness({ deployments: [{ id: 'a', group: 'g' }, { id: 'b', group: 'g' }], router: { strategy: 'least-busy' } });
    const first = await h.send('g');
    const second = await h.send('g');
    expect(first.deployment.id).toBe('a');
    expect(second.deployment.id).toBe('b');
    first.settle({});
    expect((await h.send('g')).deployment.id).toBe('a');
  });

  it('latency-based routing moves away from a deployment that answers slowly', async () => {
    const h = await harness({ deployments: [{ id: 'slow', group: 'g' }, { id: 'fast', group: 'g' }], router: { strategy: 'latency-based-routing' } });
    const picks: string[] = [];
    for (let i = 0; i < 30; i++) {
      const result = await h.router.execute({ model: 'g', operation: 'chat', stream: false, inputTokens: 10, body: {}, signal: new AbortController().signal }, async (deployment) => {
        // The upstream "takes" 5 s or 0.1 s: the fake clock moves while the attempt runs.
        h.clock.advance(deployment.id === 'slow' ? 5000 : 100);
        return deployment.id;
      });
      picks.push(result.value);
      result.settle({ completionTokens: 10 });
    }
    expect(picks.slice(0, 2).sort()).toEqual(['fast', 'slow']);
    expect(picks.slice(2).every((id) => id === 'fast')).toBe(true);
  });

  it('latency-based routing forgets samples older than routing_strategy_args.ttl, so a slow deployment is tried again', async () => {
    // Each call moves the fake clock by its latency; fast takes 1 s, so slow's only sample ages while fast serves.
    const slowPicks = async (strategyArgs: Record<string, unknown>): Promise<number> => {
      const clock = fakeClock();
      const plan = buildPlan({ deployments: [{ id: 'slow', group: 'g' }, { id: 'fast', group: 'g' }], router: { strategy: 'latency-based-routing', strategyArgs } });
      const router = await createRouter(plan, { now: clock.now, random: seededRandom(3) });
      let count = 0;
      for (let i = 0; i < 25; i++) {
        const result = await router.execute({ model: 'g', operation: 'chat', stream: false, inputTokens: 10, body: {}, signal: new AbortController().signal }, async (deployment) => {
          clock.advance(deployment.id === 'slow' ? 5000 : 1000);
          return deployment.id;
        });
        if (result.value === 'slow') count += 1;
        result.settle({ completionTokens: 10 });
      }
      await router.close();
      return count;
    };
    // Default ttl (one hour): slow is measured once and never picked again.
    expect(await slowPicks({})).toBe(1);
    // ttl 10 s: slow's sample expires about every 10 s of traffic, and it is re-measured.
    expect(await slowPicks({ ttl: 10 })).toBeGreaterThanOrEqual(2);
  });

});
