/**
 * The fast scanner (compiler/source/scan-simple-yaml.ts) must return exactly js-yaml's
 * events whenever it returns any, and the value and positions the loader builds from
 * js-yaml's events: checked on every config in the repository, on generated
 * lint-benchmark configs, and on deterministic mutations of them (inserted indicators,
 * deleted characters, duplicated and re-indented lines). When js-yaml rejects a text the
 * scanner must hand it over (return undefined), never accept it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { loadYaml } from '../../compiler/source/load-yaml.ts';
import { scanSimpleYaml } from '../../compiler/source/scan-simple-yaml.ts';
import { SourceFile } from '../../compiler/source/source-file.ts';
import { generateLintConfig } from '../bench/generate-lint-config.ts';

function yamlFiles(directory: string, found: string[] = []): string[] {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yamlFiles(path, found);
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}

/** 'accepted' (equal events), 'handed over', or a description of the mismatch. */
function compare(text: string): string {
  let expected: unknown;
  try {
    expected = parseEvents(text, { maxDepth: 200 });
  } catch {
    expected = undefined;
  }
  const scanned = scanSimpleYaml(text);
  if (scanned === undefined) return 'handed over';
  if (expected === undefined) return `accepted text js-yaml rejects: ${JSON.stringify(text.slice(0, 120))}`;
  if (JSON.stringify(scanned.events.toArray()) !== JSON.stringify(expected)) return `different events for ${JSON.stringify(text.slice(0, 120))}`;
  return sameAsBuilder(text) ?? 'accepted';
}

function pointersOf(value: unknown, pointer: string, found: string[]): string[] {
  found.push(pointer);
  if (Array.isArray(value)) value.forEach((item, index) => pointersOf(item, `${pointer}/${index}`, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pointersOf(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
  }
  return found;
}

/**
 * The scanner's value and positions against the loader's own path (js-yaml events and the
 * Builder, which a depth limit below the scanner's cut-off selects); a mismatch description, or undefined.
 */
function sameAsBuilder(text: string): string | undefined {
  const fast = loadYaml(new SourceFile('t.yaml', text));
  const general = loadYaml(new SourceFile('t.yaml', text), { maxDepth: 99 });
  if (!isDeepStrictEqual(fast.value, general.value)) return `different value for ${JSON.stringify(text.slice(0, 120))}`;
  if (JSON.stringify(fast.findings) !== JSON.stringify(general.findings)) return `different findings for ${JSON.stringify(text.slice(0, 120))}`;
  for (const pointer of [...pointersOf(general.value, '', []).slice(0, 300), '/not-there']) {
    for (const part of ['key', 'value', 'auto'] as const) {
      const a = fast.map.span(pointer, part);
      const b = general.map.span(pointer, part);
      if (a?.start !== b?.start || a?.end !== b?.end) return `different ${part} span of ${pointer} in ${JSON.stringify(text.slice(0, 120))}`;
    }
  }
  return undefined;
}

const repositoryTexts = [...yamlFiles('fixtures'), ...yamlFiles('test')].map((path) => readFileSync(path, 'utf8'));

describe('fast YAML scanner', () => {
  it('gives js-yaml’s events for the repository’s configs and the benchmark configs', () => {
    const texts = [...repositoryTexts, generateLintConfig(10), generateLintConfig(500)];
    const outcomes = texts.map(compare);
    expect(outcomes.filter((outcome) => outcome !== 'accepted' && outcome !== 'handed over')).toEqual([]);
    // The benchmark configs are the subset the scanner exists for.
    expect(outcomes.slice(-2)).toEqual(['accepted', 'accepted']);
  });

  it('never disagrees with js-yaml on mutated configs', () => {
    let seed = 20_261_127;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [' ', '- ', ':', ': ', '#', ' #', '[', ']', ',', '"', "'", '\\', '-', 'x', '\n', '\n  ', '{', '}', '&a ', '*a', '!!str ', '|', '>', '?', '---\n', '%', '\t', '\r'];
    const bases = [...repositoryTexts.filter((text) => text.length < 8000), generateLintConfig(12)];
    const problems: string[] = [];
    let accepted = 0;
    for (let round = 0; round < 3000; round += 1) {
      let text = bases[random(bases.length)]!;
      for (let edit = 1 + random(3); edit > 0; edit -= 1) {
        const at = random(text.length + 1);
        const lines = text.split('\n');
        switch (random(4)) {
          case 0:
            text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at + 1 + random(3));
            break;
          case 2:
            lines.splice(random(lines.length), 0, lines[random(lines.length)]!);
            text = lines.join('\n');
            break;
          default: {
            const line = random(lines.length);
            lines[line] = ' '.repeat(1 + random(3)) + lines[line]!;
            text = lines.join('\n');
          }
        }
      }
      const outcome = compare(text);
      if (outcome === 'accepted') accepted += 1;
      else if (outcome !== 'handed over') problems.push(outcome);
    }
    expect(problems).toEqual([]);
    // The comparison means something only if many mutated texts stay in the subset.
    expect(accepted).toBeGreaterThan(500);
  });

  it('hands over what it does not read itself', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: b\n  continued\n',
      'a: {b: 1}\n',
      'a: "x\\ty"\n',
      "a: 'it''s'\n",
      'a:\n- x\n',
      '---\na: 1\n',
      'a: 1\r\n',
      '\ta: 1\n',
      '"quoted key": 1\n',
      'a: [x, ]\n',
      '',
      '# only a comment\n',
    ];
    expect(outside.map((text) => scanSimpleYaml(text) === undefined)).toEqual(outside.map(() => true));
  });
});
