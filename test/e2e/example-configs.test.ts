/**
 * Every example config shipped in fixtures/configs/providers (and the seed guide's) lints
 * without errors, lowers with no unsupported deployment, and under `--simulate` answers
 * every one of its model groups (chat, or embeddings for embedding-mode groups) through
 * the openai SDK.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileConfig } from '../../compiler/compile.ts';
import { lowerToPlan } from '../../compiler/plan/lower.ts';
import { startSimulator, type Simulator } from '../../fixtures/simulator/start-simulator.ts';
import { startProxy } from '../../runtime/server/start-proxy.ts';

const directory = fileURLToPath(new URL('../../fixtures/configs/providers/', import.meta.url));
const files = [
  ...readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => directory + name),
  fileURLToPath(new URL('../../fixtures/configs/seed-guide.yaml', import.meta.url)),
];

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator?.close();
});

describe.each(files)('%s', (file) => {
  it('lints clean and serves every group under --simulate', async () => {
    const result = await compileConfig(file, { checkEnv: false });
    expect(result.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
    const plan = lowerToPlan(result.config!, file);
    expect(plan.unsupported).toEqual([]);
    const proxy = await startProxy({ plan, port: 0, env: {}, simulatorOrigin: simulator.url });
    try {
      const client = new OpenAI({ apiKey: 'unused-open-proxy', baseURL: `${proxy.url}/v1`, maxRetries: 0 });
      for (const [name, group] of Object.entries(plan.groups)) {
        const mode = plan.deployments[group.deployments[0]!]!.mode;
        if (mode === 'embedding') {
          const response = await client.embeddings.create({ model: name, input: 'hello' });
          expect(response.data[0]!.embedding.length, name).toBeGreaterThan(0);
        } else {
          const response = await client.chat.completions.create({ model: name, messages: [{ role: 'user', content: 'hello' }] });
          expect(response.choices[0]!.message.content, name).toEqual(expect.any(String));
        }
      }
    } finally {
      await proxy.close();
    }
  });
});
