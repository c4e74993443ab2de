import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileServePlan } from '../../../compiler/cli/serve-plan.ts';

const seedGuide = fileURLToPath(new URL('../../../fixtures/configs/seed-guide.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'litegate-serve-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compileServePlan (the config compiled in a child process)', () => {
  it('answers with the routing plan of a clean config', async () => {
    const answer = await compileServePlan(seedGuide, false);
    expect(answer.kind).toBe('plan');
    if (answer.kind !== 'plan') return;
    expect(answer.plan.deployments.length).toBeGreaterThan(0);
    expect(Object.keys(answer.plan.groups)).toContain(answer.plan.deployments[0]!.group);
  });

  it('answers invalid, with the error count, for a config with lint errors', async () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'model_list:\n  - model_name: gpt\n    litellm_params: {}\n');
    const answer = await compileServePlan(path, false);
    expect(answer).toMatchObject({ kind: 'invalid' });
    expect(answer.kind === 'invalid' && answer.errorCount).toBeGreaterThan(0);
  });

  it('checks os.environ/ variables only when asked to', async () => {
    const path = join(dir, 'env.yaml');
    writeFileSync(path, 'model_list:\n  - model_name: gpt\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: os.environ/LITEGATE_TEST_SURELY_UNSET_KEY\n');
    expect((await compileServePlan(path, false)).kind).toBe('plan');
    expect(await compileServePlan(path, true)).toMatchObject({ kind: 'invalid', errorCount: 1 });
  });

  it('answers unreadable for a file that does not exist', async () => {
    const answer = await compileServePlan(join(dir, 'missing.yaml'), false);
    expect(answer.kind).toBe('unreadable');
    expect(answer.kind === 'unreadable' && answer.message).toContain('missing.yaml');
  });
});
