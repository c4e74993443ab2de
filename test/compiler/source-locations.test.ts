/**
 * Positions read lazily from the parser's events (compiler/source/event-locations.ts): the
 * spans the loader reports for the YAML shapes whose offsets are easy to get wrong. The
 * expected spans are those the eager location tree gave before positions became lazy.
 */
import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../compiler/source/load-yaml.ts';
import type { Part } from '../../compiler/source/source-map.ts';
import { SourceFile } from '../../compiler/source/source-file.ts';

interface Case {
  readonly name: string;
  readonly lines: readonly string[];
  /** `pointer part line:col-endLine:endCol` */
  readonly spans: readonly string[];
}

const cases: readonly Case[] = [
  { name: 'merged keys point at their << key', lines: ['base: &b {timeout: 30}', 'one:', '  <<: *b', '  rpm: 2'], spans: ['/one/timeout auto 3:3-3:5', '/one/rpm value 4:8-4:9', '/one key 2:1-2:4'] },
  {
    name: 'empty values sit after their key, empty items at the end of the list so far',
    lines: ['a:', 'b: [x, ]', 'c:', '  -', '  - y', '  -'],
    spans: ['/a value 1:2-1:2', '/c/0 value 4:4-4:4', '/c/2 value 5:6-5:6', '/b/1 auto 2:1-2:2'],
  },
  { name: 'flow collections end at their closing bracket', lines: ['m: {x: 1, y: [2, 3] }  # c', 'n: 1'], spans: ['/m value 1:4-1:22', '/m/y value 1:14-1:20', '/m/y/1 value 1:18-1:19'] },
  { name: 'quoted keys and values include their quotes', lines: ["'k1': \"v\"", 'list:', "  - 'q'"], spans: ['/k1 key 1:1-1:5', '/k1 value 1:7-1:10', '/list/0 value 3:5-3:8'] },
  {
    name: 'escaped pointer tokens; unknown paths fall back to the nearest node',
    lines: ['a/b: {c~d: 1}', 'x: [1]'],
    spans: ['/a~1b/c~0d value 1:12-1:13', '/x/5 auto 2:1-2:2', '/nope auto 1:1-2:7', ' value 1:1-2:7'],
  },
  { name: 'anchored collections and alias sites', lines: ['a: &l', '  - 1', 'b: *l', 'c: [*l]'], spans: ['/a value 2:3-2:6', '/b value 3:4-3:6', '/b/0 value 3:1-3:2', '/c/0 value 4:5-4:7'] },
  { name: 'the last of duplicate keys', lines: ['k: 1', 'k: {x: 2}'], spans: ['/k key 2:1-2:2', '/k/x value 2:8-2:9'] },
];

describe('lazily read source positions', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const source = new SourceFile('t.yaml', `${testCase.lines.join('\n')}\n`);
      const { map } = loadYaml(source);
      const actual = testCase.spans.map((entry) => {
        const [pointer, part] = entry.split(' ', 2) as [string, Part];
        const span = map.span(pointer, part)!;
        const start = source.position(span.start);
        const end = source.position(span.end);
        return `${pointer} ${part} ${start.line}:${start.column}-${end.line}:${end.column}`;
      });
      expect(actual).toEqual(testCase.spans);
    });
  }

  it('reports a duplicate key with the line of its previous occurrence', () => {
    const source = new SourceFile('t.yaml', 'a:\n  k: 1\n  j: 2\n  k: 3\n  k: [4]\n');
    const { findings } = loadYaml(source);
    expect(findings.map((finding) => `${finding.path} ${source.position(finding.start).line} ${/line (\d+)/.exec(finding.message)?.[1]}`)).toEqual(['/a/k 4 2', '/a/k 5 4']);
  });

  it('reads the children of a large list only when a position inside it is asked for', () => {
    const lines = ['model_list:'];
    for (let index = 0; index < 1000; index += 1) lines.push(`  - model_name: m${index}`, '    litellm_params: {model: openai/gpt-4o}');
    const source = new SourceFile('t.yaml', `${lines.join('\n')}\n`);
    const { map } = loadYaml(source);
    const list = map.root!.child('model_list')!;
    const span = map.span('/model_list/999/litellm_params/model', 'value')!;
    expect(source.text.slice(span.start, span.end)).toBe('openai/gpt-4o');
    expect(source.position(span.start).line).toBe(2001);
    expect(Array.isArray(list.children) && list.children.length).toBe(1000);
  });
});
