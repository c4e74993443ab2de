/**
 * Retries, cooldowns and fallbacks through the real HTTP server, against the provider
 * simulator's fault injection over real sockets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRoutingStack, type RoutingStack } from './proxy-routing-fixture.ts';

const config = `
model_list:
  - model_name: single
    litellm_params: { model: openai/sim-429-once, api_key: sk-test }
  - model_name: pair
    litellm_params: { model: openai/sim-broken, api_key: sk-test }
    model_info: { id: broken }
  - model_name: pair
    litellm_params: { model: openai/sim-healthy, api_key: sk-test }
    model_info: { id: healthy }
  - model_name: dropping
    litellm_params: { model: openai/sim-drop, api_key: sk-test }
  - model_name: dropping
    litellm_params: { model: openai/sim-fine, api_key: sk-test }
  - model_name: breaking-stream
    litellm_params: { model: openai/sim-stream-error-a, api_key: sk-test }
  - model_name: breaking-stream
    litellm_params: { model: openai/sim-stream-error-b, api_key: sk-test }
  - model_name: cooling
    litellm_params: { model: openai/sim-limited-a, api_key: sk-test }
    model_info: { id: limited-a }
  - model_name: cooling
    litellm_params: { model: openai/sim-limited-b, api_key: sk-test }
    model_info: { id: limited-b }
  - model_name: primary
    litellm_params: { model: openai/sim-primary, api_key: sk-test }
  - model_name: second
    litellm_params: { model: openai/sim-second, api_key: sk-test }
  - model_name: third
    litellm_params: { model: openai/sim-third, api_key: sk-test }
  - model_name: short-context
    litellm_params: { model: openai/sim-short, api_key: sk-test }
  - model_name: long-context
    litellm_params: { model: openai/sim-long, api_key: sk-test }
  - model_name: strict
    litellm_params: { model: openai/sim-strict, api_key: sk-test }
  - model_name: lenient
    litellm_params: { model: openai/sim-lenient, api_key: sk-test }
router_settings:
  cooldown_time: 60
  fallbacks:
    - primary: [second, third]
    - short-context: [third]
    - strict: [third]
    - breaking-stream: [third]
  context_window_fallbacks:
    - short-context: [long-context]
  content_policy_fallbacks:
    - strict: [lenient]
`;

let stack: RoutingStack;

beforeAll(async () => {
  stack = await startRoutingStack(config, {
    rules: [
      { name: '429-once', match: { model: 'sim-429-once' }, sequence: [{ fault: 'error', status: 429, retryAfter: 1 }], then: 'pass' },
      { name: 'broken', match: { model: 'sim-broken' }, fault: { fault: 'error', status: 500 } },
      { name: 'stream-error', match: { model: 'sim-stream-error-*' }, fault: { fault: 'stream_error', afterChunks: 2 } },
      { name: 'drop', match: { model: 'sim-drop' }, fault: { fault: 'drop' } },
      { name: 'limited', match: { model: 'sim-limited-*' }, fault: { fault: 'error', status: 429 } },
      { name: 'primary', match: { model: ['sim-primary', 'sim-second'] }, fault: { fault: 'error', status: 503 } },
      { name: 'short', match: { model: 'sim-short' }, fault: { fault: 'error', status: 400, code: 'context_length_exceeded', message: "This model's maximum context length is 10 tokens" } },
      { name: 'strict', match: { model: 'sim-strict' }, fault: { fault: 'error', status: 400, code: 'content_policy_violation', message: 'Your request was rejected by the safety system' } },
    ],
  });
});

afterAll(async () => {
  await stack?.close();
});

beforeEach(() => {
  stack.simulator.resetCalls();
});

describe('routing through the proxy and the simulator', () => {
  it('retries a 429 after the Retry-After the provider sent', async () => {
    const response = await stack.chat('single');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-attempted-retries')).toBe('1');
    const [first, second] = stack.simulator.calls;
    expect(stack.simulator.calls).toHaveLength(2);
    expect(first!.status).toBe(429);
    // retry-after: 1 → one second, plus at most 0.75 s of jitter.
    const waited = second!.startedAt - (first!.endedAt ?? first!.startedAt);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3000);
  });

  it('a failing deployment cools down and traffic shifts to the healthy one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await stack.chat('pair')).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const models = stack.upstreamModels();
    const broken = models.filter((model) => model === 'sim-broken').length;
    // The fifth failure in the minute cools it down (more than half of 5+ calls failed);
    // after that nothing more goes to it.
    expect(broken).toBe(5);
    expect(models.slice(-10)).toEqual(new Array(10).fill('sim-healthy'));
  });

  it('a deployment whose connections drop cools down too (LiteLLM never cools connection errors)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await stack.chat('dropping')).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const models = stack.upstreamModels();
    const dropped = models.filter((model) => model === 'sim-drop').length;
    expect(dropped).toBe(5);
    expect(models.slice(-10)).toEqual(new Array(10).fill('sim-fine'));
  });

  it('never retries or falls back once the first byte of a stream reached the client', async () => {
    const response = await stack.chat('breaking-stream', { stream: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"error"');
    expect(text).not.toContain('[DONE]');
    // One upstream call: no retry on the group's other deployment, no fallback to `third`.
    expect(stack.simulator.calls).toHaveLength(1);
    expect(stack.simulator.calls[0]!.model).toMatch(/^sim-stream-error-/);
  });

  it('answers 429 at once, without calling upstream, when every deployment is cooling down', async () => {
    const first = await stack.chat('cooling', { num_retries: 0 });
    expect(first.status).toBe(429);
    // A 429 in a two-deployment group cools that deployment at once; then the other.
    await stack.chat('cooling', { num_retries: 0 });
    stack.simulator.resetCalls();
    const response = await stack.chat('cooling');
    expect(response.status).toBe(429);
    const body = (await response.json()) as { error: { message: string; code: string } };
    expect(body.error.message).toContain('No deployments available for selected model, Try again in 60 seconds. Passed model=cooling');
    expect(body.error.code).toBe('429');
    expect(response.headers.get('retry-after')).toBe('60');
    expect(stack.simulator.calls).toHaveLength(0);
  });

  it('generic fallbacks fire in order: primary → second → third', async () => {
    const response = await stack.chat('primary', { num_retries: 0 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe('third');
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('2');
    expect(stack.upstreamModels()).toEqual(['sim-primary', 'sim-second', 'sim-third']);
  });

  it('a context-window error goes to context_window_fallbacks, not the generic list', async () => {
    const response = await stack.chat('short-context');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe('long-context');
    expect(stack.upstreamModels()).toEqual(['sim-short', 'sim-long']);
  });

  it('a content-policy error goes to content_policy_fallbacks, not the generic list', async () => {
    const response = await stack.chat('strict');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe('lenient');
    expect(stack.upstreamModels()).toEqual(['sim-strict', 'sim-lenient']);
  });

  it.each([
    ['mock_testing_fallbacks', 'strict', 'third', 'sim-third'],
    ['mock_testing_context_fallbacks', 'short-context', 'long-context', 'sim-long'],
    ['mock_testing_content_policy_fallbacks', 'strict', 'lenient', 'sim-lenient'],
  ])('%s makes %s fall back to %s without calling the first group', async (flag, model, target, upstream) => {
    const response = await stack.chat(model, { [flag]: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe(target);
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    expect(stack.upstreamModels()).toEqual([upstream]);
  });

});

describe('default_fallbacks through the proxy', () => {
  let defaults: RoutingStack;

  beforeAll(async () => {
    defaults = await startRoutingStack(
      `
model_list:
  - model_name: lonely
    litellm_params: { model: openai/sim-lonely, api_key: sk-test }
  - model_name: own-fallback
    litellm_params: { model: openai/sim-own, api_key: sk-test }
  - model_name: backup
    litellm_params: { model: openai/sim-backup, api_key: sk-test }
  - model_name: catch-all
    litellm_params: { model: openai/sim-catch-all, api_key: sk-test }
router_settings:
  num_retries: 0
  fallbacks:
    - own-fallback: [backup]
  default_fallbacks: [catch-all]
`,
      { rules: [{ name: 'down', match: { model: ['sim-lonely', 'sim-own'] }, fault: { fault: 'error', status: 500 } }] },
    );
  });

  afterAll(async () => {
    await defaults?.close();
  });

  beforeEach(() => {
    defaults.simulator.resetCalls();
  });

  it('apply to a group without its own fallbacks', async () => {
    const response = await defaults.chat('lonely');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe('catch-all');
    expect(defaults.upstreamModels()).toEqual(['sim-lonely', 'sim-catch-all']);
  });

  it("do not replace a group's own fallbacks", async () => {
    const response = await defaults.chat('own-fallback');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-model-group')).toBe('backup');
    expect(defaults.upstreamModels()).toEqual(['sim-own', 'sim-backup']);
  });

  it('serve a model name nothing else serves', async () => {
    const response = await defaults.chat('no-such-model');
    expect(response.status).toBe(200);
    expect(defaults.upstreamModels()).toEqual(['sim-catch-all']);
  });
});

describe('latency-based routing through the proxy', () => {
  let latency: RoutingStack;

  beforeAll(async () => {
    latency = await startRoutingStack(
      `
model_list:
  - model_name: mixed
    litellm_params: { model: openai/sim-slow, api_key: sk-test }
  - model_name: mixed
    litellm_params: { model: openai/sim-quick, api_key: sk-test }
router_settings:
  routing_strategy: latency-based-routing
`,
      {
        rules: [
          { name: 'slow', match: { model: 'sim-slow' }, latency: 150 },
          { name: 'quick', match: { model: 'sim-quick' }, latency: 1 },
        ],
      },
    );
  });

  afterAll(async () => {
    await latency?.close();
  });

  it('sends traffic to the deployment that answers faster once both have been measured', async () => {
    for (let i = 0; i < 12; i++) expect((await latency.chat('mixed')).status).toBe(200);
    const models = latency.upstreamModels();
    // Both are tried while unmeasured; after that the quick one takes everything.
    expect(models.slice(0, 2).sort()).toEqual(['sim-quick', 'sim-slow']);
    expect(models.slice(2)).toEqual(new Array(10).fill('sim-quick'));
  });
});
