import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { deploymentId } from '../../../compiler/plan/deployment-id.ts';

function lower(yaml: string) {
  return lowerToPlan(parse(yaml, { version: '1.1' }) as Record<string, unknown>, '/tmp/config.yaml');
}

const seed = `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
      rpm: 60
  - model_name: claude-3-haiku
    litellm_params:
      model: anthropic/claude-3-haiku-20240307
      api_key: os.environ/ANTHROPIC_API_KEY
      rpm: 60
  - model_name: deepseek-chat
    litellm_params:
      model: deepseek/deepseek-chat
      api_key: os.environ/DEEPSEEK_API_KEY
      api_base: https://api.deepseek.com
      rpm: 60
general_settings:
  master_key: sk-litellm-master-key
`;

describe('lowerToPlan', () => {
  it('lowers the seed guide: one group per model_name, provider from the prefix, secrets kept as references', () => {
    const plan = lower(seed);
    expect(Object.keys(plan.groups)).toEqual(['gpt-4o', 'claude-3-haiku', 'deepseek-chat']);
    const [openai, anthropic, deepseek] = plan.deployments;
    expect(openai).toMatchObject({ provider: 'openai', adapter: 'openai', upstreamModel: 'gpt-4o', apiKey: { env: 'OPENAI_API_KEY' }, rpm: 60, mode: 'chat' });
    expect(openai!.apiBase).toBe('https://api.openai.com/v1');
    expect(openai!.apiBaseEnv).toEqual(['OPENAI_BASE_URL', 'OPENAI_API_BASE']);
    expect(openai!.apiKeyEnv).toBeUndefined();
    expect(anthropic).toMatchObject({ provider: 'anthropic', adapter: 'anthropic', upstreamModel: 'claude-3-haiku-20240307', apiBase: 'https://api.anthropic.com' });
    // A configured api_base is used as written: no env lookup for it.
    expect(deepseek).toMatchObject({ provider: 'deepseek', adapter: 'deepseek', apiBase: 'https://api.deepseek.com' });
    expect(deepseek!.apiBaseEnv).toBeUndefined();
    expect(plan.auth.masterKey).toBe('sk-litellm-master-key');
    expect(plan.unsupported).toEqual([]);
    expect(JSON.stringify(plan)).not.toContain('os.environ/');
  });

  it('fills LiteLLM router defaults', () => {
    const { router, cache, server, auth } = lower('model_list: []');
    expect(router).toMatchObject({ strategy: 'simple-shuffle', numRetries: 2, retryAfter: 0, allowedFails: 3, cooldownTime: 5, maxFallbacks: 5, timeout: 6000, disableCooldowns: false, enablePreCallChecks: false });
    expect(router.fallbacks).toBeUndefined();
    expect(cache).toMatchObject({ enabled: false, mode: 'default_on' });
    expect(server).toMatchObject({ dropParams: false, healthCheckDetails: true, healthCheckInterval: 300 });
    expect(auth).toEqual({ masterKeyEnv: 'LITELLM_MASTER_KEY', databaseUrlEnv: 'DATABASE_URL' });
  });

  it('treats cooldown_time 0 at router level as unset, as LiteLLM does', () => {
    expect(lower('router_settings: {cooldown_time: 0}').router.cooldownTime).toBe(5);
    expect(lower('router_settings: {cooldown_time: 30}').router.cooldownTime).toBe(30);
  });

  it('takes router_settings fallbacks when non-empty, else litellm_settings, and maps default_fallbacks to *', () => {
    const both = lower(`
router_settings:
  fallbacks: [{a: [b]}]
  default_fallbacks: [z]
litellm_settings:
  fallbacks: [{a: [c]}]
`);
    expect(both.router.fallbacks).toEqual({ a: ['b'], '*': ['z'] });
    const emptyRouter = lower(`
router_settings: {fallbacks: []}
litellm_settings: {fallbacks: [{a: [c]}], context_window_fallbacks: []}
`);
    expect(emptyRouter.router.fallbacks).toEqual({ a: ['c'] });
    // An explicit [] in litellm_settings makes the list "configured" (empty), unlike null.
    expect(emptyRouter.router.contextWindowFallbacks).toEqual({});
    expect(emptyRouter.router.contentPolicyFallbacks).toBeUndefined();
  });

  it('reads num_retries, timeout, allowed_fails and max_fallbacks from litellm_settings when router_settings lacks them', () => {
    const plan = lower('litellm_settings: {num_retries: 4, request_timeout: 30, allowed_fails: 1, max_fallbacks: 2}');
    expect(plan.router).toMatchObject({ numRetries: 4, timeout: 30, allowedFails: 1, maxFallbacks: 2 });
    expect(lower('router_settings: {num_retries: 0}\nlitellm_settings: {num_retries: 4}').router.numRetries).toBe(0);
  });

  it('lowers aliases in both forms', () => {
    const plan = lower(`
router_settings:
  model_group_alias:
    gpt-4: gpt-4o
    secret-name: {model: gpt-4o, hidden: true}
`);
    expect(plan.aliases).toEqual({ 'gpt-4': { group: 'gpt-4o', hidden: false }, 'secret-name': { group: 'gpt-4o', hidden: true } });
  });

  it('uses model_info.id when given (stringified) and a deterministic hash otherwise', () => {
    const plan = lower(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o}
    model_info: {id: 42}
  - model_name: a
    litellm_params: {model: openai/gpt-4o, rpm: 10}
  - model_name: a
    litellm_params: {model: openai/gpt-4o, rpm: 10}
`);
    expect(plan.deployments[0]!.id).toBe('42');
    expect(plan.deployments[1]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.deployments[1]!.id).toBe(plan.deployments[2]!.id);
    expect(plan.deployments[1]!.id).toBe(deploymentId('a', { model: 'openai/gpt-4o', rpm: 10 }));
    expect(plan.groups.a!.deployments).toEqual([0, 1, 2]);
  });

  it('renders values like Python str() in the id hash', () => {
    // Python: str(True) == 'True', str(2e-06) == '2e-06', str(['a', 'b']) == "['a', 'b']".
    const actual = deploymentId('m', { model: 'x', drop_params: true, weight: 2e-6, tags: ['a', 'b'] });
    expect(actual).toBe(createHash('sha256').update("mmodelxdrop_paramsTrueweight2e-06tags['a', 'b']").digest('hex'));
  });

  it('copies deployment-level rpm/tpm into litellm_params and keeps forwardable params with secret references', () => {
    const plan = lower(`
model_list:
  - model_name: a
    rpm: 7
    tpm: 700
    litellm_params:
      model: groq/llama-3.1-8b-instant
      temperature: 0.2
      extra_headers: {X-Token: os.environ/HEADER_TOKEN}
      tags: [fast]
`);
    const d = plan.deployments[0]!;
    expect(d).toMatchObject({ rpm: 7, tpm: 700, provider: 'groq', tags: ['fast'] });
    expect(d.params).toEqual({ temperature: 0.2, extra_headers: { 'X-Token': { env: 'HEADER_TOKEN' } } });
  });

  it('resolves the provider from custom_llm_provider, api_base host, or the bare model name', () => {
    const plan = lower(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-oss-20b, custom_llm_provider: hosted_vllm, api_base: http://vllm:8000/v1}
  - model_name: b
    litellm_params: {model: deepseek-chat, api_base: https://api.deepseek.com/v1}
  - model_name: c
    litellm_params: {model: gpt-4o-mini}
  - model_name: d
    litellm_params: {model: openrouter/anthropic/claude-3.5-sonnet}
  - model_name: e
    litellm_params: {model: fireworks_ai/llama-v3-70b}
`);
    expect(plan.deployments.map((d) => [d.provider, d.upstreamModel])).toEqual([
      ['hosted_vllm', 'openai/gpt-oss-20b'],
      ['deepseek', 'deepseek-chat'],
      ['openai', 'gpt-4o-mini'],
      ['openrouter', 'anthropic/claude-3.5-sonnet'],
      ['fireworks_ai', 'accounts/fireworks/models/llama-v3-70b'],
    ]);
  });

  it('lists deployments it cannot serve instead of failing', () => {
    const plan = lower(`
model_list:
  - model_name: a
    litellm_params: {model: bedrock/anthropic.claude-3}
  - model_name: b
    litellm_params: {model: my-private-model}
  - model_name: c
    litellm_params: {model: openai/gpt-4o}
`);
    expect(plan.deployments.map((d) => d.group)).toEqual(['c']);
    expect(plan.deployments[0]!.index).toBe(2);
    expect(plan.unsupported!.map((u) => [u.index, u.group])).toEqual([[0, 'a'], [1, 'b']]);
    expect(plan.unsupported![1]!.reason).toContain('LLM Provider NOT provided');
  });

  it('fills azure api_version from env or the LiteLLM default, and marks wildcards', () => {
    const plan = lower(`
model_list:
  - model_name: az
    litellm_params: {model: azure/my-deploy, api_base: os.environ/AZURE_API_BASE, api_key: os.environ/AZURE_API_KEY}
  - model_name: "openai/*"
    litellm_params: {model: "openai/*"}
  - model_name: "*"
    litellm_params: {model: "openai/*"}
`);
    const az = plan.deployments[0]!;
    expect(az).toMatchObject({ adapter: 'azure', apiBase: { env: 'AZURE_API_BASE' }, apiVersion: '2025-02-01-preview', apiVersionEnv: ['AZURE_API_VERSION'] });
    expect(plan.wildcards.map((g) => g.name)).toEqual(['openai/*', '*']);
    expect(plan.deployments[1]!.wildcard).toBe(true);
  });

  it('expands an organization list into one deployment per organization', () => {
    const plan = lower(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, organization: [org-1, org-2]}
`);
    expect(plan.deployments.map((d) => d.params.organization)).toEqual(['org-1', 'org-2']);
    expect(plan.deployments[0]!.id).not.toBe(plan.deployments[1]!.id);
  });

  it('freezes the plan', () => {
    const plan = lower(seed);
    expect(Object.isFrozen(plan.deployments[0]!.params)).toBe(true);
    expect(Object.isFrozen(plan.groups)).toBe(true);
  });

  it('lowers cache, auth and environment settings', () => {
    const plan = lower(`
litellm_settings:
  cache: true
  cache_params: {type: redis, host: os.environ/REDIS_HOST, port: 6379, ttl: 60}
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
  litellm_key_header_name: X-Litellm-Key
  max_request_size_mb: 2
environment_variables:
  FLAG: true
  OTHER: os.environ/SOURCE
`);
    expect(plan.cache).toMatchObject({ enabled: true, type: 'redis', ttl: 60, redis: { host: { env: 'REDIS_HOST' }, port: 6379 } });
    expect(plan.auth).toEqual({ masterKey: { env: 'LITELLM_MASTER_KEY' }, databaseUrlEnv: 'DATABASE_URL', keyHeaderName: 'X-Litellm-Key' });
    expect(plan.server.maxRequestSizeMb).toBe(2);
    expect(plan.environment).toEqual({ FLAG: 'True', OTHER: { env: 'SOURCE' } });
  });
});

describe('credential_list', () => {
  it('fills api_key / api_base / api_version from the named credential, the deployment winning', () => {
    const plan = lower(`
credential_list:
  - credential_name: azure-east
    credential_values: {api_key: os.environ/AZURE_EAST_KEY, api_base: "https://east.openai.azure.com", api_version: "2024-10-21"}
    credential_info: {description: east}
model_list:
  - model_name: a
    litellm_params: {model: azure/gpt-4o, litellm_credential_name: azure-east}
  - model_name: b
    litellm_params: {model: azure/gpt-4o, litellm_credential_name: azure-east, api_version: "2025-01-01-preview"}
`);
    expect(plan.deployments[0]).toMatchObject({ apiKey: { env: 'AZURE_EAST_KEY' }, apiBase: 'https://east.openai.azure.com', apiVersion: '2024-10-21' });
    expect(plan.deployments[0]!.apiBaseEnv).toBeUndefined();
    expect(plan.deployments[1]!.apiVersion).toBe('2025-01-01-preview');
  });
});

describe('catch-all deployments', () => {
  it('lowers model "*" without a provider prefix to a dynamic-provider deployment', () => {
    const plan = lower('model_list: [{model_name: "*", litellm_params: {model: "*", api_key: os.environ/ANY_KEY, rpm: 5}}]');
    expect(plan.unsupported).toEqual([]);
    expect(plan.deployments[0]).toMatchObject({ group: '*', provider: '*', dynamicProvider: true, upstreamModel: '*', apiKey: { env: 'ANY_KEY' }, rpm: 5, wildcard: true });
    expect(plan.wildcards.map((g) => g.name)).toEqual(['*']);
  });

  it('keeps a bare unknown model without a wildcard unsupported', () => {
    expect(lower('model_list: [{model_name: "x", litellm_params: {model: "*"}}]').unsupported).toHaveLength(1);
  });
});

describe('lowerToPlan: mock_response', () => {
  it('keeps it on the deployment (text or object) and never among the params sent upstream', () => {
    const plan = lower(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, mock_response: "canned", temperature: 0.2}
  - model_name: b
    litellm_params: {model: openai/gpt-4o, mock_response: {id: x, choices: []}}
  - model_name: c
    litellm_params: {model: openai/gpt-4o, mock_response: 42}
  - model_name: "*"
    litellm_params: {model: "*", mock_response: "any provider"}
`);
    const [text, object, number, dynamic] = plan.deployments;
    expect(text!.mockResponse).toBe('canned');
    expect(text!.params).toEqual({ temperature: 0.2 });
    expect(object!.mockResponse).toEqual({ id: 'x', choices: [] });
    expect(number!.mockResponse).toBeUndefined();
    expect(dynamic).toMatchObject({ dynamicProvider: true, mockResponse: 'any provider' });
    expect(dynamic!.params).toEqual({});
  });
});
