/**
 * The seed guide's config, assembled from its YAML blocks, gets the diagnostics a careful
 * reviewer would give; the corrected copy (the README's main-job config) lints clean.
 */
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../compiler/compile.ts';
import { codesAndSpans } from './lint-helpers.ts';

describe('seed guide config', () => {
  it('reports the list-valued aliases, their undefined groups, and explains router-level caching', async () => {
    const result = await compileConfig('fixtures/configs/seed-guide.original.yaml', { env: {} });
    const diagnostics = result.files.flatMap((file) => file.diagnostics);
    expect(result.files.map((file) => file.file)).toEqual(['fixtures/configs/seed-guide.original.yaml']);
    expect(diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column} ${d.path}`)).toEqual([
      'info LG3018@13:7 /model_list/0/litellm_params/rpm',
      'error LG3006@34:12 /router_settings/model_group_alias/gpt-4',
      'error LG3007@34:23 /router_settings/model_group_alias/gpt-4/1',
      'error LG3006@35:13 /router_settings/model_group_alias/claude',
      'error LG3007@35:32 /router_settings/model_group_alias/claude/1',
      'info LG3016@38:3 /router_settings/cache_responses',
    ]);
    // Current LiteLLM builds a Redis response cache from redis_host/redis_port with cache_kwargs as its parameters.
    expect(diagnostics.find((d) => d.code === 'LG3016')?.message).toContain('Redis response cache at redis_host/redis_port, with cache_kwargs (ttl)');
    expect(diagnostics.find((d) => d.path.endsWith('/gpt-4/1'))?.message).toContain("'gpt-4-turbo'");
    expect(diagnostics.find((d) => d.path.endsWith('/claude/1'))?.message).toContain("'claude-3-sonnet'");
    expect(diagnostics.find((d) => d.path.endsWith('/gpt-4'))?.suggestion).toBe('gpt-4o');
    expect(result.errorCount).toBe(4);
  });

  it('lints the corrected copy clean, with the three deployments and single-group aliases', async () => {
    const result = await compileConfig('fixtures/configs/seed-guide.yaml', { env: {} });
    expect(codesAndSpans(result.files.flatMap((file) => file.diagnostics))).toEqual([]);
    const config = result.config as { model_list: { model_name: string; litellm_params: Record<string, unknown> }[]; router_settings: Record<string, unknown>; general_settings?: unknown };
    expect(config.model_list.map((deployment) => `${deployment.model_name}=${String(deployment.litellm_params.model)}`)).toEqual([
      'gpt-4o=openai/gpt-4o',
      'claude-3-haiku=anthropic/claude-3-haiku-20240307',
      'deepseek-chat=deepseek/deepseek-chat',
    ]);
    expect(config.model_list[2]!.litellm_params.api_base).toBe('https://api.deepseek.com');
    expect(config.model_list.every((deployment) => String(deployment.litellm_params.api_key).startsWith('os.environ/'))).toBe(true);
    expect(config.router_settings.routing_strategy).toBe('least-busy');
    expect(config.router_settings.model_group_alias).toEqual({ 'gpt-4': 'gpt-4o', claude: 'claude-3-haiku' });
    expect(config.general_settings).toBeUndefined();
  });
});
