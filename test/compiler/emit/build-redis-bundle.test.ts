/**
 * A bundle for a config that uses Redis (shared router state and the response cache)
 * carries ioredis inside server.mjs and works with plain `node server.mjs` against a real
 * Redis: its contract tests pass, and a repeated request is answered from the Redis cache
 * without reaching the provider. Needs Redis (REDIS_URL, or Docker for testcontainers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisForTests, withSkipReason } from '../../../fixtures/services/index.ts';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';

const redis = await redisForTests();
const redisService = redis.available ? redis.service : undefined;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'compiler/cli/litegate.ts');
const masterKey = 'sk-redis-bundle-master-key';

// A model name of its own, so counters and cache entries cannot meet other tests' keys.
const model = `bundle-redis-${process.pid}-${Date.now()}`;
const config = `model_list:
  - model_name: ${model}
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: os.environ/OPENAI_API_KEY
      rpm: 1000
router_settings:
  routing_strategy: usage-based-routing-v2
  redis_host: os.environ/REDIS_HOST
  redis_port: os.environ/REDIS_PORT
litellm_settings:
  cache: true
  cache_params:
    type: redis
    host: os.environ/REDIS_HOST
    port: os.environ/REDIS_PORT
    ttl: 60
`;

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!redis.available)(withSkipReason('a bundle for a Redis-backed config', redis), () => {
  let work: string;
  let simulator: Simulator;
  let server: ChildProcess | undefined;
  let url: string;
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'litegate-build-redis-'));
    await writeFile(join(work, 'redis.yaml'), config);
    const built = await run([cli, 'build', '--config', join(work, 'redis.yaml'), '--out', join(work, 'out')], base, root);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('redis        router state + response cache');
    simulator = await startSimulator({ port: 0 });
    const redisUrl = new URL(redisService!.url);
    const child = spawn(process.execPath, ['server.mjs', '--port', '0', '--simulator-origin', simulator.url, '--log-format', 'silent'], {
      cwd: join(work, 'out'),
      env: { ...base, LITELLM_MASTER_KEY: masterKey, REDIS_HOST: redisUrl.hostname, REDIS_PORT: redisUrl.port || '6379' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server = child;
    let stderr = '';
    url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`server.mjs exited with ${code}:\n${stderr}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await simulator?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('bundles ioredis and the Redis modules', async () => {
    const map = JSON.parse(await readFile(join(work, 'out/server.mjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.includes('node_modules/ioredis/'))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('runtime/state/redis/create-redis-state.ts'))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('runtime/cache/redis-cache-backend.ts'))).toBe(true);
  });

  it('passes its generated contract tests', async () => {
    const result = await run(['--test', '--test-reporter=tap', 'contract.test.mjs'], { ...base, LITEGATE_URL: url, LITELLM_MASTER_KEY: masterKey }, join(work, 'out'));
    expect(result.stdout).toMatch(/^# fail 0$/m);
    expect(result.code).toBe(0);
  });

  it('answers a repeated request from the Redis cache', async () => {
    const body = JSON.stringify({ model, messages: [{ role: 'user', content: `cache me ${Date.now()}` }] });
    const headers = { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' };
    const first = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { choices: unknown };
    const calls = simulator.callCount;
    const second = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, body });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ choices: firstBody.choices });
    expect(simulator.callCount).toBe(calls);
  });
});
