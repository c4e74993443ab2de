/**
 * Response caching through the real server and router, against the provider simulator:
 * the simulator's call record shows which requests reached an upstream.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, post, startCachingStack } from './caching-fixture.ts';

const config = `
model_list:
  - model_name: gpt
    litellm_params: { model: openai/sim-gpt, api_key: sk-test }
  - model_name: gpt
    litellm_params: { model: openai/sim-gpt-b, api_key: sk-test }
  - model_name: claude
    litellm_params: { model: anthropic/claude-3-5-sonnet-20241022, api_key: sk-ant-test }
  - model_name: bad
    litellm_params: { model: openai/sim-bad, api_key: sk-test }
  - model_name: embed
    litellm_params: { model: openai/text-embedding-3-small, api_key: sk-test }
litellm_settings:
  cache: true
  cache_params: { type: local, ttl: 60 }
`;

const hello = { model: 'gpt', messages: [{ role: 'user', content: 'hello there' }] };

describe('response cache (memory) through the proxy', () => {
  const clock = manualClock();
  let stack: Awaited<ReturnType<typeof startCachingStack>>;

  beforeAll(async () => {
    stack = await startCachingStack(config, { clock });
    stack.simulator.setScenario({ rules: [{ match: { model: 'sim-bad' }, fault: 400 }] });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.resetCalls());

  it('serves the second identical request from the cache, with the cache key header', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'first cached question' }] };
    const first = await stack.chat(request);
    const second = await stack.chat(request);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-litellm-cache-key')).toBeNull();
    expect(second.status).toBe(200);
    expect(second.headers.get('x-litellm-cache-key')).toMatch(/^[0-9a-f]{64}$/);
    expect(second.headers.get('x-litellm-response-cost')).toBe('0');
    expect(second.headers.get('x-litellm-model-group')).toBe('gpt');
    expect(second.body).toEqual(first.body);
    expect(stack.simulator.callCount).toBe(1);
  });

  it('no-cache goes upstream but refreshes the entry; no-store leaves it alone', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'refresh me' }] };
    await stack.chat(request);
    const bypass = await stack.chat({ ...request, cache: { 'no-cache': true } });
    expect(bypass.headers.get('x-litellm-cache-key')).toBeNull();
    expect(stack.simulator.callCount).toBe(2);
    expect((await stack.chat(request)).headers.get('x-litellm-cache-key')).not.toBeNull();
    expect(stack.simulator.callCount).toBe(2);

    const unstored = { ...hello, messages: [{ role: 'user', content: 'do not keep this' }] };
    await stack.chat({ ...unstored, cache: { 'no-store': true } });
    await stack.chat(unstored);
    expect(stack.simulator.callCount).toBe(4);
  });

  it('expires entries after the TTL (cache_params.ttl, or the request ttl)', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'short lived' }] };
    await stack.chat(request);
    clock.advance(59_000);
    expect((await stack.chat(request)).headers.get('x-litellm-cache-key')).not.toBeNull();
    clock.advance(1_000);
    expect((await stack.chat(request)).headers.get('x-litellm-cache-key')).toBeNull();
    expect(stack.simulator.callCount).toBe(2);

    const brief = { ...hello, messages: [{ role: 'user', content: 'briefer' }], cache: { ttl: 5 } };
    await stack.chat(brief);
    clock.advance(5_000);
    await stack.chat(brief);
    expect(stack.simulator.callCount).toBe(4);
  });

  it('s-maxage accepts only fresh enough entries', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'how old is this' }] };
    await stack.chat(request);
    clock.advance(20_000);
    expect((await stack.chat({ ...request, cache: { 's-maxage': 30 } })).headers.get('x-litellm-cache-key')).not.toBeNull();
    expect((await stack.chat({ ...request, cache: { 's-maxage': 10 } })).headers.get('x-litellm-cache-key')).toBeNull();
    expect(stack.simulator.callCount).toBe(2);
  });

  it('shares entries across the deployments of a group, not across different parameters', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'group shared' }] };
    await stack.chat(request);
    for (let round = 0; round < 4; round += 1) await stack.chat(request);
    expect(stack.simulator.callCount).toBe(1);
    await stack.chat({ ...request, temperature: 0.5 });
    expect(stack.simulator.callCount).toBe(2);
  });

  it('never sends the cache controls upstream', async () => {
    for (const model of ['gpt', 'claude']) {
      const answer = await stack.chat({ model, messages: [{ role: 'user', content: 'controls stay here' }], cache: { 'no-store': true, ttl: 5, namespace: 'n' } });
      expect(answer.status).toBe(200);
    }
    expect(stack.simulator.calls.map((call) => 'cache' in (call.body as object))).toEqual([false, false]);
  });

  it('never caches errors', async () => {
    const request = { model: 'bad', messages: [{ role: 'user', content: 'fails' }] };
    expect((await stack.chat(request)).status).toBe(400);
    expect((await stack.chat(request)).status).toBe(400);
    expect(stack.simulator.callCount).toBe(2);
  });

  it('caches a relayed stream once complete and replays it to the next streaming request', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'stream me' }], stream: true, stream_options: { include_usage: true } };
    const first = await stack.chat(request);
    const second = await stack.chat(request);
    expect(first.body).toBeDefined();
    expect(second.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(second.headers.get('x-litellm-cache-key')).not.toBeNull();
    expect(second.body).toEqual(first.body);
    expect(second.body!.usage).toBeDefined();
    expect(second.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(stack.simulator.callCount).toBe(1);
  });

  it('caches streamed text completions and replays them as text_completion chunks', async () => {
    const request = { model: 'gpt', prompt: 'complete me', stream: true };
    const first = await post(stack.proxy.url, '/v1/completions', request);
    const second = await post(stack.proxy.url, '/v1/completions', request);
    expect(first.body).toMatchObject({ object: 'text_completion' });
    expect(second.headers.get('x-litellm-cache-key')).not.toBeNull();
    expect(second.body).toEqual(first.body);
    expect(stack.simulator.callCount).toBe(1);
  });

  it('keys streaming and non-streaming requests apart', async () => {
    const request = { ...hello, messages: [{ role: 'user', content: 'both ways' }] };
    await stack.chat(request);
    const streamed = await stack.chat({ ...request, stream: true });
    expect(streamed.headers.get('x-litellm-cache-key')).toBeNull();
    expect(stack.simulator.callCount).toBe(2);
  });

  it('caches translated (Anthropic) streams as OpenAI responses', async () => {
    const request = { model: 'claude', messages: [{ role: 'user', content: 'translate and cache' }], stream: true };
    const first = await stack.chat(request);
    const second = await stack.chat(request);
    expect(first.body?.choices).toBeDefined();
    expect(second.headers.get('x-litellm-cache-key')).not.toBeNull();
    expect(second.body).toEqual(first.body);
    const plain = await stack.chat({ ...request, stream: false });
    expect(plain.headers.get('x-litellm-cache-key')).toBeNull();
    expect((await stack.chat({ ...request, stream: false })).body).toEqual(plain.body);
    expect(stack.simulator.callCount).toBe(2);
  });

  it('caches embeddings per input: repeated inputs are served from the cache, new ones go upstream', async () => {
    const embed = (input: unknown) => post(stack.proxy.url, '/v1/embeddings', { model: 'embed', input });
    type Embeddings = { data: { index: number; embedding: unknown }[]; usage: { prompt_tokens: number } };
    const first = await embed(['one', 'two']);
    const firstBody = first.body as unknown as Embeddings;
    expect(stack.simulator.callCount).toBe(1);

    const repeat = await embed(['one', 'two']);
    expect(repeat.headers.get('x-litellm-cache-key')).toMatch(/^[0-9a-f]{64}$/);
    expect((repeat.body as unknown as Embeddings).data).toEqual(firstBody.data);
    expect((repeat.body as unknown as Embeddings).usage.prompt_tokens).toBe(0);
    expect(stack.simulator.callCount).toBe(1);

    const overlap = await embed(['two', 'three']);
    expect(overlap.headers.get('x-litellm-cache-key')).toBeNull();
    expect(stack.simulator.callCount).toBe(2);
    expect((stack.simulator.calls[1]!.body as { input: unknown }).input).toEqual(['three']);
    const merged = overlap.body as unknown as Embeddings;
    expect(merged.data.map((item) => item.index)).toEqual([0, 1]);
    expect(merged.data[0]!.embedding).toEqual(firstBody.data[1]!.embedding);
    expect(merged.data[1]!.embedding).not.toEqual(merged.data[0]!.embedding);

    // A single input shares the entry its list item wrote.
    const single = await embed('three');
    expect(single.headers.get('x-litellm-cache-key')).not.toBeNull();
    expect((single.body as unknown as Embeddings).data[0]!.embedding).toEqual(merged.data[1]!.embedding);
    expect(stack.simulator.callCount).toBe(2);
  });
});

describe('response cache modes', () => {
  it('default_off caches only requests that opt in with use-cache', async () => {
    const stack = await startCachingStack(`${config.replace('{ type: local, ttl: 60 }', '{ type: local, mode: default_off }')}`);
    try {
      await stack.chat(hello);
      await stack.chat(hello);
      expect(stack.simulator.callCount).toBe(2);
      const optIn = { ...hello, cache: { 'use-cache': true } };
      await stack.chat(optIn);
      expect((await stack.chat(optIn)).headers.get('x-litellm-cache-key')).not.toBeNull();
      expect(stack.simulator.callCount).toBe(3);
    } finally {
      await stack.close();
    }
  });

  it('with caching off, builds no cache and every request goes upstream', async () => {
    const stack = await startCachingStack(config.replace('cache: true', 'cache: false'));
    try {
      expect(stack.proxy.runtime.responseCache).toBeUndefined();
      await stack.chat(hello);
      expect((await stack.chat(hello)).headers.get('x-litellm-cache-key')).toBeNull();
      expect(stack.simulator.callCount).toBe(2);
    } finally {
      await stack.close();
    }
  });
});
