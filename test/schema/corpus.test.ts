/**
 * The schema against real configs: ../shared/corpus/litellm-configs (or $LITEGATE_CORPUS)
 * holds files collected from public repositories with an expected.tsv verdict per file.
 * Files LiteLLM accepts must validate with no schema error; of the files with mistakes, the
 * ones whose mistake is schema-level (unknown section or Router argument, wrong shape or type)
 * must get a schema error on a line the verdict names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, LineCounter, parse, parseDocument, type Node } from 'yaml';
import { validateConfig, type SchemaError } from '../../schema/validate-config.ts';
import { corpusDir, runCorpus } from '../support/shared-corpus.ts';

const corpus = corpusDir;

interface Verdict {
  readonly id: string;
  readonly expect: 'ok' | 'error';
  readonly lines: readonly number[];
}

function readVerdicts(): readonly Verdict[] {
  const [, ...rows] = readFileSync(join(corpus, 'expected.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((row) => {
    const [id = '', verdict = '', lines = ''] = row.split('\t');
    return { id, expect: verdict === 'error' ? 'error' : 'ok', lines: lines.split(',').filter(Boolean).map(Number) };
  });
}

function tokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The 1-based lines a schema error points at: the line of the offending key (an unknown
 * key, or the key holding the bad value) and the line where the value starts.
 */
function linesOfError(text: string, error: SchemaError): number[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { version: '1.1', lineCounter });
  const path = tokens(error.instancePath);
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  const lines: number[] = [];
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const parent = path.length === 0 ? document.contents : document.getIn(path.slice(0, -1), true);
  const last = path.at(-1);
  if (isMap(parent) && last !== undefined) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last);
    const keyLine = lineOf((pair?.key as Node | undefined)?.range?.[0]);
    if (keyLine !== undefined) lines.push(keyLine);
  }
  const value = path.length === 0 ? document.contents : document.getIn(path, true);
  const valueLine = lineOf((value as Node | null | undefined)?.range?.[0]);
  if (valueLine !== undefined) lines.push(valueLine);
  return lines;
}

/** Error files whose mistake the schema alone catches, on a line expected.tsv names. */
const caughtBySchema = ['011', '017', '019', '023', '033', '057', '093', '105', '117'];

describe.runIf(runCorpus)('schema against the corpus of real configs', () => {
  const verdicts = readVerdicts();

  it.each(verdicts.filter((verdict) => verdict.expect === 'ok').map((verdict) => [verdict.id]))('%s.yaml (LiteLLM accepts it) validates', (id) => {
    const config = parse(readFileSync(join(corpus, `${id}.yaml`), 'utf8'), { version: '1.1' });
    expect(validateConfig(config).map((error) => `${error.instancePath} ${error.message}`)).toEqual([]);
  });

  it('catches the schema-level mistakes among the error files, at the lines the verdicts name', () => {
    const caught: string[] = [];
    for (const verdict of verdicts.filter((candidate) => candidate.expect === 'error')) {
      const text = readFileSync(join(corpus, `${verdict.id}.yaml`), 'utf8');
      let config: unknown;
      try {
        config = parse(text, { version: '1.1' });
      } catch {
        continue; // a YAML syntax error is the parser's to report, not the schema's
      }
      const errorLines = validateConfig(config).flatMap((error) => linesOfError(text, error));
      if (verdict.lines.some((line) => errorLines.includes(line))) caught.push(verdict.id);
    }
    // The remaining error files are semantic (fallbacks naming model strings instead of
    // groups) or YAML syntax errors: lint rules and the parser report those.
    expect(caught).toEqual(caughtBySchema);
  });
});
