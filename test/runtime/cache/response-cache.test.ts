import { describe, expect, it } from 'vitest';
import type { CachePlan } from '../../../compiler/plan/routing-plan.ts';
import { MemoryCacheBackend } from '../../../runtime/cache/memory-cache-backend.ts';
import { ResponseCache } from '../../../runtime/cache/response-cache.ts';

const on: CachePlan = { enabled: true, type: 'local', mode: 'default_on' };
const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const answer = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }] };

function setup(plan: Partial<CachePlan> = {}) {
  let now = 1_700_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const backend = new MemoryCacheBackend({ now: clock.now });
  const cache = new ResponseCache({ ...on, ...plan }, backend, { now: clock.now });
  return { cache, backend, clock };
}

describe('ResponseCache decisions', () => {
  it('reads and writes by default, with the key shown to clients', () => {
    const { cache } = setup();
    const decision = cache.decide('chat', body, 'gpt-4o')!;
    expect(decision).toMatchObject({ read: true, write: true, stream: false, includeUsage: false });
    expect(decision.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('no-cache skips the read but still writes; no-store the reverse; both means no part at all', () => {
    const { cache } = setup();
    expect(cache.decide('chat', { ...body, cache: { 'no-cache': true } }, 'gpt-4o')).toMatchObject({ read: false, write: true });
    expect(cache.decide('chat', { ...body, cache: { 'no-store': true } }, 'gpt-4o')).toMatchObject({ read: true, write: false });
    expect(cache.decide('chat', { ...body, cache: { 'no-cache': true, 'no-store': true } }, 'gpt-4o')).toBeUndefined();
  });

  it('accepts the controls inside extra_body too', () => {
    const { cache } = setup();
    expect(cache.decide('chat', { ...body, extra_body: { cache: { 'no-store': true } } }, 'gpt-4o')).toMatchObject({ write: false });
  });

  it('under default_off only takes part when the request says use-cache', () => {
    const { cache } = setup({ mode: 'default_off' });
    expect(cache.decide('chat', body, 'gpt-4o')).toBeUndefined();
    expect(cache.decide('chat', { ...body, cache: { 'use-cache': true } }, 'gpt-4o')).toMatchObject({ read: true, write: true });
  });

  it('only serves the supported call types', () => {
    const { cache } = setup({ supportedCallTypes: ['aembedding'] });
    expect(cache.decide('chat', body, 'gpt-4o')).toBeUndefined();
    expect(cache.decide('completion', { model: 'm', prompt: 'x' }, 'm')).toBeUndefined();
    expect(cache.decide('embedding', { model: 'e', input: 'x' }, 'e')).toBeDefined();
  });

  it('puts the namespace in front of the key: request over metadata over config', () => {
    const { cache } = setup({ namespace: 'conf' });
    const plain = cache.decide('chat', body, 'gpt-4o')!.key;
    expect(plain).toMatch(/^conf:[0-9a-f]{64}$/);
    const hash = plain.slice('conf:'.length);
    expect(cache.decide('chat', { ...body, metadata: { redis_namespace: 'meta' } }, 'gpt-4o')!.key).toBe(`meta:${hash}`);
    expect(cache.decide('chat', { ...body, cache: { namespace: 'req' }, metadata: { redis_namespace: 'meta' } }, 'gpt-4o')!.key).toBe(`req:${hash}`);
  });

  it('takes the TTL from the request, else the layer default, else cache_params.ttl', () => {
    expect(setup({ ttl: 60 }).cache.decide('chat', { ...body, cache: { ttl: 5 } }, 'gpt-4o')!.ttl).toBe(5);
    expect(setup({ ttl: 60 }).cache.decide('chat', body, 'gpt-4o')!.ttl).toBe(60);
    expect(setup({ ttl: 60, defaultInMemoryTtl: 30 }).cache.decide('chat', body, 'gpt-4o')!.ttl).toBe(30);
    expect(setup({ ttl: 60, defaultInRedisTtl: 30 }).cache.decide('chat', body, 'gpt-4o')!.ttl).toBe(60);
  });

  it('marks streaming requests and whether they asked for usage', () => {
    const { cache } = setup();
    expect(cache.decide('chat', { ...body, stream: true, stream_options: { include_usage: true } }, 'gpt-4o')).toMatchObject({ stream: true, includeUsage: true });
    expect(cache.decide('embedding', { model: 'e', input: 'x', stream: true }, 'e')).toMatchObject({ stream: false });
  });
});

describe('ResponseCache read and write', () => {
  it('returns a written response with its write time', async () => {
    const { cache } = setup();
    const decision = cache.decide('chat', body, 'gpt-4o')!;
    expect(await cache.read(decision)).toBeUndefined();
    await cache.write(decision, answer);
    expect(await cache.read(decision)).toEqual({ timestamp: 1_700_000_000, response: answer });
  });

  it('stores relayed JSON bytes unparsed and reads them back as the response', async () => {
    const { cache } = setup();
    const decision = cache.decide('chat', body, 'gpt-4o')!;
    await cache.write(decision, Buffer.from(`  ${JSON.stringify(answer)}\n`));
    expect(await cache.read(decision)).toEqual({ timestamp: 1_700_000_000, response: answer });
  });

  it('expires entries after the request TTL', async () => {
    const { cache, clock } = setup({ ttl: 600 });
    const decision = cache.decide('chat', { ...body, cache: { ttl: 2 } }, 'gpt-4o')!;
    await cache.write(decision, answer);
    clock.advance(1_999);
    expect(await cache.read(decision)).toBeDefined();
    clock.advance(1);
    expect(await cache.read(decision)).toBeUndefined();
  });

  it('s-maxage rejects entries older than asked for', async () => {
    const { cache, clock } = setup();
    await cache.write(cache.decide('chat', body, 'gpt-4o')!, answer);
    clock.advance(30_000);
    expect(await cache.read(cache.decide('chat', { ...body, cache: { 's-maxage': 10 } }, 'gpt-4o')!)).toBeUndefined();
    expect(await cache.read(cache.decide('chat', { ...body, cache: { 's-max-age': 60 } }, 'gpt-4o')!)).toBeDefined();
  });

  it('never writes an error body or a no-store response', async () => {
    const { cache, backend } = setup();
    await cache.write(cache.decide('chat', body, 'gpt-4o')!, { error: { message: 'boom' } });
    await cache.write(cache.decide('chat', { ...body, cache: { 'no-store': true } }, 'gpt-4o')!, answer);
    expect(backend.size).toBe(0);
  });

  it('treats an unreadable entry as a miss and reports it', async () => {
    const problems: string[] = [];
    const backend = new MemoryCacheBackend();
    const cache = new ResponseCache(on, backend, { onProblem: (message) => problems.push(message) });
    const decision = cache.decide('chat', body, 'gpt-4o')!;
    await backend.set(decision.key, 'not json', 60);
    expect(await cache.read(decision)).toBeUndefined();
    await backend.set(decision.key, '{"response":"x"}', 60);
    expect(await cache.read(decision)).toBeUndefined();
    expect(problems).toHaveLength(2);
  });
});
