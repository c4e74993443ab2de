import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBare, startLitegate } from './bench-servers.ts';
import { warmCompileCache } from './compile-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'litegate-bench-cache-'));
const before = process.env.NODE_COMPILE_CACHE;
afterAll(() => {
  if (before === undefined) delete process.env.NODE_COMPILE_CACHE;
  else process.env.NODE_COMPILE_CACHE = before;
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root`, recursively. */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('warmCompileCache', () => {
  it('fills the compile cache the benchmark children share before anything is measured', async () => {
    process.env.NODE_COMPILE_CACHE = dir;
    expect(files(dir)).toEqual([]);
    await warmCompileCache([(apiBase) => startBare(apiBase), (apiBase) => startLitegate(apiBase)]);
    // The three TypeScript servers' modules: litegate's alone are dozens.
    expect(files(dir).length).toBeGreaterThan(30);
  }, 60_000);

  it('warms a variant started with other V8 flags into a cache of its own', async () => {
    const subdirectories = (): string[] => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const before = subdirectories();
    await warmCompileCache([(apiBase) => startBare(apiBase, { nodeArgs: ['--no-sparkplug'] })]);
    expect(subdirectories().length).toBe(before.length + 1);
  }, 60_000);
});
