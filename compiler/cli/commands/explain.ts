/**
 * `litegate explain CONFIG --model NAME [--tokens N] [--json]`: how the router would route a
 * request for NAME — resolution, candidates, filters, order tiers, pick probabilities,
 * retries, cooldowns and the fallback chain — on fresh state (nothing cooling yet).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RouteExplanation } from '../../../runtime/router/explain-route.ts';

const help = `usage: litegate explain CONFIG --model NAME [options]

Shows how a request for a model would be routed: the deployments it resolves to,
the filters that apply, the order tiers, each deployment's chance of being picked,
retries, cooldowns and the fallback chain.

options:
  -m, --model NAME     the model a client would send (group, alias, deployment id, or a wildcard match)
  -t, --tokens N       input tokens of the request (for context-window pre-call checks)
      --json           print the explanation as JSON
  -h, --help           show this help
`;

function fail(message: string, code = 2): number {
  process.stderr.write(`litegate explain: ${message}\n`);
  return code;
}

/** Runs `litegate explain`; returns the exit code (0 routable, 1 not routable, 2 usage or config error). */
export async function run(argv: string[]): Promise<number> {
  let parsed: { values: { model?: string; tokens?: string; json?: boolean; help?: boolean; config?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        model: { type: 'string', short: 'm' },
        tokens: { type: 'string', short: 't' },
        json: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const config = values.config ?? positionals[0];
  if (!config) return fail(`a config file is required\n\n${help}`);
  if (!values.model) return fail(`--model is required\n\n${help}`);
  const tokens = values.tokens === undefined ? 0 : Number(values.tokens);
  if (!Number.isInteger(tokens) || tokens < 0) return fail(`--tokens must be a non-negative integer, got '${values.tokens}'`);

  const path = resolve(config);
  const { compileConfig } = await import('../../compile.ts');
  let result;
  try {
    result = await compileConfig(path);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (result.errorCount > 0 || !result.config) {
    for (const file of result.files) {
      for (const d of file.diagnostics) if (d.severity === 'error') process.stderr.write(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
    }
    return fail(`${path} has ${result.errorCount} error(s); run 'litegate lint ${config}' for details`);
  }
  const { lowerToPlan } = await import('../../plan/lower.ts');
  const { explainRoute } = await import('../../../runtime/router/explain-route.ts');
  const explanation = await explainRoute(lowerToPlan(result.config, path), values.model, tokens);
  if (values.json) process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
  else process.stdout.write(formatExplanation(explanation));
  return explanation.resolution && !explanation.emptiedBy ? 0 : 1;
}

const viaText: Readonly<Record<string, string>> = {
  group: 'model group',
  alias: 'model_group_alias',
  id: 'deployment id (no cooldown, filters or retries)',
  wildcard: 'wildcard route',
  'model-name': "a deployment's litellm_params.model",
  'default-fallback': 'default_fallbacks (the name is not configured)',
};

/** The human-readable report. */
export function formatExplanation(explanation: RouteExplanation): string {
  const lines: string[] = [];
  const resolution = explanation.resolution;
  lines.push(`model '${explanation.model}'${explanation.inputTokens > 0 ? ` with ${explanation.inputTokens} input tokens` : ''}`);
  if (!resolution) {
    lines.push(`  resolves to nothing: the proxy answers 400 "Invalid model name passed in model=${explanation.model}"`);
    appendFallbacks(lines, explanation);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`  resolves to group '${resolution.group}' via ${viaText[resolution.via] ?? resolution.via}`);
  lines.push('');
  lines.push(`candidates (${resolution.deployments.length}):`);
  for (const deployment of resolution.deployments) {
    const facts = [
      `${deployment.provider}/${deployment.upstreamModel}`,
      deployment.weight !== undefined ? `weight ${deployment.weight}` : '',
      deployment.rpm !== undefined ? `rpm ${deployment.rpm}` : '',
      deployment.tpm !== undefined ? `tpm ${deployment.tpm}` : '',
      deployment.order !== undefined ? `order ${deployment.order}` : '',
      deployment.maxInputTokens !== undefined ? `max_input_tokens ${deployment.maxInputTokens}` : '',
    ].filter(Boolean);
    lines.push(`  ${deployment.id}  ${facts.join(', ')}`);
  }
  if (explanation.steps.length > 0) {
    lines.push('');
    lines.push('filters:');
    for (const step of explanation.steps) {
      for (const removal of step.removed) lines.push(`  ${step.step}: drops ${removal.deployment.id} (${removal.detail})`);
    }
  }
  if (explanation.orderTiers.length > 1) {
    lines.push('');
    lines.push(`order tiers: ${explanation.orderTiers.join(' → ')} (a tier serves while the ones before it are cooling down or have failed)`);
  }
  lines.push('');
  if (explanation.emptiedBy === 'context-window') {
    lines.push('pick: none — no deployment has a large enough context window (ContextWindowExceededError, 400)');
  } else if (explanation.picks.length === 0 || explanation.picks.every((pick) => pick.probability === 0)) {
    lines.push('pick: none — every candidate is filtered out (429 "No deployments available for selected model")');
  } else {
    lines.push(`pick (${explanation.strategy}${explanation.stateDependent ? ', on fresh state; live in-flight/latency/usage changes this' : ''}):`);
    const ordered = [...explanation.picks].sort((a, b) => b.probability - a.probability);
    for (const pick of ordered) lines.push(`  ${(pick.probability * 100).toFixed(1).padStart(5)}%  ${pick.deployment.id}`);
  }
  lines.push('');
  const retries = explanation.retries;
  lines.push(
    retries.idAddressed
      ? 'retries: none (requests for a deployment id are never retried)'
      : `retries: up to ${retries.numRetries} per group${retries.policy ? `, retry_policy ${JSON.stringify(retries.policy)}` : ''}`,
  );
  const cooldown = explanation.cooldown;
  lines.push(
    cooldown.disabled
      ? 'cooldowns: disabled'
      : cooldown.mode === 'counting'
        ? `cooldowns: ${cooldown.seconds}s after more than ${cooldown.allowedFails} failures within ${cooldown.seconds}s`
        : `cooldowns: ${cooldown.seconds}s after a 429 (groups of 2+), >50% failures of 5+ calls in a minute, or a 401/404`,
  );
  appendFallbacks(lines, explanation);
  return `${lines.join('\n')}\n`;
}

function appendFallbacks(lines: string[], explanation: RouteExplanation): void {
  lines.push('');
  if (explanation.fallbacks.length === 0) lines.push('fallbacks: none');
  else {
    lines.push(`fallbacks if every attempt fails (max_fallbacks ${explanation.maxFallbacks}):`);
    explanation.fallbacks.forEach((hop, index) => {
      lines.push(`  ${'  '.repeat(hop.depth - 1)}${index + 1}. ${hop.group}${hop.resolves ? '' : '  (unknown model: this hop fails with 400)'}`);
    });
  }
  if (explanation.contextWindowFallbacks) lines.push(`context window exceeded → ${explanation.contextWindowFallbacks.join(', ')}`);
  if (explanation.contentPolicyFallbacks) lines.push(`content policy violation → ${explanation.contentPolicyFallbacks.join(', ')}`);
}
