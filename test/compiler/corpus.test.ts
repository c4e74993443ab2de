/**
 * Acceptance: every config in the shared corpus of real-world LiteLLM configs lints without
 * a crash; files expected `ok` get no error-level diagnostic, and files expected `error` get
 * an error on each listed line (expected.tsv: id, expect, lines, classes, note).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig } from '../../compiler/compile.ts';
import { corpusDir, runCorpus } from '../support/shared-corpus.ts';

const corpus = corpusDir;
const available = runCorpus;

interface Expectation {
  readonly id: string;
  readonly expect: 'ok' | 'error';
  readonly lines: readonly number[];
}

function expectations(): Expectation[] {
  const rows = readFileSync(join(corpus, 'expected.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [id, expect, lines] = row.split('\t');
    return { id: id!, expect: expect as Expectation['expect'], lines: (lines ?? '').split(',').filter(Boolean).map(Number) };
  });
}

describe.runIf(available)('LiteLLM config corpus', () => {
  const table = available ? expectations() : [];

  it('covers every yaml file in the corpus', () => {
    const files = readdirSync(corpus).filter((name) => name.endsWith('.yaml')).map((name) => name.replace('.yaml', ''));
    expect(table.map((row) => row.id).sort()).toEqual(files.sort());
  });

  for (const row of table) {
    it(`${row.id}.yaml is ${row.expect === 'ok' ? 'free of errors' : `an error at line ${row.lines.join(', ')}`}`, async () => {
      const result = await compileConfig(join(corpus, `${row.id}.yaml`), { env: {} });
      const errors = result.files.flatMap((file) => file.diagnostics).filter((diagnostic) => diagnostic.severity === 'error');
      if (row.expect === 'ok') {
        expect(errors.map((error) => `${error.line}: ${error.message}`)).toEqual([]);
      } else {
        const errorLines = new Set(errors.map((error) => error.line));
        for (const line of row.lines) expect(errorLines, `an error on line ${line}`).toContain(line);
      }
    });
  }
});
