/**
 * Hostile or broken inputs get a diagnostic or one clear line and the right exit code,
 * never a stack trace or a hang: empty, comment-only, binary, 5 MB, deeply nested, alias
 * bomb, a directory, a missing path. A few run the real CLI as a subprocess.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig, ConfigReadError } from '../../compiler/compile.ts';

const directory = mkdtempSync(join(tmpdir(), 'litegate-bad-input-'));

function file(name: string, content: string | Buffer): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

async function codes(path: string): Promise<string[]> {
  const result = await compileConfig(path, { env: {} });
  return result.files.flatMap((report) => report.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`));
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['compiler/cli/litegate.ts', 'lint', '--no-color', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bad input', () => {
  it('empty file: LiteLLM refuses an empty config', async () => {
    expect(await codes(file('empty.yaml', ''))).toEqual(['LG1003@1:1']);
  });

  it('comment-only file counts as empty', async () => {
    expect(await codes(file('comments.yaml', '# nothing here\n\n'))).toEqual(['LG1003@1:1']);
  });

  it('binary file', async () => {
    expect(await codes(file('binary.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x01])))).toEqual(['LG1006@1:1']);
  });

  it('invalid UTF-8', async () => {
    expect(await codes(file('latin1.yaml', Buffer.from('model_list: [caf\xe9]\n', 'latin1')))).toEqual(['LG1006@1:1']);
  });

  it('a list at the top level', async () => {
    expect(await codes(file('list.yaml', '- model_name: a\n'))).toEqual(['LG1004@1:1']);
  });

  it('deeply nested YAML is refused at the depth limit', async () => {
    const result = await codes(file('deep.yaml', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^LG1010@1:/);
  });

  it('an alias bomb is refused without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghij';
    for (let level = 1; level < names.length; level += 1) {
      levels.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(',')}]`);
    }
    const result = await codes(file('bomb.yaml', `${levels.join('\n')}\n`));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^LG1005@/);
  });

  it('a recursive alias is refused', async () => {
    expect((await codes(file('recursive.yaml', 'a: &a [*a]\n')))[0]).toMatch(/^LG1005@1:/);
  });

  it('a 5 MB config is linted completely', async () => {
    const entry = (index: number): string =>
      `  - model_name: group-${index}\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: os.environ/OPENAI_API_KEY\n      rpm: 60\n`;
    const parts = ['model_list:\n'];
    let size = parts[0]!.length;
    for (let index = 0; size < 5 * 1024 * 1024; index += 1) {
      const text = entry(index);
      parts.push(text);
      size += text.length;
    }
    parts.push('router_settings:\n  routing_strategy: least_busy\n');
    const path = file('five-mb.yaml', parts.join(''));
    const result = await compileConfig(path, { env: {} });
    const errors = result.files.flatMap((report) => report.diagnostics).filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['LG3003']);
    expect(errors[0]!.line).toBe(parts.join('').split('\n').length - 1);
  });

  it('a directory or a missing path is an I/O error, not a finding', async () => {
    await expect(compileConfig(directory)).rejects.toBeInstanceOf(ConfigReadError);
    await expect(compileConfig(join(directory, 'missing.yaml'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('CLI exit codes and messages', () => {
  it('exits 2 with one line for a directory and for a missing file', () => {
    const result = cli(directory, join(directory, 'nope.yaml'));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `litegate lint: '${directory}' is a directory, not a config file`,
      `litegate lint: '${join(directory, 'nope.yaml')}' does not exist`,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a diagnostic for a binary file, and 0 for a clean config', () => {
    const binary = cli(file('cli-binary.yaml', Buffer.from([0, 1, 2, 3])));
    expect(binary.status).toBe(1);
    expect(binary.stdout).toContain('LG1006');
    const clean = cli('fixtures/configs/seed-guide.yaml');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('exits 2 for a usage error', () => {
    expect(cli('--format', 'xml', 'fixtures/configs/seed-guide.yaml').status).toBe(2);
    expect(cli().status).toBe(2);
  });

  it('lints several files in one call, and --max-warnings turns warnings into a failure', () => {
    const warningOnly = file('warning-only.yaml', 'model_list: []\nlitellm_settings:\n  banned_keywords: [x]\n');
    const result = cli('--format', 'json', 'fixtures/configs/seed-guide.yaml', warningOnly);
    const output = JSON.parse(result.stdout) as { files: { file: string; diagnostics: { code: string }[] }[] };
    expect(output.files.map((entry) => [entry.file, entry.diagnostics.map((d) => d.code)])).toEqual([
      ['fixtures/configs/seed-guide.yaml', []],
      [warningOnly, ['LG2007']],
    ]);
    expect(result.status).toBe(0);
    expect(cli('--max-warnings', '0', warningOnly).status).toBe(1);
    expect(cli('--max-warnings', '1', warningOnly).status).toBe(0);
  });
});
