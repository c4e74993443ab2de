import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../runtime/cache/canonical-json.ts';
import { cacheKeyHash, namespacedKey, resolveNamespace } from '../../../runtime/cache/cache-key.ts';

const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }], temperature: 0.2 };

describe('cacheKeyHash', () => {
  it('is the SHA-256 of the canonical parameters with the requested model', () => {
    const expected = createHash('sha256').update('{"messages":[{"content":"hello","role":"user"}],"model":"gpt-4o","temperature":0.2}').digest('hex');
    expect(cacheKeyHash(chat, 'gpt-4o')).toBe(expected);
  });

  it('ignores the order of keys at every depth', () => {
    const reordered = { temperature: 0.2, messages: [{ content: 'hello', role: 'user' }], model: 'gpt-4o' };
    expect(cacheKeyHash(reordered, 'gpt-4o')).toBe(cacheKeyHash(chat, 'gpt-4o'));
  });

  it.each([
    ['a different message', { messages: [{ role: 'user', content: 'bye' }] }],
    ['a different temperature', { temperature: 0.3 }],
    ['stream: true', { stream: true }],
    ['an explicit stream: false', { stream: false }],
    ['a user', { user: 'alice' }],
    ['tools', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }],
    ['a seed', { seed: 7 }],
    ['thinking', { thinking: { type: 'enabled', budget_tokens: 1024 } }],
  ])('changes with %s', (_name, change) => {
    expect(cacheKeyHash({ ...chat, ...change }, 'gpt-4o')).not.toBe(cacheKeyHash(chat, 'gpt-4o'));
  });

  it.each([
    ['metadata', { metadata: { trace: 'x' } }],
    ['the cache controls', { cache: { 'no-cache': true } }],
    ['proxy controls', { num_retries: 3, timeout: 10, fallbacks: ['other'], mock_testing_fallbacks: true }],
    ['null values', { max_tokens: null }],
    ['unknown provider extras', { safe_prompt: true }],
  ])('does not change with %s', (_name, change) => {
    expect(cacheKeyHash({ ...chat, ...change }, 'gpt-4o')).toBe(cacheKeyHash(chat, 'gpt-4o'));
  });

  it('uses the model as requested, not the body value after rewriting', () => {
    expect(cacheKeyHash({ ...chat, model: 'openai/gpt-4o' }, 'gpt-4o')).toBe(cacheKeyHash(chat, 'gpt-4o'));
    expect(cacheKeyHash(chat, 'alias-of-gpt-4o')).not.toBe(cacheKeyHash(chat, 'gpt-4o'));
  });

  it('gives every member of a caching group the same key, and others their own', () => {
    const settings = { cachingGroups: [['gpt-4o', 'azure-gpt-4o']] };
    expect(cacheKeyHash(chat, 'gpt-4o', settings)).toBe(cacheKeyHash(chat, 'azure-gpt-4o', settings));
    expect(cacheKeyHash(chat, 'claude', settings)).toBe(cacheKeyHash(chat, 'claude'));
    expect(cacheKeyHash(chat, 'gpt-4o', settings)).not.toBe(cacheKeyHash(chat, 'gpt-4o'));
  });

  it('keys embeddings by input, dimensions and encoding format', () => {
    const embedding = { model: 'embed', input: ['a', 'b'] };
    expect(cacheKeyHash({ ...embedding, input: ['a', 'c'] }, 'embed')).not.toBe(cacheKeyHash(embedding, 'embed'));
    expect(cacheKeyHash({ ...embedding, dimensions: 256 }, 'embed')).not.toBe(cacheKeyHash(embedding, 'embed'));
    expect(cacheKeyHash({ ...embedding, encoding_format: 'base64' }, 'embed')).not.toBe(cacheKeyHash(embedding, 'embed'));
  });
});

describe('namespaces', () => {
  it('prefers the request, then metadata.redis_namespace, then the config', () => {
    expect(resolveNamespace('req', { metadata: { redis_namespace: 'meta' } }, 'conf')).toBe('req');
    expect(resolveNamespace(undefined, { metadata: { redis_namespace: 'meta' } }, 'conf')).toBe('meta');
    expect(resolveNamespace(undefined, {}, 'conf')).toBe('conf');
    expect(resolveNamespace(undefined, {}, undefined)).toBeUndefined();
  });

  it('prefixes the hash with "<namespace>:"', () => {
    expect(namespacedKey('abc', 'team-a')).toBe('team-a:abc');
    expect(namespacedKey('abc', undefined)).toBe('abc');
  });
});

describe('canonicalJson', () => {
  it('sorts keys, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: [3, { y: 1, x: undefined, a: null }], a: 'é"' })).toBe('{"a":"é\\"","b":[3,{"a":null,"y":1}]}');
  });
});
