/**
 * Generates a realistic LiteLLM config with `deployments` entries for the lint benchmark:
 * groups of four deployments across several providers, env-referenced keys, rpm/tpm,
 * model_info ids, fallbacks and aliases between the groups, and the usual settings sections.
 */

const providers = [
  { prefix: 'openai', model: 'gpt-4o', key: 'OPENAI_API_KEY' },
  { prefix: 'anthropic', model: 'claude-3-5-sonnet-20240620', key: 'ANTHROPIC_API_KEY' },
  { prefix: 'azure', model: 'gpt-4o-deployment', key: 'AZURE_API_KEY' },
  { prefix: 'deepseek', model: 'deepseek-chat', key: 'DEEPSEEK_API_KEY' },
] as const;

/** YAML text of a config with `deployments` deployments (lints clean apart from infos). */
export function generateLintConfig(deployments: number): string {
  const lines: string[] = ['model_list:'];
  const groups = Math.max(1, Math.ceil(deployments / 4));
  for (let index = 0; index < deployments; index += 1) {
    const provider = providers[index % providers.length]!;
    const group = `group-${Math.floor(index / 4)}`;
    lines.push(
      `  - model_name: ${group}`,
      '    litellm_params:',
      `      model: ${provider.prefix}/${provider.model}`,
      `      api_key: os.environ/${provider.key}`,
      ...(provider.prefix === 'azure' ? ['      api_base: os.environ/AZURE_API_BASE', '      api_version: "2024-06-01"'] : []),
      `      rpm: ${60 + (index % 7) * 10}`,
      `      tpm: ${100_000 + index}`,
      '      timeout: 30',
      '    model_info:',
      `      id: deployment-${index}`,
      '      mode: chat',
    );
  }
  lines.push('router_settings:', '  routing_strategy: usage-based-routing-v2', '  num_retries: 2', '  allowed_fails: 3', '  cooldown_time: 30', '  fallbacks:');
  for (let group = 0; group + 1 < groups; group += 1) lines.push(`    - group-${group}: [group-${group + 1}]`);
  if (groups === 1) lines.push('    - group-0: [deployment-0]');
  lines.push('  model_group_alias:');
  for (let group = 0; group < Math.min(groups, 50); group += 1) lines.push(`    alias-${group}: group-${group}`);
  lines.push(
    'litellm_settings:',
    '  drop_params: true',
    '  num_retries: 2',
    '  request_timeout: 600',
    'general_settings:',
    '  master_key: os.environ/LITELLM_MASTER_KEY',
    '  database_url: os.environ/DATABASE_URL',
    '',
  );
  return lines.join('\n');
}
