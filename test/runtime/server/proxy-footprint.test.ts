/**
 * What a proxy process loads: each module the proxy never uses costs resident memory in
 * every `serve` process and every `--workers` worker. Checked in a fresh Node process that
 * loads what `serve` loads (the compiler, the runtime) and starts a proxy.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const probe = `
const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const { compileConfig } = await import(${JSON.stringify(`${root}compiler/compile.ts`)});
const { lowerToPlan } = await import(${JSON.stringify(`${root}compiler/plan/lower.ts`)});
const { startProxy } = await import(${JSON.stringify(`${root}runtime/server/start-proxy.ts`)});
const { createLogger } = await import(${JSON.stringify(`${root}runtime/server/logger.ts`)});
const configPath = ${JSON.stringify(`${root}fixtures/configs/seed-guide.yaml`)};
const compiled = await compileConfig(configPath, { checkEnv: false });
const proxy = await startProxy({ plan: lowerToPlan(compiled.config, configPath), host: '127.0.0.1', port: 0, logger: createLogger('silent') });
const cached = Object.keys(require.cache);
process.stdout.write(JSON.stringify({
  undiciIndex: cached.some((file) => file.replaceAll('\\\\', '/').endsWith('/undici/index.js')),
  undiciAgent: cached.some((file) => file.replaceAll('\\\\', '/').endsWith('/undici/lib/dispatcher/agent.js')),
  nodeInternalUndici: process.moduleLoadList.some((name) => name.includes('internal/deps/undici')),
}));
await proxy.close();
`;

describe('a proxy process', () => {
  it("loads undici's Agent but not undici's index (fetch, WebSocket, cache…) nor Node's own copy of undici", () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-test', DEEPSEEK_API_KEY: 'sk-test' } });
    const loaded = JSON.parse(output) as { undiciIndex: boolean; undiciAgent: boolean; nodeInternalUndici: boolean };
    expect(loaded).toEqual({ undiciIndex: false, undiciAgent: true, nodeInternalUndici: false });
  });
});
