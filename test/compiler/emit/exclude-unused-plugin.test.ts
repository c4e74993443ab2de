/**
 * The esbuild plugin behind `litegate build`'s tree-shaking, on a real bundle: a module the
 * plan does not use is not in the output, and asking the runtime's loader for it fails with
 * an error that says so, while a used one loads.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleProxy } from '../../../compiler/emit/bundle-proxy.ts';
import type { BundleSelection } from '../../../compiler/emit/bundle-selection.ts';

const run = promisify(execFile);

// Loads one used and one unused adapter and strategy through the runtime's own loaders.
const entry = `
import { loadAdapter } from './runtime/providers/load-adapter.ts';
import { loadStrategy } from './runtime/router/load-strategy.ts';
const attempt = async (what, load) => {
  try {
    const loaded = await load();
    console.log(what + ': loaded ' + typeof loaded);
  } catch (error) {
    console.log(what + ': ' + error.message);
  }
};
await attempt('openai', () => loadAdapter('openai'));
await attempt('gemini', () => loadAdapter('gemini'));
await attempt('simple-shuffle', () => loadStrategy('simple-shuffle'));
await attempt('least-busy', () => loadStrategy('least-busy'));
`;

const selection: BundleSelection = { adapters: ['openai'], allAdapters: false, strategy: 'simple-shuffle', redisState: false, redisCache: false };

describe('excludeUnusedModules', () => {
  let dir: string;
  let output: string;
  let sources: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'litegate-exclude-'));
    const outfile = join(dir, 'probe.mjs');
    await bundleProxy({ entry, selection, outfile, configName: 'probe.yaml' });
    sources = (JSON.parse(await readFile(`${outfile}.map`, 'utf8')) as { sources: string[] }).sources;
    output = (await run(process.execPath, [outfile])).stdout;
  }, 30_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves the unused modules out of the bundle', () => {
    expect(sources.some((source) => source.endsWith('runtime/providers/openai/adapter.ts'))).toBe(true);
    expect(sources.some((source) => source.includes('runtime/providers/gemini/'))).toBe(false);
    expect(sources.some((source) => source.endsWith('strategies/least-busy.ts'))).toBe(false);
    expect(sources.some((source) => source.includes('node_modules/ioredis/'))).toBe(false);
  });

  it('loads the used ones and names the missing ones in the loader errors', () => {
    expect(output.split('\n').filter(Boolean)).toEqual([
      'openai: loaded object',
      "gemini: the 'gemini' provider adapter could not be loaded: the 'gemini' provider adapter is not included in this bundle (built for probe.yaml); rebuild it with litegate build",
      'simple-shuffle: loaded object',
      "least-busy: the 'least-busy' routing strategy is not included in this bundle (built for probe.yaml); rebuild it with litegate build",
    ]);
  });
});
