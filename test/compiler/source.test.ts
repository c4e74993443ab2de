/**
 * The source layer: LiteLLM's YAML dialect (PyYAML, YAML 1.1), positions and the source
 * map, and `include:` with LiteLLM's merge rule and diagnostics pointing into the
 * included file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig, compileText } from '../../compiler/compile.ts';
import { loadYaml } from '../../compiler/source/load-yaml.ts';
import { resolvePlainScalar } from '../../compiler/source/resolve-scalar.ts';
import { SourceFile } from '../../compiler/source/source-file.ts';
import { yaml } from './lint-helpers.ts';

function load(text: string): ReturnType<typeof loadYaml> {
  return loadYaml(new SourceFile('t.yaml', text));
}

describe('YAML 1.1 scalars as PyYAML reads them', () => {
  const table: readonly [string, unknown][] = [
    ['yes', true], ['No', false], ['on', true], ['OFF', false], ['True', true], ['y', 'y'], ['n', 'n'],
    ['80_000', 80000], ['010', 8], ['0x1F', 31], ['0b101', 5], ['1:30', 90], ['-1_000', -1000],
    ['1.5', 1.5], ['2e-6', 2e-6], ['.5', 0.5], ['.inf', Number.POSITIVE_INFINITY],
    ['~', null], ['null', null], ['', null], ['0', 0], ['2024-01-01', '2024-01-01'], ['gpt-4o', 'gpt-4o'], ['1.2.3', '1.2.3'],
  ];
  for (const [text, value] of table) {
    it(`reads ${JSON.stringify(text)} as ${String(value)}`, () => {
      expect(resolvePlainScalar(text)).toEqual(value);
    });
  }

  it('keeps quoted scalars as strings and applies standard tags', () => {
    const { value } = load(yaml('a: "yes"', "b: '80_000'", 'c: !!str 12', 'd: !!int "7"'));
    expect(value).toEqual({ a: 'yes', b: '80_000', c: '12', d: 7 });
  });

  it('applies merge keys without overriding explicit keys', () => {
    const { value, findings } = load(yaml('base: &base {timeout: 30, rpm: 10}', 'one:', '  <<: *base', '  rpm: 20'));
    expect(findings).toEqual([]);
    expect(value).toEqual({ base: { timeout: 30, rpm: 10 }, one: { timeout: 30, rpm: 20 } });
  });
});

describe('source positions', () => {
  it('records key and value ranges by JSON pointer, quotes included', () => {
    const source = new SourceFile('t.yaml', yaml('router_settings:', '  routing_strategy: "least-busy"'));
    const { map } = loadYaml(source);
    const key = map.span('/router_settings/routing_strategy', 'key')!;
    const value = map.span('/router_settings/routing_strategy', 'value')!;
    expect(source.text.slice(key.start, key.end)).toBe('routing_strategy');
    expect(source.text.slice(value.start, value.end)).toBe('"least-busy"');
    expect(source.position(value.start)).toEqual({ line: 2, column: 21 });
  });

  it('falls back to the nearest recorded ancestor for nodes reached through an alias', () => {
    const source = new SourceFile('t.yaml', yaml('a: &x {b: 1}', 'c: *x'));
    const { map } = loadYaml(source);
    const span = map.span('/c/b', 'value')!;
    expect(source.text.slice(span.start, span.end)).toBe('c');
  });

  it('reports a duplicate key at the second key, naming the first line', () => {
    const diagnostics = compileText('t.yaml', yaml('model_list: []', 'router_settings:', '  num_retries: 1', '  num_retries: 2')).files[0]!.diagnostics;
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['LG1002@4:3']);
    expect(diagnostics[0]!.message).toContain('line 3');
  });

  it('reports a YAML syntax error at its position and stops there', () => {
    const result = compileText('t.yaml', yaml('model_list:', '  - model_name: a', '   litellm_params: {}'));
    expect(result.files[0]!.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(['LG1001@3']);
    expect(result.config).toBeUndefined();
  });

  it('explains a syntax error caused by Python keyword syntax (key=value)', () => {
    const result = compileText('t.yaml', yaml('router_settings:', '  fallbacks=[{"gpt-4": ["claude"]}]'));
    const diagnostics = result.files[0]!.diagnostics;
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}-${d.endColumn}`)).toEqual(['LG1001@2:3-13']);
    expect(diagnostics[0]!.suggestion).toBe('fallbacks:');
  });

  it('rejects tags a safe loader cannot construct', () => {
    const result = compileText('t.yaml', yaml('model_list: !!python/object:os.system []'));
    expect(result.files[0]!.diagnostics.map((d) => d.code)).toEqual(['LG1009']);
  });

  it('rejects several documents in one file', () => {
    const result = compileText('t.yaml', yaml('model_list: []', '---', 'router_settings: {}'));
    expect(result.files[0]!.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(['LG1008@2']);
  });
});

describe('include', () => {
  function project(files: Record<string, string>): string {
    const directory = mkdtempSync(join(tmpdir(), 'litegate-include-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    return directory;
  }

  it('appends lists, replaces other sections, and reports inside the included file', async () => {
    const directory = project({
      'main.yaml': yaml(
        'include: [models.yaml]',
        'model_list:',
        '  - model_name: a',
        '    litellm_params: {model: openai/a, api_key: os.environ/K}',
        'litellm_settings: {drop_params: true, num_retries: 1}',
      ),
      'models.yaml': yaml('model_list:', '  - model_name: b', '    litellm_params: {api_key: os.environ/K}', 'litellm_settings: {num_retries: 3}'),
    });
    const result = await compileConfig(join(directory, 'main.yaml'), { env: {} });
    const config = result.config as { model_list: { model_name: string }[]; litellm_settings: unknown; include?: unknown };
    expect(config.model_list.map((deployment) => deployment.model_name)).toEqual(['a', 'b']);
    expect(config.litellm_settings).toEqual({ num_retries: 3 });
    expect(config.include).toBeUndefined();
    const included = result.files.find((file) => file.file.endsWith('models.yaml'));
    expect(included?.diagnostics.map((d) => `${d.code}@${d.line}:${d.column} ${d.path}`)).toEqual(['LG2004@3:5 /model_list/1/litellm_params']);
  });

  it('warns when an included section replaces one the main file writes, naming what is dropped', async () => {
    const directory = project({
      'main.yaml': yaml(
        'include: [models.yaml, router.yaml]',
        'model_list: []',
        'litellm_settings: {drop_params: true, num_retries: 1}',
        'router_settings: {num_retries: 2}',
      ),
      'models.yaml': yaml('litellm_settings: {num_retries: 3}', 'model_list:', '  - model_name: b', '    litellm_params: {model: openai/b, api_key: os.environ/K}'),
      // Repeats every key it replaces: an override, nothing dropped.
      'router.yaml': yaml('router_settings: {num_retries: 5}'),
    });
    const result = await compileConfig(join(directory, 'main.yaml'), { env: {} });
    const main = result.files.find((file) => file.file.endsWith('main.yaml'));
    const replaced = main?.diagnostics.filter((d) => d.code === 'LG1105') ?? [];
    expect(replaced.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column} ${d.path}`)).toEqual(['warning LG1105@3:1 /litellm_settings']);
    expect(replaced[0]?.message).toContain("drop_params written here is dropped");
    expect(replaced[0]?.message).toContain("'models.yaml'");
  });

  it('warns about a missing included file at the include entry', async () => {
    const directory = project({ 'main.yaml': yaml('include:', '  - missing.yaml', 'model_list: []') });
    const result = await compileConfig(join(directory, 'main.yaml'), { env: {} });
    expect(result.files[0]!.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual(['warning LG1102@2:5']);
  });

  it('requires include to be a list', async () => {
    const directory = project({ 'main.yaml': yaml('include: models.yaml', 'model_list: []') });
    const result = await compileConfig(join(directory, 'main.yaml'), { env: {} });
    expect(result.files[0]!.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['LG1101@1:10']);
  });
});
