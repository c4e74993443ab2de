/**
 * The README's main job, as a user runs it: `litegate serve --config
 * fixtures/configs/seed-guide.yaml --simulate` in a real process, then the seed guide's
 * walk-through (health, models, chat with plain HTTP and with the openai SDK), with no API
 * keys, Redis or PostgreSQL. Also: startup refusals and the open-proxy warning.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The executable itself (what npx and node_modules/.bin run), with its start-up settings.
const cli = `${root}compiler/cli/litegate.js`;
const seedGuide = `${root}fixtures/configs/seed-guide.yaml`;
const masterKey = 'sk-litellm-master-key';

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  stdout: string;
  stderr: string;
}

const running: ChildProcess[] = [];

/** A clean env: no provider keys, whatever the developer's shell has. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...extra };
  return env;
}

function serve(args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const served = { child, url: '', stdout: '', stderr: '' };
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => (served.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      served.stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(served.stderr);
      if (match && !served.url) resolve({ ...served, url: match[1]!, get stdout() { return served.stdout; }, get stderr() { return served.stderr; } } as Served);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${served.stderr}`)));
  });
}

/** Waits (up to 10 s) until the process's stderr matches. */
async function stderrMatching(served: Served, pattern: RegExp): Promise<string> {
  for (let waited = 0; waited < 10_000 && !pattern.test(served.stderr); waited += 25) await new Promise((r) => setTimeout(r, 25));
  return served.stderr;
}

function runToExit(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  await Promise.all(running.map(stop));
});

describe('litegate serve --simulate on the seed guide', () => {
  it('answers the walk-through with no keys, and shuts down cleanly on SIGTERM', async () => {
    const served = await serve(['--config', seedGuide, '--simulate', '--port', '0', '--log-format', 'json'], cleanEnv({ LITELLM_MASTER_KEY: masterKey }));
    const auth = { authorization: `Bearer ${masterKey}` };

    const health = (await (await fetch(`${served.url}/health`, { headers: auth })).json()) as { healthy_count: number; unhealthy_count: number };
    expect(health).toMatchObject({ healthy_count: 3, unhealthy_count: 0 });

    const models = (await (await fetch(`${served.url}/v1/models`, { headers: auth })).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o', 'claude-3-haiku', 'deepseek-chat', 'gpt-4', 'claude']);

    // The guide's curl call.
    const curl = await fetch(`${served.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-3-haiku', messages: [{ role: 'user', content: 'Hello, how are you?' }], max_tokens: 100 }),
    });
    expect(curl.status).toBe(200);
    expect(((await curl.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content.length).toBeGreaterThan(0);

    // The guide's Python client, in Node.
    const client = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: masterKey, maxRetries: 0 });
    for (const model of ['claude-3-haiku', 'deepseek-chat', 'gpt-4o', 'gpt-4']) {
      const response = await client.chat.completions.create({ model, messages: [{ role: 'user', content: '你好，請介紹一下你自己' }], max_tokens: 100 });
      expect(response.choices[0]!.message.content).toEqual(expect.any(String));
    }
    await expect(new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 }).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

    expect(served.stderr).not.toContain('OPEN');
    expect(await stop(served.child)).toBe(0);
    // One JSON log line per request, and never the master key.
    const lines = served.stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines.filter((line) => line.msg === 'request').length).toBeGreaterThanOrEqual(5);
    expect(served.stdout + served.stderr).not.toContain(masterKey);
  });

  it('warns loudly when no master key is configured', async () => {
    const served = await serve(['--config', seedGuide, '--simulate', '--port', '0', '--log-format', 'silent'], cleanEnv());
    expect(await stderrMatching(served, /OPEN/)).toMatch(/WARNING: the proxy is OPEN/);
    const response = await fetch(`${served.url}/v1/models`);
    expect(response.status).toBe(200);
    await stop(served.child);
  });
});

/** The running process's own command line (Linux), as the kernel knows it after any execve. */
function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((part) => part !== '');
}

/** The environment the process started with (Linux), after any execve. */
function environment(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
}

describe.runIf(process.platform === 'linux')('the serve process runs with serve-node-flags.js', () => {
  it('replaces itself once with the flags: same PID, still serving', async () => {
    const served = await serve(['--config', seedGuide, '--simulate', '--port', '0', '--log-format', 'silent'], cleanEnv({ LITELLM_MASTER_KEY: masterKey }));
    const argv = commandLine(served.child.pid!);
    expect(argv.slice(1, 4)).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=30', '--no-maglev']);
    expect(argv.filter((part) => part.startsWith('--max-semi-space-size'))).toHaveLength(1);
    expect(argv.slice(-8)).toEqual(['serve', '--config', seedGuide, '--simulate', '--port', '0', '--log-format', 'silent']);
    expect(environment(served.child.pid!)).toContain('MALLOC_ARENA_MAX=2');
    expect((await fetch(`${served.url}/health/liveliness`)).status).toBe(200);
    expect(await stop(served.child)).toBe(0);
  });

  it('keeps a size the user chose in NODE_OPTIONS and an arena limit from the environment', async () => {
    const served = await serve(['--config', seedGuide, '--simulate', '--port', '0', '--log-format', 'silent'], cleanEnv({ LITELLM_MASTER_KEY: masterKey, NODE_OPTIONS: '--max-semi-space-size=32', MALLOC_ARENA_MAX: '4' }));
    const argv = commandLine(served.child.pid!);
    expect(argv.some((part) => part.startsWith('--max-semi-space-size'))).toBe(false);
    expect(argv.slice(1, 3)).toEqual(['--heap-growing-percent=30', '--no-maglev']);
    expect(environment(served.child.pid!).filter((entry) => entry.startsWith('MALLOC_ARENA_MAX='))).toEqual(['MALLOC_ARENA_MAX=4']);
    expect((await fetch(`${served.url}/health/liveliness`)).status).toBe(200);
    await stop(served.child);
  });
});

describe('litegate serve refuses to start', () => {
  it('when os.environ/ variables are unset (without --simulate), naming each and printing them as lint does', async () => {
    const { code, stderr } = await runToExit(['--config', seedGuide, '--port', '0'], cleanEnv());
    expect(code).toBe(1);
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY']) expect(stderr).toContain(name);
    expect(stderr).toMatch(/seed-guide\.yaml:14:16 error/);
    expect(stderr).toContain('not starting');
  });

  it('on lint errors', async () => {
    const { code, stderr } = await runToExit(['--config', `${root}fixtures/configs/seed-guide.original.yaml`, '--simulate', '--port', '0'], cleanEnv());
    expect(code).toBe(1);
    expect(stderr).toMatch(/\[LG\d{4}\]/);
  });

  it('with a usage error for a missing --config or a bad --port', async () => {
    expect((await runToExit([], cleanEnv())).code).toBe(2);
    expect((await runToExit(['--config', seedGuide, '--port', 'abc'], cleanEnv())).code).toBe(2);
  });
});
