/**
 * Golden tests of the pretty format: every fixtures/configs/lint/<name>.yaml is linted and
 * its output (no colour) compared with <name>.out. After a deliberate change of messages,
 * regenerate with `UPDATE_GOLDEN=1 npx vitest run test/compiler/golden.test.ts` and review
 * the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../compiler/compile.ts';
import { formatPretty } from '../../compiler/report/format-pretty.ts';
import type { SourceFile } from '../../compiler/source/source-file.ts';

const directory = 'fixtures/configs/lint';
// Files only reached through another file's `include:` are not linted on their own.
const inputs = readdirSync(directory).filter((name) => name.endsWith('.yaml') && !name.endsWith('.models.yaml'));

async function render(path: string): Promise<string> {
  const result = await compileConfig(path, { env: {} });
  const sources = new Map<string, SourceFile>(result.sources.map((source) => [source.path, source]));
  return formatPretty({ reports: result.files, source: (file) => sources.get(file) }, { color: false });
}

describe('pretty output golden files', () => {
  it('has fixtures to check', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8);
  });
  for (const name of inputs) {
    it(`matches ${name.replace('.yaml', '.out')}`, async () => {
      const path = join(directory, name);
      const golden = path.replace(/\.yaml$/, '.out');
      const output = await render(path);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, output);
      expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(output).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
