import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../compiler/cli/commands/explain.ts';
import { explainRoute } from '../../../runtime/router/explain-route.ts';
import { buildPlan } from './plan-builder.ts';

describe('explainRoute', () => {
  const plan = buildPlan({
    deployments: [
      { id: 'a', group: 'g', weight: 3, order: 1, maxInputTokens: 100_000 },
      { id: 'b', group: 'g', weight: 1, order: 1, maxInputTokens: 4000 },
      { id: 'c', group: 'g', order: 2 },
      { id: 'x', group: 'backup' },
      { id: 'y', group: 'last' },
    ],
    aliases: { smart: 'g' },
    router: { enablePreCallChecks: true, fallbacks: { g: ['backup', 'missing'], backup: ['last'] }, contextWindowFallbacks: { g: ['last'] }, maxFallbacks: 5 },
  });

  it('gives pick probabilities from the strategy after the filters', async () => {
    const explanation = await explainRoute(plan, 'g');
    expect(explanation.picks.map((pick) => [pick.deployment.id, pick.probability])).toEqual([
      ['a', 0.75],
      ['b', 0.25],
    ]);
    expect(explanation.steps).toEqual([{ step: 'order', removed: [{ deployment: plan.deployments[2], detail: 'order 2; tier 1 serves first' }] }]);
    expect(explanation.orderTiers).toEqual([1, 2]);
  });

  it('applies the context-window pre-call check for --tokens', async () => {
    const explanation = await explainRoute(plan, 'smart', 5000);
    expect(explanation.resolution?.via).toBe('alias');
    expect(explanation.picks.map((pick) => pick.deployment.id)).toEqual(['a']);
    expect(explanation.steps[0]!.step).toBe('context-window');
  });

  it('lists the fallback chain depth first and flags names that do not resolve', async () => {
    const explanation = await explainRoute(plan, 'g');
    expect(explanation.fallbacks).toEqual([
      { group: 'backup', depth: 1, resolves: true },
      { group: 'last', depth: 2, resolves: true },
      { group: 'missing', depth: 1, resolves: false },
    ]);
    expect(explanation.contextWindowFallbacks).toEqual(['last']);
  });

  it('stops the chain where max_fallbacks would', async () => {
    const limited = buildPlan({ deployments: [{ id: 'a', group: 'g' }], router: { fallbacks: { g: ['b'], b: ['c'], c: ['d'] }, maxFallbacks: 2 } });
    expect((await explainRoute(limited, 'g')).fallbacks.map((hop) => hop.group)).toEqual(['b', 'c']);
  });
});

describe('litegate explain', () => {
  let output = '';
  let errors = '';
  beforeEach(() => {
    output = '';
    errors = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  async function config(text: string): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), 'litegate-explain-'));
    const path = join(directory, 'config.yaml');
    await writeFile(path, text);
    return path;
  }

  const yaml = `model_list:
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o, weight: 3 }
    model_info: { id: primary }
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o-mini, weight: 1 }
    model_info: { id: secondary }
  - model_name: claude
    litellm_params: { model: anthropic/claude-3-5-sonnet-20241022 }
router_settings:
  fallbacks:
    - gpt-4o: [claude]
`;

  it('prints candidates, probabilities and the fallback chain', async () => {
    const code = await run([await config(yaml), '--model', 'gpt-4o']);
    expect(code).toBe(0);
    expect(output).toContain("resolves to group 'gpt-4o' via model group");
    expect(output).toMatch(/75\.0%\s+primary/);
    expect(output).toMatch(/25\.0%\s+secondary/);
    expect(output).toContain('1. claude');
  });

  it('prints JSON with --json', async () => {
    expect(await run([await config(yaml), '--model', 'gpt-4o', '--json'])).toBe(0);
    const parsed = JSON.parse(output) as { picks: { probability: number }[]; fallbacks: { group: string }[] };
    expect(parsed.picks.map((pick) => pick.probability)).toEqual([0.75, 0.25]);
    expect(parsed.fallbacks.map((hop) => hop.group)).toEqual(['claude']);
  });

  it('exits 1 for a model nothing serves, and 2 without --model', async () => {
    const path = await config(yaml);
    expect(await run([path, '--model', 'nope'])).toBe(1);
    expect(output).toContain('Invalid model name passed in model=nope');
    expect(await run([path])).toBe(2);
    expect(errors).toContain('--model is required');
  });
});
