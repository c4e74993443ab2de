import { describe, expect, it } from 'vitest';
import { knownKeys, sectionsDefining } from '../../schema/known-keys.ts';

describe('known keys per section', () => {
  it('lists the keys LiteLLM reads in each section', () => {
    expect(knownKeys.root.has('router_settings')).toBe(true);
    expect(knownKeys.router_settings.has('routing_strategy')).toBe(true);
    // From the completeness warning of the reference: valid keys once missing from its tables.
    expect(knownKeys.litellm_settings.has('service_callback')).toBe(true);
    expect(knownKeys.general_settings.has('proxy_budget_rescheduler_max_time')).toBe(true);
    expect(knownKeys.cache_params.has('namespace')).toBe(true);
    expect(knownKeys.litellm_params.has('model')).toBe(true);
    expect(knownKeys.model_info.has('base_model')).toBe(true);
    expect(knownKeys.model_list).toEqual(new Set(['model_name', 'litellm_params', 'model_info', 'tpm', 'rpm']));
  });

  it('does not count keys LiteLLM ignores', () => {
    expect(knownKeys.root.has('general_setting')).toBe(false);
    expect(knownKeys.router_settings.has('enable_pre_call_check')).toBe(false);
    expect(knownKeys.router_settings.has('health_check_interval')).toBe(false);
    expect(knownKeys.router_settings.has('max_retries')).toBe(false);
    // Router arguments the proxy sets itself: model_list and search_tools are dropped from
    // router_settings; the others would be passed twice and crash start-up.
    for (const key of ['model_list', 'search_tools', 'ignore_invalid_deployments', 'assistants_config', 'router_general_settings']) {
      expect(knownKeys.router_settings.has(key), key).toBe(false);
    }
    expect(knownKeys.litellm_settings.has('master_key')).toBe(false);
  });

  it('names the section a misplaced key belongs to', () => {
    expect(sectionsDefining('master_key')).toEqual(['general_settings']);
    expect(sectionsDefining('health_check_interval')).toEqual(['general_settings']);
    expect(sectionsDefining('num_retries')).toEqual(['litellm_settings', 'router_settings']);
    expect(sectionsDefining('no_such_setting')).toEqual([]);
  });
});
