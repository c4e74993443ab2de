import { describe, expect, it } from 'vitest';
import type { CachePlan } from '../../../compiler/plan/routing-plan.ts';
import { embeddingItems, mergeEmbeddings, splitEmbeddings } from '../../../runtime/cache/embedding-items.ts';
import { MemoryCacheBackend } from '../../../runtime/cache/memory-cache-backend.ts';
import { ResponseCache } from '../../../runtime/cache/response-cache.ts';

function embeddings(vectors: number[][], usage = { prompt_tokens: vectors.length, total_tokens: vectors.length }) {
  return { object: 'list', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), model: 'text-embedding-3-small', usage };
}

describe('embeddingItems', () => {
  it.each([
    ['a list of strings', ['a', 'b'], ['a', 'b']],
    ['a list of token arrays', [[1, 2], [3]], [[1, 2], [3]]],
    ['a string', 'a', undefined],
    ['one flat token array (one input)', [1, 2, 3], undefined],
    ['an empty list', [], undefined],
    ['a mixed list', ['a', [1]], undefined],
  ])('%s', (_name, input, expected) => {
    expect(embeddingItems(input)).toEqual(expected);
  });
});

describe('splitEmbeddings and mergeEmbeddings', () => {
  it('splits a response into one-item responses in index order', () => {
    const response = embeddings([[1], [2]]);
    response.data.reverse();
    expect(splitEmbeddings(response, 2)).toEqual([
      { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1] }], model: 'text-embedding-3-small' },
      { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [2] }], model: 'text-embedding-3-small' },
    ]);
    expect(splitEmbeddings(response, 3)).toBeUndefined();
  });

  it('puts fresh items at the missing positions, re-indexed, with the fresh usage', () => {
    const [cachedA, cachedC] = splitEmbeddings(embeddings([[1], [3]]), 2)!;
    const merged = mergeEmbeddings([cachedA, undefined, cachedC], embeddings([[2]], { prompt_tokens: 5, total_tokens: 5 }));
    expect(merged).toEqual({
      object: 'list',
      model: 'text-embedding-3-small',
      data: [
        { object: 'embedding', index: 0, embedding: [1] },
        { object: 'embedding', index: 1, embedding: [2] },
        { object: 'embedding', index: 2, embedding: [3] },
      ],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
  });

  it('refuses to merge when the fresh response has another number of items', () => {
    const [cached] = splitEmbeddings(embeddings([[1]]), 1)!;
    expect(mergeEmbeddings([cached, undefined], embeddings([[2], [3]]))).toBeUndefined();
  });
});

describe('ResponseCache with list embeddings', () => {
  const plan: CachePlan = { enabled: true, type: 'local', mode: 'default_on' };

  it('stores each input under the key it would have alone, and serves a full hit with zero usage', async () => {
    const cache = new ResponseCache(plan, new MemoryCacheBackend());
    const list = cache.decide('embedding', { model: 'e', input: ['a', 'b'] }, 'e')!;
    const single = cache.decide('embedding', { model: 'e', input: 'b' }, 'e')!;
    expect(list.itemKeys).toHaveLength(2);
    expect(list.itemKeys![1]).toBe(single.key);

    expect(await cache.lookup(list)).toEqual({});
    expect(cache.finishEmbeddings(list, undefined, Buffer.from(JSON.stringify(embeddings([[1], [2]]))))).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));

    const again = await cache.lookup(list);
    expect((again.hit!.response.data as unknown[]).length).toBe(2);
    expect(again.hit!.response.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
    expect((await cache.read(single))!.response.data).toEqual([{ object: 'embedding', index: 0, embedding: [2] }]);
  });

  it('reports a partial hit with the inputs still to fetch, and merges the answer', async () => {
    const cache = new ResponseCache(plan, new MemoryCacheBackend());
    const first = cache.decide('embedding', { model: 'e', input: ['a'] }, 'e')!;
    cache.finishEmbeddings(first, undefined, embeddings([[1]]));
    await new Promise((resolve) => setImmediate(resolve));

    const second = cache.decide('embedding', { model: 'e', input: ['x', 'a', 'y'] }, 'e')!;
    const found = await cache.lookup(second);
    expect(found.missingInputs).toEqual(['x', 'y']);
    const merged = cache.finishEmbeddings(second, found.partial, embeddings([[7], [9]]));
    expect((merged!.data as { embedding: number[] }[]).map((item) => item.embedding)).toEqual([[7], [1], [9]]);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.lookup(second)).hit).toBeDefined();
  });

  it('no-cache skips the per-item lookup; no-store skips the per-item writes', async () => {
    const backend = new MemoryCacheBackend();
    const cache = new ResponseCache(plan, backend);
    const noStore = cache.decide('embedding', { model: 'e', input: ['a'], cache: { 'no-store': true } }, 'e')!;
    cache.finishEmbeddings(noStore, undefined, embeddings([[1]]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(backend.size).toBe(0);

    cache.finishEmbeddings(cache.decide('embedding', { model: 'e', input: ['a'] }, 'e')!, undefined, embeddings([[1]]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.lookup(cache.decide('embedding', { model: 'e', input: ['a'], cache: { 'no-cache': true } }, 'e')!)).toEqual({});
  });
});
