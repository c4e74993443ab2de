import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../schema/validate-config.ts';

const schema = JSON.parse(readFileSync(new URL('../../schema/litellm-config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Parses YAML the way LiteLLM does (PyYAML is YAML 1.1) and validates it. */
function errorsOf(yaml: string) {
  return validateConfig(parse(yaml, { version: '1.1' }));
}

/** The errors reduced to what a diagnostic is built from. */
function summary(yaml: string) {
  return errorsOf(yaml).map((error) => ({ keyword: error.keyword, path: error.instancePath, params: error.params }));
}

const deployment = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
`;

describe('the schema document', () => {
  it('is a valid draft 2020-12 schema that ajv compiles in strict mode', () => {
    // strictTypes is off because bounds such as `minimum` sit next to a $ref to a
    // number-or-os.environ type, which ajv cannot see through; every other strict check holds.
    const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/litellm-config\.schema\.json$/);
  });

  it('describes every top-level section LiteLLM reads', () => {
    const sections = Object.keys(schema.properties as object);
    for (const section of [
      'model_list', 'litellm_settings', 'general_settings', 'router_settings', 'environment_variables', 'include',
      'guardrails', 'credential_list', 'callback_settings', 'assistant_settings', 'finetune_settings', 'files_settings',
      'default_vertex_config', 'search_tools', 'mcp_servers', 'mcp_tools', 'agent_list', 'vector_store_registry',
      'prompts', 'policies', 'policy_attachments',
    ]) {
      expect(sections).toContain(section);
    }
  });

  it('gives every declared property a description, which editors show on hover', () => {
    type Node = { description?: string; $ref?: string; properties?: Record<string, Node>; items?: Node; additionalProperties?: boolean | Node };
    const definitions = schema.$defs as Record<string, Node>;
    const undescribed: string[] = [];
    const walk = (node: Node, path: string): void => {
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        const referenced = property.$ref === undefined ? undefined : definitions[property.$ref.replace('#/$defs/', '')];
        if (!property.description && !referenced?.description) undescribed.push(`${path}/${name}`);
        walk(property, `${path}/${name}`);
      }
      if (node.items !== undefined) walk(node.items, `${path}/items`);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}/additionalProperties`);
    };
    walk(schema as Node, '#');
    for (const [name, definition] of Object.entries(definitions)) walk(definition, `#/$defs/${name}`);
    expect(undescribed).toEqual([]);
  });
});

describe('valid configs', () => {
  it.each([
    ['a single deployment', deployment],
    ['an empty model_list (models kept in the database)', 'model_list: []\n'],
    ['sections written with no value (null is unset in LiteLLM)', `${deployment}general_settings:\nrouter_settings:\nlitellm_settings:\n`],
    ['os.environ/ timeouts on a deployment', `${deployment}      timeout: os.environ/OPENAI_TIMEOUT\n      stream_timeout: os.environ/OPENAI_STREAM_TIMEOUT\n`],
    ['os.environ/ and numeric-string router settings', `${deployment}router_settings:\n  timeout: os.environ/ROUTER_TIMEOUT\n  num_retries: "3"\n  redis_port: "6379"\n  redis_host: os.environ/REDIS_HOST\n`],
    ['YAML 1.1 booleans and underscored integers', `${deployment}      tpm: 80_000\nlitellm_settings:\n  drop_params: yes\n  telemetry: off\n`],
    ['provider parameters passed through on a deployment', `${deployment}      temperature: 0.1\n      extra_headers: {X-Team: search}\n      seed: 7\n`],
    ['free-form model_info metadata', `${deployment}    model_info:\n      id: "1"\n      mode: embedding\n      owner: search-team\n`],
    ['unknown litellm_settings and general_settings keys (judged by lint rules, not the schema)', `${deployment}litellm_settings:\n  my_flag: true\ngeneral_settings:\n  something_new: 1\n`],
    ['well-formed fallbacks and aliases', `${deployment}router_settings:\n  fallbacks: [{"gpt-4o": ["claude"]}, {"*": ["gpt-4o"]}]\n  default_fallbacks: [gpt-4o]\n  model_group_alias: {gpt-4: gpt-4o, old: {model: gpt-4o, hidden: true}}\n  retry_policy: {RateLimitErrorRetries: 3}\n`],
    ['a redis cache', `${deployment}litellm_settings:\n  cache: true\n  cache_params: {type: redis, host: os.environ/REDIS_HOST, port: 6379, ttl: 600}\n`],
    ['environment variables with scalar values', `environment_variables:\n  REDIS_PORT: 6379\n  FEATURE: true\n  NAME: demo\n${deployment}`],
  ])('%s', (_name, yaml) => {
    expect(errorsOf(yaml)).toEqual([]);
  });
});

describe('invalid configs: one schema error at the node at fault', () => {
  it.each([
    ['an unknown (misspelled) root section', `${deployment}general_setting:\n  master_key: sk-x\n`, { keyword: 'additionalProperties', path: '', params: { additionalProperty: 'general_setting' } }],
    ['an unknown router_settings key', `${deployment}router_settings:\n  enable_pre_call_check: true\n`, { keyword: 'additionalProperties', path: '/router_settings', params: { additionalProperty: 'enable_pre_call_check' } }],
    ['a router_settings key written with =', `${deployment}router_settings:\n  num_retries=3: true\n`, { keyword: 'additionalProperties', path: '/router_settings', params: { additionalProperty: 'num_retries=3' } }],
    ['a litellm global under router_settings', `${deployment}router_settings:\n  drop_params: true\n`, { keyword: 'additionalProperties', path: '/router_settings', params: { additionalProperty: 'drop_params' } }],
    ['an unknown routing_strategy', `${deployment}router_settings:\n  routing_strategy: least_busy\n`, { keyword: 'enum', path: '/router_settings/routing_strategy' }],
    ['model_list written as a mapping', 'model_list:\n  gpt-4o:\n    litellm_params: {model: openai/gpt-4o}\n', { keyword: 'type', path: '/model_list' }],
    ['litellm-params with a dash', 'model_list:\n  - model_name: gpt-4o\n    litellm-params:\n      model: openai/gpt-4o\n', { keyword: 'required', path: '/model_list/0', params: { missingProperty: 'litellm_params' } }],
    ['a deployment without litellm_params.model', 'model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      api_key: os.environ/K\n', { keyword: 'required', path: '/model_list/0/litellm_params', params: { missingProperty: 'model' } }],
    ['a deployment whose model is left empty', 'model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model:\n', { keyword: 'type', path: '/model_list/0/litellm_params/model' }],
    ['a timeout that is neither a number nor os.environ/', `${deployment}      timeout: thirty\n`, { keyword: 'pattern', path: '/model_list/0/litellm_params/timeout' }],
    ['a fractional rpm', `${deployment}      rpm: 1.5\n`, { keyword: 'type', path: '/model_list/0/litellm_params/rpm' }],
    ['an unknown cache type', `${deployment}litellm_settings:\n  cache: true\n  cache_params: {type: qdrant}\n`, { keyword: 'enum', path: '/litellm_settings/cache_params/type' }],
    ['an unknown model_info.mode', `${deployment}    model_info: {mode: embeddings}\n`, { keyword: 'enum', path: '/model_list/0/model_info/mode' }],
    ['an environment variable whose value is a mapping', `environment_variables:\n  LITELLM_MASTER_KEY: {description: admin key}\n${deployment}`, { keyword: 'type', path: '/environment_variables/LITELLM_MASTER_KEY' }],
    ['a misspelled retry_policy key', `${deployment}router_settings:\n  retry_policy: {RateLimitRetries: 3}\n`, { keyword: 'additionalProperties', path: '/router_settings/retry_policy', params: { additionalProperty: 'RateLimitRetries' } }],
    ['a model_group_alias mapping without model', `${deployment}router_settings:\n  model_group_alias: {gpt-4: {hidden: true}}\n`, { keyword: 'required', path: '/router_settings/model_group_alias/gpt-4' }],
    ['an argument the proxy passes to the Router itself (a duplicate crashes start-up)', `${deployment}router_settings:\n  ignore_invalid_deployments: true\n`, { keyword: 'additionalProperties', path: '/router_settings', params: { additionalProperty: 'ignore_invalid_deployments' } }],
    ['a routing_strategy left empty', `${deployment}router_settings:\n  routing_strategy:\n`, { keyword: 'enum', path: '/router_settings/routing_strategy' }],
    ['success_callback given as one string (LiteLLM iterates it letter by letter)', `${deployment}litellm_settings:\n  success_callback: langfuse\n`, { keyword: 'type', path: '/litellm_settings/success_callback' }],
    ['default_team_settings without team_id (start-up error)', `${deployment}litellm_settings:\n  default_team_settings: [{success_callback: [langfuse]}]\n`, { keyword: 'required', path: '/litellm_settings/default_team_settings/0', params: { missingProperty: 'team_id' } }],
    ['an unknown key_management_system', `${deployment}general_settings:\n  key_management_system: local\n`, { keyword: 'enum', path: '/general_settings/key_management_system' }],
    ['a budget_duration without a unit', `${deployment}litellm_settings:\n  max_budget: 100\n  budget_duration: "30"\n`, { keyword: 'pattern', path: '/litellm_settings/budget_duration' }],
    ['include given as a single path', `include: models.yaml\n${deployment}`, { keyword: 'type', path: '/include' }],
  ])('%s', (_name, yaml, expected) => {
    const errors = summary(yaml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject(expected);
  });

  it('reports a flat fallbacks list item by item (each is not a mapping)', () => {
    const errors = summary(`${deployment}router_settings:\n  fallbacks: [gpt-4o, claude]\n`);
    expect(errors).toEqual([
      { keyword: 'type', path: '/router_settings/fallbacks/0', params: { type: 'object' } },
      { keyword: 'type', path: '/router_settings/fallbacks/1', params: { type: 'object' } },
    ]);
  });

  it('rejects fallback items with two keys and targets that are not lists', () => {
    const twoKeys = summary(`${deployment}litellm_settings:\n  fallbacks: [{model: gpt-4o, fallback: [claude]}]\n`);
    expect(twoKeys[0]).toMatchObject({ keyword: 'maxProperties', path: '/litellm_settings/fallbacks/0' });
    const scalarTarget = summary(`${deployment}router_settings:\n  context_window_fallbacks: [{gpt-4o: claude}]\n`);
    expect(scalarTarget).toEqual([{ keyword: 'type', path: '/router_settings/context_window_fallbacks/0/gpt-4o', params: { type: 'array' } }]);
  });
});
