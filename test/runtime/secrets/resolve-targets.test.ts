import { describe, expect, it } from 'vitest';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { applyEnvironment, MissingSecretError, resolveMasterKey, resolveTargets, simulatedApiKey } from '../../../runtime/secrets/resolve-targets.ts';

function plan(config: Record<string, unknown>) {
  return lowerToPlan(config, '/config.yaml');
}

const oneDeployment = (params: Record<string, unknown>) => plan({ model_list: [{ model_name: 'g', litellm_params: params }] });

describe('resolveTargets', () => {
  it('reads os.environ/ references from the given environment', () => {
    const target = resolveTargets(oneDeployment({ model: 'openai/gpt-4o', api_key: 'os.environ/MY_KEY', api_base: 'os.environ/MY_BASE' }), { MY_KEY: 'k', MY_BASE: 'http://b/v1' }).byIndex[0]!;
    expect(target).toMatchObject({ provider: 'openai', model: 'gpt-4o', apiKey: 'k', apiBase: 'http://b/v1' });
  });

  it('prefers a configured api_base over the provider env var, and the env var over the default', () => {
    const configured = resolveTargets(oneDeployment({ model: 'groq/x', api_base: 'http://mine' }), { GROQ_API_BASE: 'http://env' }).byIndex[0]!;
    expect(configured.apiBase).toBe('http://mine');
    const fromEnv = resolveTargets(oneDeployment({ model: 'groq/x' }), { GROQ_API_BASE: 'http://env' }).byIndex[0]!;
    expect(fromEnv.apiBase).toBe('http://env');
    expect(resolveTargets(oneDeployment({ model: 'groq/x' }), {}).byIndex[0]!.apiBase).toBe('https://api.groq.com/openai/v1');
  });

  it('treats an empty variable as unset', () => {
    expect(() => resolveTargets(oneDeployment({ model: 'openai/x', api_key: 'os.environ/EMPTY' }), { EMPTY: '' })).toThrow(MissingSecretError);
  });

  it('lists every missing variable with where it is used, and no values', () => {
    const p = plan({
      model_list: [
        { model_name: 'a', litellm_params: { model: 'openai/x', api_key: 'os.environ/KEY_A', extra_headers: { 'X-T': 'os.environ/TOKEN_A' } } },
        { model_name: 'b', litellm_params: { model: 'azure/d', api_key: 'present-secret-value' } },
      ],
    });
    let error: MissingSecretError | undefined;
    try {
      resolveTargets(p, {});
    } catch (e) {
      error = e as MissingSecretError;
    }
    expect(error).toBeInstanceOf(MissingSecretError);
    expect(error!.missing.map((m) => m.variable)).toEqual(['KEY_A', 'TOKEN_A', 'AZURE_API_BASE or AZURE_OPENAI_ENDPOINT']);
    expect(error!.message).toContain("model_list[0] 'a' litellm_params.api_key");
    expect(error!.message).not.toContain('present-secret-value');
  });

  it('under simulate, fills missing credentials and bases with placeholders', () => {
    const p = plan({
      model_list: [
        { model_name: 'a', litellm_params: { model: 'openai/x', api_key: 'os.environ/KEY_A' } },
        { model_name: 'b', litellm_params: { model: 'azure/d', api_base: 'os.environ/AZURE_API_BASE' } },
      ],
    });
    const [a, b] = resolveTargets(p, {}, { simulate: true }).byIndex;
    expect(a!.apiKey).toBe(simulatedApiKey);
    expect(b!.apiBase).toBe('https://litegate-simulated.openai.azure.com');
    expect(b!.apiVersion).toBe('2025-02-01-preview');
  });

  it('warns (does not fail) when a provider key is simply absent from the environment', () => {
    const resolved = resolveTargets(oneDeployment({ model: 'openai/gpt-4o' }), {});
    expect(resolved.byIndex[0]!.apiKey).toBeUndefined();
    expect(resolved.warnings[0]).toMatch(/no API key .*OPENAI_API_KEY/);
  });

  it('resolves provider env headers with their defaults', () => {
    const target = resolveTargets(oneDeployment({ model: 'openrouter/x' }), { OR_APP_NAME: 'app' }).byIndex[0]!;
    expect(target.headers).toEqual({ 'HTTP-Referer': 'https://litellm.ai', 'X-Title': 'app' });
  });
});

describe('timeouts from os.environ/', () => {
  it('reads them as seconds, and reports unset or non-numeric variables without their values', () => {
    const p = oneDeployment({ model: 'openai/x', api_key: 'k', timeout: 'os.environ/T_REQ', stream_timeout: 'os.environ/T_STREAM' });
    expect(p.deployments[0]).toMatchObject({ timeoutEnv: 'T_REQ', streamTimeoutEnv: 'T_STREAM' });
    expect(resolveTargets(p, { T_REQ: '30', T_STREAM: '2.5' }).timeouts[0]).toEqual({ timeout: 30, streamTimeout: 2.5 });
    let error: MissingSecretError | undefined;
    try {
      resolveTargets(p, { T_REQ: 'soon' });
    } catch (e) {
      error = e as MissingSecretError;
    }
    expect(error!.missing.map((m) => m.variable)).toEqual(['T_REQ (a positive number of seconds)', 'T_STREAM']);
    expect(error!.message).not.toContain('soon');
  });
});

describe('router timeouts from os.environ/', () => {
  const model_list = [{ model_name: 'g', litellm_params: { model: 'openai/x', api_key: 'k' } }];

  it('reads router_settings timeout and stream_timeout, naming the setting when unset', () => {
    const p = plan({ model_list, router_settings: { timeout: 'os.environ/R_TIMEOUT', stream_timeout: 'os.environ/R_STREAM' } });
    expect(p.router).toMatchObject({ timeoutEnv: 'R_TIMEOUT', streamTimeoutEnv: 'R_STREAM' });
    expect(resolveTargets(p, { R_TIMEOUT: '12', R_STREAM: '3' }).routerTimeouts).toEqual({ timeout: 12, streamTimeout: 3 });
    expect(() => resolveTargets(p, { R_TIMEOUT: '12' })).toThrow(expect.objectContaining({ missing: [{ variable: 'R_STREAM', where: 'router_settings.stream_timeout' }] }));
  });

  it('takes litellm_settings.request_timeout as a reference only when router_settings.timeout is absent', () => {
    expect(plan({ model_list, litellm_settings: { request_timeout: 'os.environ/REQ' } }).router.timeoutEnv).toBe('REQ');
    const both = plan({ model_list, router_settings: { timeout: 30 }, litellm_settings: { request_timeout: 'os.environ/REQ' } });
    expect(both.router.timeoutEnv).toBeUndefined();
    expect(both.router.timeout).toBe(30);
    expect(resolveTargets(both, {}).routerTimeouts).toBeUndefined();
  });
});

describe('resolveMasterKey', () => {
  it('uses general_settings.master_key, else LITELLM_MASTER_KEY, else none', () => {
    expect(resolveMasterKey(plan({ general_settings: { master_key: 'sk-a' } }), { LITELLM_MASTER_KEY: 'sk-b' })).toBe('sk-a');
    expect(resolveMasterKey(plan({}), { LITELLM_MASTER_KEY: 'sk-b' })).toBe('sk-b');
    expect(resolveMasterKey(plan({}), {})).toBeUndefined();
  });

  it('fails when master_key references an unset variable (LiteLLM would silently run open)', () => {
    expect(() => resolveMasterKey(plan({ general_settings: { master_key: 'os.environ/MK' } }), {})).toThrow(/MK is not set/);
  });
});

describe('applyEnvironment', () => {
  it('sets environment_variables, the config value winning, and resolves references', () => {
    const env: Record<string, string | undefined> = { A: 'old', SRC: 'from-src' };
    applyEnvironment(plan({ environment_variables: { A: 'new', B: 'os.environ/SRC', C: 'os.environ/NOPE' } }), env);
    expect(env).toEqual({ A: 'new', SRC: 'from-src', B: 'from-src' });
  });
});
