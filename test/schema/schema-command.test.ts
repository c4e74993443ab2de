import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../compiler/cli/litegate.ts', import.meta.url));
const schemaText = readFileSync(new URL('../../schema/litellm-config.schema.json', import.meta.url), 'utf8');

/** Runs the real executable, so exit codes and stdout are what a shell sees. */
async function litegate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('litegate schema', () => {
  it('prints the schema file byte for byte and exits 0', async () => {
    const result = await litegate('schema');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(schemaText);
    expect(JSON.parse(result.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('shows help with the yaml-language-server line', async () => {
    const result = await litegate('schema', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# yaml-language-server: $schema=./node_modules/litegate/schema/litellm-config.schema.json');
  });

  it('exits 2 on an unknown option, with one line of error and no stack', async () => {
    const result = await litegate('schema', '--pretty');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^litegate schema: Unknown option '--pretty'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
