import { describe, expect, it } from 'vitest';
import { declaredKeys, schemaAtPointer } from '../../schema/schema-at-pointer.ts';

describe('schemaAtPointer', () => {
  it('returns the root for the empty pointer', () => {
    expect(declaredKeys(schemaAtPointer(''))).toContain('model_list');
  });

  it('walks properties, array items and $refs', () => {
    expect(schemaAtPointer('/model_list/3/litellm_params/model')?.type).toBe('string');
    expect(declaredKeys(schemaAtPointer('/model_list/0/litellm_params'))).toContain('api_base');
    expect(declaredKeys(schemaAtPointer('/router_settings/retry_policy'))).toContain('RateLimitErrorRetries');
    expect(schemaAtPointer('/router_settings/routing_strategy')?.enum).toContain('least-busy');
  });

  it('keeps the description written next to a $ref over the definition\'s own', () => {
    const timeout = schemaAtPointer('/router_settings/timeout');
    expect(timeout?.description).toMatch(/Default request timeout/);
    expect(timeout?.pattern).toMatch(/os\\\.environ/);
  });

  it('follows additionalProperties into mappings keyed by name', () => {
    expect(schemaAtPointer('/router_settings/model_group_alias/gpt-4')?.required).toEqual(['model']);
    expect(schemaAtPointer('/router_settings/fallbacks/0/gpt-4o')?.type).toBe('array');
    expect(schemaAtPointer('/environment_variables/REDIS_HOST')?.type).toEqual(['string', 'number', 'boolean']);
  });

  it('decodes ~1 and ~0 in tokens', () => {
    expect(schemaAtPointer('/router_settings/model_group_alias/openai~1gpt-4')?.required).toEqual(['model']);
  });

  it('returns undefined where the schema says nothing', () => {
    expect(schemaAtPointer('/model_list/0/litellm_params/extra_body/anything')).toBeUndefined();
    expect(schemaAtPointer('/no_such_section')).toBeUndefined();
    expect(schemaAtPointer('/router_settings/no_such_key')).toBeUndefined();
  });
});
