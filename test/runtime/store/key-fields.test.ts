import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../runtime/store/budget-duration.ts';
import { parseKeyFields } from '../../../runtime/store/key-fields.ts';
import { abbreviateKey, generateKey, hashKey, isKeyHash } from '../../../runtime/store/key-token.ts';

describe('parseKeyFields', () => {
  it('reads LiteLLM’s key fields', () => {
    expect(
      parseKeyFields({
        models: ['gpt-4o'],
        max_budget: 10,
        budget_duration: '30d',
        duration: '1h',
        key_alias: 'ci',
        metadata: { team: 'x' },
        rpm_limit: 5,
        tpm_limit: 1000,
        max_parallel_requests: 2,
        unknown_field: true,
      }),
    ).toEqual({
      fields: {
        models: ['gpt-4o'],
        maxBudget: 10,
        budgetDuration: '30d',
        durationMs: 3_600_000,
        keyAlias: 'ci',
        metadata: { team: 'x' },
        rpmLimit: 5,
        tpmLimit: 1000,
        maxParallelRequests: 2,
      },
    });
  });

  it('treats null as "clear" and absence as "unchanged"', () => {
    expect(parseKeyFields({ max_budget: null, duration: null, rpm_limit: null })).toEqual({ fields: { maxBudget: null, durationMs: null, rpmLimit: null } });
    expect(parseKeyFields({})).toEqual({ fields: {} });
  });

  it.each([
    ['max_budget', { max_budget: -1 }],
    ['max_budget', { max_budget: '5' }],
    ['models', { models: 'gpt-4o' }],
    ['budget_duration', { budget_duration: 'monthly' }],
    ['duration', { duration: '0s' }],
    ['rpm_limit', { rpm_limit: 1.5 }],
    ['metadata', { metadata: [1] }],
    ['blocked', { blocked: 'yes' }],
  ])('reports a bad %s', (param, body) => {
    const parsed = parseKeyFields(body);
    expect('error' in parsed && parsed.error.param).toBe(param);
  });
});

describe('budget durations', () => {
  it.each([
    ['30s', 30_000],
    ['30m', 1_800_000],
    ['30h', 108_000_000],
    ['30d', 2_592_000_000],
    ['2w', 1_209_600_000],
    ['1mo', 2_592_000_000],
  ])('%s', (text, ms) => expect(durationMs(text)).toBe(ms));

  it.each(['', '30', 'd', '-1d', '1y', '1.5h'])('rejects %j', (text) => expect(durationMs(text)).toBeUndefined());
});

describe('key tokens', () => {
  it('generates distinct sk- keys and stores only their SHA-256', () => {
    const key = generateKey();
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{22}$/);
    expect(generateKey()).not.toBe(key);
    expect(isKeyHash(hashKey(key))).toBe(true);
    // LiteLLM's token for a key is the hex SHA-256 of the whole key string.
    expect(hashKey('sk-1234')).toBe('88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b');
    expect(abbreviateKey('sk-abcdefgh1234')).toBe('sk-...1234');
  });
});
