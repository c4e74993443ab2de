/**
 * How cache settings in a config become the plan's CachePlan (compiler/plan/lower.ts):
 * LiteLLM's documented switch, the seed guide's router-level form, and which one wins.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';

function cachePlan(yaml: string) {
  return lowerToPlan(parse(`model_list: []\n${yaml}`) as Record<string, unknown>, '/test/cache.yaml').cache;
}

describe('cache settings lowering', () => {
  it('litellm_settings.cache with cache_params', () => {
    expect(
      cachePlan(`
litellm_settings:
  cache: true
  cache_params: {type: redis, host: os.environ/REDIS_HOST, port: 6380, namespace: ns, ttl: 30, mode: default_off, supported_call_types: [acompletion], default_in_redis_ttl: 10}
router_settings:
  caching_groups: [[gpt-4o, azure-gpt-4o]]
`),
    ).toEqual({
      enabled: true,
      source: 'litellm_settings',
      type: 'redis',
      mode: 'default_off',
      ttl: 30,
      namespace: 'ns',
      redis: { host: { env: 'REDIS_HOST' }, port: 6380 },
      supportedCallTypes: ['acompletion'],
      cachingGroups: [['gpt-4o', 'azure-gpt-4o']],
      defaultInRedisTtl: 10,
    });
  });

  it("the seed guide's router_settings.cache_responses builds a Redis cache from redis_* and cache_kwargs", () => {
    expect(
      cachePlan(`
router_settings:
  redis_host: redis
  redis_port: 6379
  cache_responses: true
  cache_kwargs:
    ttl: 3600
`),
    ).toEqual({ enabled: true, source: 'router_settings', type: 'redis', mode: 'default_on', ttl: 3600, redis: { host: 'redis', port: 6379 } });
  });

  it('router_settings.cache_responses without Redis settings is an in-memory cache', () => {
    expect(cachePlan('router_settings: {cache_responses: true}')).toMatchObject({ enabled: true, source: 'router_settings', type: 'local' });
  });

  it('litellm_settings.cache wins over cache_responses (the router never replaces an existing cache)', () => {
    expect(
      cachePlan(`
litellm_settings: {cache: true, cache_params: {type: local, ttl: 5}}
router_settings: {cache_responses: true, redis_host: redis, redis_port: 6379}
`),
    ).toMatchObject({ source: 'litellm_settings', type: 'local', ttl: 5 });
  });

  it('cache: true with empty cache_params means Redis from the environment; without type, in-memory (#26233)', () => {
    expect(cachePlan('litellm_settings: {cache: true}')).toMatchObject({ enabled: true, type: 'redis' });
    expect(cachePlan('litellm_settings: {cache: true}').redis).toBeUndefined();
    expect(cachePlan('litellm_settings: {cache: true, cache_params: {ttl: 60}}')).toMatchObject({ type: 'local' });
  });

  it('is off by default', () => {
    expect(cachePlan('')).toMatchObject({ enabled: false });
    expect(cachePlan('')).not.toHaveProperty('source');
  });
});
