/**
 * Table tests of the semantic rules and the schema translation: each case is a small config
 * and the exact `CODE@line:col-endLine:endCol` list it must produce (valid cases: none of the
 * rule's code). Messages are checked only where the wording carries the fix.
 */
import { describe, expect, it } from 'vitest';
import { codesAndSpans, lintText, yaml } from './lint-helpers.ts';

const models = [
  'model_list:',
  '  - model_name: gpt-4o',
  '    litellm_params:',
  '      model: openai/gpt-4o',
  '      api_key: os.environ/OPENAI_API_KEY',
  '  - model_name: claude',
  '    litellm_params:',
  '      model: anthropic/claude-3-haiku-20240307',
  '      api_key: os.environ/ANTHROPIC_API_KEY',
  '    model_info:',
  '      id: claude-1',
];

interface Case {
  readonly name: string;
  readonly lines: readonly string[];
  /** Codes of interest; other codes in the output are ignored. */
  readonly codes: readonly string[];
  readonly expected: readonly string[];
  readonly env?: Record<string, string>;
  readonly checkEnv?: boolean;
}

const cases: readonly Case[] = [
  // routing-strategy
  { name: 'valid routing strategy', lines: [...models, 'router_settings:', '  routing_strategy: usage-based-routing-v2'], codes: ['LG3003', 'LG2003'], expected: [] },
  { name: 'underscored strategy', lines: [...models, 'router_settings:', '  routing_strategy: least_busy'], codes: ['LG3003', 'LG2003'], expected: ['LG3003@13:21-13:31'] },
  { name: 'abbreviated strategy', lines: [...models, 'router_settings:', '  routing_strategy: "latency-based"'], codes: ['LG3003', 'LG2003'], expected: ['LG3003@13:21-13:36'] },
  // key-contains-equals
  { name: 'key with =', lines: [...models, 'router_settings: {num_retries=3, timeout: 10}'], codes: ['LG3002', 'LG2001'], expected: ['LG3002@12:19-12:32'] },
  // misplaced-setting / unknown keys
  { name: 'health_check_interval in router_settings', lines: [...models, 'router_settings:', '  health_check_interval: 30'], codes: ['LG3001', 'LG2001'], expected: ['LG3001@13:3-13:24'] },
  { name: 'health_check_interval in general_settings', lines: [...models, 'general_settings:', '  health_check_interval: 30'], codes: ['LG3001', 'LG2001', 'LG2007'], expected: [] },
  { name: 'master_key in litellm_settings is a warning', lines: [...models, 'litellm_settings:', '  master_key: os.environ/K'], codes: ['LG3001'], expected: ['LG3001@13:3-13:13'] },
  { name: 'unknown router key is an error', lines: [...models, 'router_settings:', '  default_model: gpt-4o'], codes: ['LG2001'], expected: ['LG2001@13:3-13:16'] },
  { name: 'typo in litellm_settings is an error', lines: [...models, 'litellm_settings:', '  drop_parms: true'], codes: ['LG2001', 'LG2007'], expected: ['LG2001@13:3-13:13'] },
  { name: 'invented litellm_settings key is a warning', lines: [...models, 'litellm_settings:', '  banned_keywords: [x]'], codes: ['LG2001', 'LG2007'], expected: ['LG2007@13:3-13:18'] },
  { name: 'misspelled section', lines: [...models, 'general_setting:', '  master_key: os.environ/K'], codes: ['LG2001'], expected: ['LG2001@12:1-12:16'] },
  // fallback-shape
  { name: 'well-formed fallbacks', lines: [...models, 'router_settings:', '  fallbacks: [{gpt-4o: [claude]}]'], codes: ['LG3004', 'LG3005'], expected: [] },
  { name: 'flat fallbacks list', lines: [...models, 'router_settings:', '  fallbacks:', '    - claude'], codes: ['LG3004', 'LG2002'], expected: ['LG3004@14:7-14:13'] },
  { name: 'two-key fallback item', lines: [...models, 'litellm_settings:', '  fallbacks: [{gpt-4o: [claude], claude: [gpt-4o]}]'], codes: ['LG3004', 'LG2005'], expected: ['LG3004@13:15-13:51'] },
  { name: 'fallback targets as a string', lines: [...models, 'router_settings:', '  fallbacks: [{gpt-4o: claude}]'], codes: ['LG3004', 'LG2002'], expected: ['LG3004@13:24-13:30'] },
  { name: 'fallbacks as a mapping', lines: [...models, 'router_settings:', '  fallbacks: {gpt-4o: [claude]}'], codes: ['LG3004', 'LG2002'], expected: ['LG3004@13:14-13:32'] },
  // fallback-unknown-group
  { name: 'unknown fallback target', lines: [...models, 'router_settings:', '  fallbacks: [{gpt-4o: [claud]}]'], codes: ['LG3005'], expected: ['LG3005@13:25-13:30'] },
  { name: 'unknown fallback source', lines: [...models, 'router_settings:', '  fallbacks: [{gpt4: [claude]}]'], codes: ['LG3005'], expected: ['LG3005@13:16-13:20'] },
  { name: 'deployment id as a target, * as a source', lines: [...models, 'router_settings:', '  fallbacks: [{"*": [claude-1]}]'], codes: ['LG3005'], expected: [] },
  { name: 'wildcard route serves the target', lines: [...models, '  - model_name: "openai/*"', '    litellm_params: {model: "openai/*"}', 'router_settings:', '  fallbacks: [{gpt-4o: [openai/gpt-4.1]}]'], codes: ['LG3005'], expected: [] },
  { name: '* in context_window_fallbacks never fires', lines: [...models, 'router_settings:', '  context_window_fallbacks: [{"*": [claude]}]'], codes: ['LG3005'], expected: ['LG3005@13:31-13:34'] },
  { name: 'unknown default fallback', lines: [...models, 'router_settings:', '  default_fallbacks: [gpt-5]'], codes: ['LG3005'], expected: ['LG3005@13:23-13:28'] },
  { name: 'litellm_params.model as a fallback source', lines: [...models, 'router_settings:', '  fallbacks: [{openai/gpt-4o: [claude]}]'], codes: ['LG3005'], expected: ['LG3005@13:16-13:29'] },
  // alias-shape / alias-unknown-group
  { name: 'string and {model} aliases', lines: [...models, 'router_settings:', '  model_group_alias: {gpt-4: gpt-4o, haiku: {model: claude, hidden: true}}'], codes: ['LG3006', 'LG3007'], expected: [] },
  { name: 'list-valued alias', lines: [...models, 'router_settings:', '  model_group_alias:', '    gpt-4: [gpt-4o]'], codes: ['LG3006', 'LG3007', 'LG2002'], expected: ['LG3006@14:12-14:20'] },
  { name: 'alias to a missing group', lines: [...models, 'router_settings:', '  model_group_alias:', '    gpt-4: gpt-4-turbo'], codes: ['LG3006', 'LG3007'], expected: ['LG3007@14:12-14:23'] },
  // duplicate-deployment-id
  { name: 'duplicate ids', lines: [...models, '  - model_name: claude', '    litellm_params: {model: anthropic/claude-3-haiku-20240307}', '    model_info: {id: claude-1}'], codes: ['LG3008'], expected: ['LG3008@14:22-14:30'] },
  // environment references
  { name: 'os.environ in a list item', lines: [...models, 'litellm_settings:', '  callbacks: [os.environ/CALLBACK]'], codes: ['LG3010'], expected: ['LG3010@13:15-13:34'] },
  { name: 'unset variable with --check-env', lines: [...models], codes: ['LG3009'], checkEnv: true, env: { OPENAI_API_KEY: 'set' }, expected: ['LG3009@9:16-9:44'] },
  { name: 'environment_variables define a variable', lines: ['environment_variables: {ANTHROPIC_API_KEY: os.environ/OTHER, OTHER: x}', ...models], codes: ['LG3009'], checkEnv: true, env: { OPENAI_API_KEY: 'set' }, expected: [] },
  // master-key-unset (only with --check-env)
  { name: 'no master key anywhere (--check-env)', lines: [...models], codes: ['LG3025'], checkEnv: true, expected: ['LG3025@1:1-1:11'] },
  { name: 'no master key, general_settings present (--check-env)', lines: [...models, 'general_settings:', '  database_url: os.environ/DATABASE_URL'], codes: ['LG3025'], checkEnv: true, expected: ['LG3025@12:1-12:17'] },
  { name: 'master key from the environment, the file, or environment_variables', lines: [...models, 'general_settings: {master_key: os.environ/MK}'], codes: ['LG3025'], checkEnv: true, env: { LITELLM_MASTER_KEY: 'x' }, expected: [] },
  { name: 'master key in general_settings (unset variable is env-unset, not this)', lines: [...models, 'general_settings: {master_key: os.environ/MK}'], codes: ['LG3025'], checkEnv: true, expected: [] },
  { name: 'unset master key variable is env-unset', lines: [...models, 'general_settings: {master_key: os.environ/MK}'], codes: ['LG3009'], checkEnv: true, env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' }, expected: ['LG3009@12:32-12:45'] },
  { name: 'LITELLM_MASTER_KEY in environment_variables', lines: ['environment_variables: {LITELLM_MASTER_KEY: os.environ/MK}', ...models], codes: ['LG3025'], checkEnv: true, expected: [] },
  { name: 'no master key without --check-env: nothing', lines: [...models], codes: ['LG3025'], expected: [] },
  { name: 'references are not checked without --check-env', lines: [...models], codes: ['LG3009'], expected: [] },
  { name: 'lookalike reference', lines: [...models, 'general_settings:', '  master_key: os.environ.LITELLM_MASTER_KEY'], codes: ['LG3011'], expected: ['LG3011@13:15-13:44'] },
  { name: 'shell placeholder', lines: [...models, 'general_settings:', '  database_url: "${DATABASE_URL}"'], codes: ['LG3012'], expected: ['LG3012@13:17-13:34'] },
  // hardcoded-secret
  { name: 'literal provider key', lines: ['model_list:', '  - model_name: a', '    litellm_params:', '      model: openai/gpt-4o', '      api_key: sk-proj-a8F3kL9mQ2xV7nB4cD1e'], codes: ['LG3013'], expected: ['LG3013@5:16-5:44'] },
  { name: 'placeholder keys are not secrets', lines: ['model_list:', '  - model_name: a', '    litellm_params:', '      model: openai/llama', '      api_key: your-api-key-here', '  - model_name: b', '    litellm_params: {model: openai/llama, api_key: EMPTY}'], codes: ['LG3013'], expected: [] },
  { name: 'publicly known master key', lines: [...models, 'general_settings:', '  master_key: sk-1234'], codes: ['LG3013'], expected: ['LG3013@13:15-13:22'] },
  // budget-without-duration
  { name: 'max_budget without budget_duration', lines: [...models, 'litellm_settings:', '  max_budget: 50'], codes: ['LG3014'], expected: ['LG3014@13:3-13:13'] },
  { name: 'max_budget with budget_duration', lines: [...models, 'litellm_settings:', '  max_budget: 50', '  budget_duration: 30d'], codes: ['LG3014'], expected: [] },
  // cache-backend
  { name: 'cache_params without type', lines: [...models, 'litellm_settings:', '  cache: true', '  cache_params: {ttl: 60}'], codes: ['LG3015'], expected: ['LG3015@14:3-14:15'] },
  // redis-host-url
  { name: 'cache redis host written as a URL', lines: [...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: redis, host: "redis://r:6379"}'], codes: ['LG3021', 'LG3015'], expected: ['LG3021@14:37-14:53'] },
  { name: 'router redis host written as a URL', lines: [...models, 'router_settings:', '  redis_host: rediss://cache.example:6380'], codes: ['LG3021'], expected: ['LG3021@13:15-13:42'] },
  { name: 'router redis host as a hostname', lines: [...models, 'router_settings:', '  redis_host: cache.example', '  redis_port: 6379'], codes: ['LG3021'], expected: [] },
  // alias-without-fallbacks
  { name: 'fallbacks keyed on the aliased group only', lines: [...models, 'router_settings:', '  model_group_alias: {gpt-4: gpt-4o}', '  fallbacks: [{gpt-4o: [claude]}]'], codes: ['LG3019'], expected: ['LG3019@13:23-13:28'] },
  { name: 'fallbacks for the alias too', lines: [...models, 'router_settings:', '  model_group_alias: {gpt-4: gpt-4o}', '  fallbacks: [{gpt-4o: [claude]}, {gpt-4: [claude]}]'], codes: ['LG3019'], expected: [] },
  // azure-deployment
  { name: 'azure without api_base, api_version and base_model', lines: ['model_list:', '  - model_name: a', '    litellm_params:', '      model: azure/my-gpt4o', '      api_key: os.environ/AZURE_API_KEY'], codes: ['LG3020'], expected: ['LG3020@3:5-3:19', 'LG3020@4:14-4:28'] },
  { name: 'azure deployment named after its model needs no base_model', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: azure/gpt-4o, api_base: os.environ/AZURE_API_BASE, api_version: "2024-06-01"}'], codes: ['LG3020'], expected: [] },
  { name: 'complete azure deployment', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: azure/my-gpt4o, api_base: os.environ/AZURE_API_BASE, api_version: "2024-06-01"}', '    model_info: {base_model: azure/gpt-4o}'], codes: ['LG3020'], expected: [] },
  // unknown-provider
  { name: 'unknown provider prefix', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: nvidia/llama-3.1-nemotron}'], codes: ['LG3023'], expected: ['LG3023@3:29-3:54'] },
  { name: 'known prefix, bare name, custom provider', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: openrouter/anthropic/claude-3.5-sonnet}', '  - model_name: b', '    litellm_params: {model: gpt-4o}', '  - model_name: c', '    litellm_params: {model: my-llm/v1}', 'litellm_settings:', '  custom_provider_map: [{provider: my-llm, custom_handler: h.handler}]'], codes: ['LG3023'], expected: [] },
  // native-provider-openai-base
  { name: 'ollama prefix with the /v1 OpenAI endpoint', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: ollama/llama3, api_base: "http://ollama:11434/v1"}'], codes: ['LG3024'], expected: ['LG3024@3:54-3:78'] },
  { name: 'anthropic prefix with an OpenAI-compatible gateway', lines: ['model_list:', '  - model_name: a', '    litellm_params:', '      model: anthropic/claude-3-5-sonnet', '      api_base: https://gateway.example.com/openai/v1/'], codes: ['LG3024'], expected: ['LG3024@5:17-5:55'] },
  { name: 'gemini prefix with the OpenAI-compatible Gemini endpoint', lines: ['model_list:', '  - model_name: a', '    litellm_params:', '      model: gemini/gemini-2.0-flash', '      api_base: https://generativelanguage.googleapis.com/v1beta/openai/'], codes: ['LG3024'], expected: ['LG3024@5:17-5:73'] },
  { name: 'custom_llm_provider anthropic with a chat/completions URL', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: claude-x, custom_llm_provider: anthropic, api_base: "http://h/v1/chat/completions"}'], codes: ['LG3024'], expected: ['LG3024@3:81-3:111'] },
  { name: 'native bases, openai/ with /v1, env bases: no finding', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: ollama/llama3, api_base: "http://ollama:11434"}', '  - model_name: b', '    litellm_params: {model: anthropic/claude-3-5-sonnet, api_base: "https://proxy.example.com/anthropic"}', '  - model_name: c', '    litellm_params: {model: openai/llama3, api_base: "http://ollama:11434/v1"}', '  - model_name: d', '    litellm_params: {model: gemini/gemini-2.0-flash, api_base: os.environ/GEMINI_BASE}', '  - model_name: e', '    litellm_params: {model: ollama_chat/qwen, api_base: "http://ollama:11434/api/chat"}'], codes: ['LG3024'], expected: [] },
  // setting-precedence
  { name: 'num_retries in both sections', lines: [...models, 'litellm_settings: {num_retries: 5}', 'router_settings: {num_retries: 2}'], codes: ['LG3022'], expected: ['LG3022@12:20-12:31'] },
  { name: 'semantic cache without threshold', lines: [...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: redis-semantic}'], codes: ['LG3015'], expected: ['LG3015@14:24-14:38'] },
  { name: 'cache on, no params, no Redis env (--check-env)', lines: [...models, 'litellm_settings:', '  cache: true'], codes: ['LG3015'], checkEnv: true, env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' }, expected: ['LG3015@13:3-13:8'] },
  { name: 'cache_params without cache: true', lines: [...models, 'litellm_settings:', '  cache_params: {type: local}'], codes: ['LG3015'], expected: ['LG3015@13:3-13:15'] },
  // router-response-cache
  { name: 'caching through router_settings', lines: [...models, 'router_settings:', '  cache_responses: true'], codes: ['LG3016'], expected: ['LG3016@13:3-13:18'] },
  // virtual-keys-without-db
  { name: 'store_model_in_db without a database', lines: [...models, 'general_settings:', '  store_model_in_db: true'], codes: ['LG3017'], expected: ['LG3017@13:3-13:20'] },
  { name: 'store_model_in_db with DATABASE_URL (--check-env)', lines: [...models, 'general_settings:', '  store_model_in_db: true'], codes: ['LG3017'], checkEnv: true, env: { DATABASE_URL: 'postgres://x', OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' }, expected: [] },
  // rpm-tpm-not-limits
  { name: 'rpm under simple-shuffle', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: openai/gpt-4o, rpm: 10}'], codes: ['LG3018'], expected: ['LG3018@3:44-3:47'] },
  { name: 'rpm with pre-call checks', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: openai/gpt-4o, rpm: 10}', 'router_settings: {enable_pre_call_checks: true}'], codes: ['LG3018'], expected: [] },
  // schema translation
  { name: 'misspelt required key is pointed at', lines: ['model_list:', '  - model_name: a', '    litellm-params:', '      model: openai/gpt-4o'], codes: ['LG2001', 'LG2004'], expected: ['LG2001@3:5-3:19'] },
  { name: 'missing litellm_params.model', lines: ['model_list:', '  - model_name: a', '    litellm_params: {api_key: os.environ/K}'], codes: ['LG2004'], expected: ['LG2004@3:5-3:19'] },
  { name: 'wrong type points at a block mapping by its key', lines: ['model_list:', '  - model_name: a', '    litellm_params: {model: openai/x}', 'environment_variables:', '  KEY:', '    value: 1'], codes: ['LG2002'], expected: ['LG2002@5:3-5:6'] },
  { name: 'cache type enum with suggestion', lines: [...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: qdrant}'], codes: ['LG2003'], expected: ['LG2003@14:24-14:30'] },
];

describe('semantic rules and schema translation', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const diagnostics = lintText(yaml(...testCase.lines), { checkEnv: testCase.checkEnv ?? false, env: testCase.env ?? {} });
      const relevant = diagnostics.filter((diagnostic) => testCase.codes.includes(diagnostic.code));
      expect(codesAndSpans(relevant)).toEqual(testCase.expected);
    });
  }

  it('says an unset master key leaves the proxy without authentication (#3)', () => {
    const [finding] = lintText(yaml(...models, 'general_settings: {master_key: os.environ/MK}'), { checkEnv: true, env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' } });
    expect(finding?.message).toBe('environment variable MK is not set; LiteLLM would use null for master_key, and the proxy would run without authentication');
  });

  it('tells a native prefix with an OpenAI-compatible api_base to use openai/ (#14)', () => {
    const [finding] = lintText(yaml('model_list:', '  - model_name: a', '    litellm_params: {model: ollama/llama3, api_base: "http://ollama:11434/v1"}')).filter((d) => d.code === 'LG3024');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('http://ollama:11434/v1/api/generate');
    expect(finding?.message).toContain('openai/llama3');
    expect(finding?.suggestion).toBe('openai/llama3');
    expect(finding?.path).toBe('/model_list/0/litellm_params/api_base');
  });

  it('suggests the nearest valid value or key', () => {
    const strategy = lintText(yaml(...models, 'router_settings:', '  routing_strategy: least_busy')).find((d) => d.code === 'LG3003');
    expect(strategy?.suggestion).toBe('least-busy');
    const section = lintText(yaml(...models, 'router_setting:', '  num_retries: 2')).find((d) => d.code === 'LG2001');
    expect(section?.suggestion).toBe('router_settings');
    const cache = lintText(yaml(...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: qdrant}')).find((d) => d.code === 'LG2003');
    expect(cache?.suggestion).toBe('qdrant-semantic');
  });

  it('never quotes a hard-coded secret in full', () => {
    const secret = 'sk-proj-a8F3kL9mQ2xV7nB4cD1eZ0yX';
    const diagnostics = lintText(yaml('model_list:', '  - model_name: a', '    litellm_params:', '      model: openai/gpt-4o', `      api_key: ${secret}`));
    const finding = diagnostics.find((d) => d.code === 'LG3013');
    expect(finding?.suggestion).toBe('os.environ/OPENAI_API_KEY');
    expect(finding?.message).not.toContain(secret);
    expect(finding?.message).not.toContain(secret.slice(3, 12));
  });

  it('names unset variables with --check-env but never prints values', () => {
    const diagnostics = lintText(yaml(...models), { checkEnv: true, env: { OPENAI_API_KEY: '' } });
    const messages = diagnostics.filter((d) => d.code === 'LG3009').map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('OPENAI_API_KEY is empty');
    expect(messages[1]).toContain('ANTHROPIC_API_KEY is not set');
  });

  it('lowers missing-group findings to warnings when models may live in the database', () => {
    const diagnostics = lintText(
      yaml(...models, 'general_settings:', '  store_model_in_db: true', '  database_url: os.environ/DATABASE_URL', 'router_settings:', '  fallbacks: [{gpt-4o: [db-model]}]', '  model_group_alias: {fast: db-model}'),
    );
    const groups = diagnostics.filter((d) => d.code === 'LG3005' || d.code === 'LG3007');
    expect(groups.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual(['warning LG3005@16:25', 'warning LG3007@17:29']);
    expect(groups[0]!.message).toContain('store_model_in_db');
  });

  it('explains router-level caching with Redis and warns when it is in-memory only', () => {
    const lg3016 = (...lines: string[]) => lintText(yaml(...models, 'router_settings:', ...lines)).filter((d) => d.code === 'LG3016');
    const redis = lg3016('  redis_host: redis', '  redis_port: 6379', '  cache_responses: true', '  cache_kwargs: {ttl: 3600, namespace: team-a}');
    expect(redis.map((d) => d.severity)).toEqual(['info']);
    expect(redis[0]!.message).toContain('cache_kwargs (ttl, namespace) as its cache parameters');
    expect(redis[0]!.message).toContain('redis_password');
    expect(lg3016('  redis_url: os.environ/REDIS_URL', '  cache_responses: true').map((d) => d.severity)).toEqual(['info']);
    const memory = lg3016('  cache_responses: true', '  cache_kwargs: {ttl: 3600}');
    expect(memory.map((d) => d.severity)).toEqual(['warning']);
    expect(memory[0]!.message).toContain('cache_kwargs (ttl) are ignored');
    // LiteLLM's Router needs redis_port together with redis_host.
    const hostOnly = lg3016('  redis_host: redis', '  cache_responses: true');
    expect(hostOnly.map((d) => d.severity)).toEqual(['warning']);
    expect(hostOnly[0]!.message).toContain('redis_host has no redis_port');
    expect(lintText(yaml(...models, 'litellm_settings: {cache: true, cache_params: {type: local}}', 'router_settings: {cache_responses: true}')).filter((d) => d.code === 'LG3016')).toEqual([]);
  });

  it('says what a Redis cache without an address does in LiteLLM and in litegate (--check-env)', () => {
    const env = { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' };
    const noParams = lintText(yaml(...models, 'litellm_settings:', '  cache: true'), { checkEnv: true, env }).find((d) => d.code === 'LG3015');
    const noHost = lintText(yaml(...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: redis, ttl: 60}'), { checkEnv: true, env }).find((d) => d.code === 'LG3015');
    for (const finding of [noParams, noHost]) {
      expect(finding?.severity).toBe('warning');
      expect(finding?.message).toContain("Either 'host' or 'url' must be specified for redis");
      expect(finding?.message).toContain('127.0.0.1:6379');
      expect(finding?.message).not.toContain('nowhere');
    }
    expect(lintText(yaml(...models, 'litellm_settings:', '  cache: true', '  cache_params: {type: redis, ttl: 60}'), { checkEnv: true, env: { ...env, REDIS_HOST: 'cache' } }).filter((d) => d.code === 'LG3015')).toEqual([]);
  });

  it('reports one diagnostic per mistake (rule wins over the schema for the same node)', () => {
    const diagnostics = lintText(yaml(...models, 'router_settings:', '  model_group_alias:', '    gpt-4: [gpt-4o, gpt-4-turbo]'));
    expect(codesAndSpans(diagnostics.filter((d) => d.severity === 'error'))).toEqual(['LG3006@14:12-14:33', 'LG3007@14:21-14:32']);
  });
});
