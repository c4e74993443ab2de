import { afterEach, describe, expect, it } from 'vitest';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { MissingSecretError } from '../../../runtime/secrets/resolve-targets.ts';
import { EnvironmentConfigError, selectEnvironment } from '../../../runtime/secrets/select-environment.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';

const entry = (group: string, model: string, environments?: unknown) => ({
  model_name: group,
  litellm_params: { model, api_key: 'k' },
  ...(environments === undefined ? {} : { model_info: { supported_environments: environments } }),
});

const plan = lowerToPlan(
  {
    model_list: [
      entry('chat', 'openai/dev-model', ['development']),
      entry('chat', 'openai/prod-model', ['production', 'staging']),
      entry('everywhere', 'openai/any'),
      entry('debug', 'openai/debug', ['development']),
      entry('openai/*', 'openai/*', ['production']),
    ],
    router_settings: { model_group_alias: { dbg: 'debug', fast: 'chat' } },
  },
  '/c.yaml',
);

describe('selectEnvironment', () => {
  it('keeps the deployments that list the environment, and those that list none', () => {
    const production = selectEnvironment(plan, 'production');
    expect(production.deployments.map((d) => d.upstreamModel)).toEqual(['prod-model', 'any', '*']);
    expect(Object.keys(production.groups).sort()).toEqual(['chat', 'everywhere', 'openai/*']);
    expect(production.groups.chat!.deployments.map((position) => production.deployments[position]!.upstreamModel)).toEqual(['prod-model']);
    expect(production.wildcards.map((group) => group.name)).toEqual(['openai/*']);
    // Targets stay indexed by the model_list position.
    expect(production.deployments.map((d) => d.index)).toEqual([1, 2, 4]);
    // The alias of a group that is gone goes with it.
    expect(Object.keys(production.aliases)).toEqual(['fast']);

    const development = selectEnvironment(plan, 'development');
    expect(development.deployments.map((d) => d.upstreamModel)).toEqual(['dev-model', 'any', 'debug']);
    expect(development.wildcards).toEqual([]);
  });

  it('returns the plan itself when nothing restricts environments', () => {
    const open = lowerToPlan({ model_list: [entry('a', 'openai/a')] }, '/c.yaml');
    expect(selectEnvironment(open, undefined)).toBe(open);
  });

  it('stops startup when a deployment restricts environments and LITELLM_ENVIRONMENT is unset', () => {
    expect(() => selectEnvironment(plan, undefined)).toThrow(MissingSecretError);
    expect(() => selectEnvironment(plan, '')).toThrow(expect.objectContaining({ missing: [expect.objectContaining({ variable: 'LITELLM_ENVIRONMENT' })] }));
  });

  it('rejects values LiteLLM does not know, naming the entry', () => {
    const bad = lowerToPlan({ model_list: [entry('a', 'openai/a', ['prod'])] }, '/c.yaml');
    expect(() => selectEnvironment(bad, 'production')).toThrow(EnvironmentConfigError);
    expect(() => selectEnvironment(bad, 'production')).toThrow(/model_list entry 0 \('a'\).*"prod" is not one of development, staging, production/);
    const notList = lowerToPlan({ model_list: [entry('a', 'openai/a', 'production')] }, '/c.yaml');
    expect(() => selectEnvironment(notList, 'production')).toThrow(EnvironmentConfigError);
  });
});

describe('serving with supported_environments', () => {
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('lists and routes only what LITELLM_ENVIRONMENT serves', async () => {
    proxy = await startProxy({ plan, port: 0, env: { LITELLM_ENVIRONMENT: 'staging' } });
    const models = (await (await fetch(`${proxy.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id).sort()).toEqual(['chat', 'everywhere', 'fast']);
    const debug = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'debug', messages: [{ role: 'user', content: 'x' }] }) });
    expect(debug.status).toBe(400);
  });

  it('does not start without LITELLM_ENVIRONMENT, naming it', async () => {
    await expect(startProxy({ plan, port: 0, env: {} })).rejects.toThrow(/LITELLM_ENVIRONMENT is not set \(needed by model_list entry 0 \('chat'\)/);
  });
});
