import { describe, expect, it } from 'vitest';
import { KeyRateLimits } from '../../../runtime/store/key-rate-limits.ts';

const none = { rpmLimit: null, tpmLimit: null, maxParallelRequests: null };

describe('KeyRateLimits', () => {
  it('admits rpm_limit requests in any sliding minute', () => {
    let now = 1_000_000;
    const limits = new KeyRateLimits(() => now);
    const rpm = { ...none, rpmLimit: 2 };
    expect(limits.admit('k', rpm)).toBeUndefined();
    limits.release('k', 0);
    now += 30_000;
    expect(limits.admit('k', rpm)).toBeUndefined();
    limits.release('k', 0);
    expect(limits.admit('k', rpm)).toEqual({ kind: 'requests', limit: 2, retryAfterSeconds: 30 });
    // The first request leaves the window 60 s after it was admitted.
    now += 30_001;
    expect(limits.admit('k', rpm)).toBeUndefined();
    expect(limits.admit('other', rpm)).toBeUndefined();
  });

  it('holds a parallel slot until release', () => {
    const limits = new KeyRateLimits(() => 0);
    const parallel = { ...none, maxParallelRequests: 1 };
    expect(limits.admit('k', parallel)).toBeUndefined();
    expect(limits.admit('k', parallel)).toMatchObject({ kind: 'parallel_requests', limit: 1 });
    limits.release('k', 0);
    expect(limits.admit('k', parallel)).toBeUndefined();
  });

  it('refuses once the tokens of the last minute reach tpm_limit, and admits again as they slide out', () => {
    let now = 0;
    const limits = new KeyRateLimits(() => now);
    const tpm = { ...none, tpmLimit: 100 };
    expect(limits.admit('k', tpm)).toBeUndefined();
    limits.release('k', 150);
    expect(limits.admit('k', tpm)).toMatchObject({ kind: 'tokens', limit: 100 });
    now += 70_000;
    expect(limits.admit('k', tpm)).toBeUndefined();
  });

  it('keeps no counters for keys without limits', () => {
    const limits = new KeyRateLimits(() => 0);
    for (let index = 0; index < 100; index++) expect(limits.admit('k', none)).toBeUndefined();
    expect(limits.requestsInWindow('k')).toBe(0);
  });
});
