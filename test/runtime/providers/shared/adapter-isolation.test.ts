/**
 * A bundle imports only the adapters its config uses, so each translating adapter must
 * be loadable on its own: bundling one must pull in no other adapter's folder (shared
 * helpers and the contract are fine; ollama_chat may use ollama's translation code).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADAPTER_FOLDERS = ['openai', 'azure', 'deepseek', 'anthropic', 'gemini', 'ollama', 'ollama_chat'];

async function inputsOf(kind: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [`runtime/providers/${kind}/adapter.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('translating adapters load on their own', () => {
  it.each([
    ['anthropic', []],
    ['gemini', []],
    ['ollama', []],
    ['ollama_chat', ['ollama']],
  ])('%s pulls in no other adapter', async (kind, allowed) => {
    const inputs = await inputsOf(kind);
    const folders = new Set(inputs.map((path) => /^runtime\/providers\/([^/]+)\//.exec(path)?.[1]).filter((folder) => folder !== undefined));
    const others = [...folders].filter((folder) => ADAPTER_FOLDERS.includes(folder) && folder !== kind && !allowed.includes(folder));
    expect(others).toEqual([]);
    expect(inputs).toContain(`runtime/providers/${kind}/adapter.ts`);
  });
});
