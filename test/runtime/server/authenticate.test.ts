import { describe, expect, it } from 'vitest';
import { Authenticator } from '../../../runtime/server/authenticate.ts';

describe('Authenticator', () => {
  const auth = new Authenticator('sk-master', 'X-Litellm-Key');

  it('accepts the master key from every header LiteLLM reads', () => {
    for (const headers of [
      { authorization: 'Bearer sk-master' },
      { authorization: 'bearer sk-master' },
      { authorization: 'sk-master' },
      { 'api-key': 'sk-master' },
      { 'x-api-key': 'sk-master' },
      { 'x-goog-api-key': 'sk-master' },
      { 'x-litellm-key': 'Bearer sk-master' },
      { 'x-litellm-api-key': 'sk-master' },
      { 'x-litellm-api-key': 'Bearer sk-master' },
      { 'ocp-apim-subscription-key': 'sk-master' },
    ]) {
      expect(auth.check(headers), JSON.stringify(headers)).toBe('ok');
    }
  });

  it('reads x-litellm-api-key before Authorization, and Ocp-Apim-Subscription-Key last, as LiteLLM does', () => {
    const plain = new Authenticator('sk-master');
    expect(plain.presentedKey({ 'x-litellm-api-key': 'Bearer sk-a', authorization: 'Bearer sk-b' })).toBe('sk-a');
    expect(plain.presentedKey({ 'ocp-apim-subscription-key': 'sk-c', 'x-goog-api-key': 'sk-d' })).toBe('sk-d');
    expect(plain.presentedKey({ 'ocp-apim-subscription-key': 'sk-c' })).toBe('sk-c');
  });

  it('tells a missing key from a wrong one, whatever its length', () => {
    expect(auth.check({})).toBe('missing');
    expect(auth.check({ authorization: 'Bearer ' })).toBe('missing');
    for (const key of ['sk-maste', 'sk-master2', 'x', 'sk-master'.repeat(40)]) expect(auth.check({ authorization: `Bearer ${key}` })).toBe('invalid');
  });

  it('keeps its verdicts when keys repeat and after more distinct keys than it remembers', () => {
    const cached = new Authenticator('sk-master');
    for (let round = 0; round < 2; round++) {
      expect(cached.check({ authorization: 'Bearer sk-master' })).toBe('ok');
      expect(cached.check({ authorization: 'Bearer sk-wrong' })).toBe('invalid');
    }
    // A flood of distinct wrong keys (beyond the bounded cache) changes no verdict.
    for (let i = 0; i < 3000; i++) expect(cached.check({ authorization: `Bearer sk-guess-${i}` })).toBe('invalid');
    expect(cached.check({ authorization: 'Bearer sk-master' })).toBe('ok');
    expect(cached.check({ authorization: 'Bearer sk-guess-1' })).toBe('invalid');
  });

  it('lets everything through when no master key is configured', () => {
    const open = new Authenticator(undefined);
    expect(open.enabled).toBe(false);
    expect(open.check({})).toBe('ok');
  });
});
