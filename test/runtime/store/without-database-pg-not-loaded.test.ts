/**
 * Without a database URL the key store costs nothing: a proxy that starts and serves a
 * request never loads `pg` or the store's database modules. Checked in a child process
 * (a fresh module graph) that records every module it resolves.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const child = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); loaded.push(result.url); return result; } });
const { parse } = await import('yaml');
const { lowerToPlan } = await import('./compiler/plan/lower.ts');
const { startProxy } = await import('./runtime/server/start-proxy.ts');
const plan = lowerToPlan(parse('model_list: [{model_name: m, litellm_params: {model: openai/m, api_key: k, mock_response: hi}}]\\ngeneral_settings: {master_key: sk-master-1234}'), '/c.yaml');
const proxy = await startProxy({ plan, port: 0, env: {} });
const response = await fetch(proxy.url + '/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer sk-master-1234' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });
await response.text();
await proxy.close();
process.stdout.write(JSON.stringify({ status: response.status, loaded }));
`;

describe('without database_url', () => {
  it('never loads pg or the store’s database modules', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', child], { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const { status, loaded } = JSON.parse(output) as { status: number; loaded: string[] };
    expect(status).toBe(200);
    // The hook sees project modules and packages (pino comes in through the logger)…
    expect(loaded.some((url) => url.includes('/runtime/server/start-proxy.ts'))).toBe(true);
    expect(loaded.some((url) => url.includes('/node_modules/pino/'))).toBe(true);
    // …and none of the database side.
    expect(loaded.filter((url) => url.includes('/node_modules/pg/') || url.includes('postgres-key-store') || url.includes('create-virtual-keys'))).toEqual([]);
  });
});
