/**
 * `litegate build` end to end, as a user runs it: build the seed guide's config and a
 * Gemini example into a temporary directory (outside the repository, so no node_modules is
 * reachable from the bundle), check what the bundle holds and leaves out, start the bundle
 * with plain `node server.mjs` against the provider simulator, and run its generated
 * contract tests with `node --test`. Also: lint errors and literal secrets stop the build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(root, 'compiler/cli/litegate.ts');
const seedGuide = join(root, 'fixtures/configs/seed-guide.yaml');
const gemini = join(root, 'fixtures/configs/providers/gemini.yaml');
const masterKey = 'sk-contract-master-key';
const secretValue = 'sk-test-secret-value';

let work: string;
let simulator: Simulator;
let seedBuild: Exit;
const children: ChildProcess[] = [];

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<Exit> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A clean environment plus `extra` (no provider keys from the developer's shell). */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...extra };
}

function build(config: string, out: string, ...flags: string[]): Promise<Exit> {
  // A provider key is set while building: it must not end up anywhere in the output.
  return runNode([cli, 'build', '--config', config, '--out', out, ...flags], env({ OPENAI_API_KEY: secretValue, GEMINI_API_KEY: secretValue }));
}

/** Starts `node server.mjs` from `dir` against the simulator; resolves with its URL. */
function startBundle(dir: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['server.mjs', '--port', '0', '--simulator-origin', simulator.url, '--log-format', 'json'], {
    cwd: dir,
    env: env({ LITELLM_MASTER_KEY: masterKey }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match) resolve({ url: match[1]!, child, output: () => stdout + stderr });
    });
    child.on('exit', (code) => reject(new Error(`server.mjs exited with ${code} before listening:\n${stderr}`)));
  });
}

/** The source files esbuild put in the bundle, from its source map. */
async function bundledSources(dir: string): Promise<string[]> {
  const map = JSON.parse(await readFile(join(dir, 'server.mjs.map'), 'utf8')) as { sources: string[] };
  return map.sources;
}

async function everyFileText(dir: string): Promise<string> {
  const names = await readdir(dir);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return texts.join('\n');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'litegate-build-'));
  simulator = await startSimulator({ port: 0 });
  const [seed, gem] = await Promise.all([build(seedGuide, join(work, 'seed')), build(gemini, join(work, 'gemini'))]);
  seedBuild = seed;
  expect(seed.stderr).not.toContain('error');
  expect(seed.code).toBe(0);
  expect(gem.code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await simulator?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('litegate build of the seed guide', () => {
  it('prints progress on stderr and a summary of what it built on stdout', () => {
    expect(seedBuild.stderr).toMatch(/^litegate build: bundling server\.mjs \(adapters: openai, deepseek, anthropic; strategy: least-busy\)$/m);
    expect(seedBuild.stdout).toMatch(/^ {2}server\.mjs {3}\d+\.\d MB, source map server\.mjs\.map$/m);
    expect(seedBuild.stdout).toContain('  redis        not used (ioredis left out)');
    expect(seedBuild.stdout).toContain('  compose      litegate-proxy\n');
    expect(seedBuild.stdout).toMatch(/^ {2}env vars {5}required: OPENAI_API_KEY, ANTHROPIC_API_KEY, DEEPSEEK_API_KEY; \d+ optional/m);
  });

  it('writes the plan, the bundle, the Docker files and the contract tests', async () => {
    const names = await readdir(join(work, 'seed'));
    expect(names.sort()).toEqual(['.env.example', 'Dockerfile', 'contract.test.mjs', 'docker-compose.yml', 'plan.json', 'server.mjs', 'server.mjs.map']);
    const plan = JSON.parse(await readFile(join(work, 'seed/plan.json'), 'utf8'));
    expect(Object.keys(plan.groups).sort()).toEqual(['claude-3-haiku', 'deepseek-chat', 'gpt-4o']);
    expect(plan.deployments[0].apiKey).toEqual({ env: 'OPENAI_API_KEY' });
    // No build-machine path in what is shipped.
    expect(plan.source).toBe('seed-guide.yaml');
  });

  it('bundles only the adapters and the strategy the config uses, and no Redis client', async () => {
    const sources = await bundledSources(join(work, 'seed'));
    const adapters = sources.filter((source) => /runtime\/providers\/[a-z_]+\/adapter\.ts$/.test(source)).map((source) => /providers\/([a-z_]+)\//.exec(source)![1]);
    expect(adapters.sort()).toEqual(['anthropic', 'deepseek', 'openai']);
    const strategies = sources.filter((source) => source.includes('runtime/router/strategies/') && !source.endsWith('routing-strategy.ts'));
    expect(strategies.map((source) => source.slice(source.lastIndexOf('/') + 1))).toEqual(['least-busy.ts']);
    expect(sources.some((source) => source.includes('node_modules/ioredis/'))).toBe(false);
    expect(sources.some((source) => source.includes('/fixtures/'))).toBe(false);
    // The bundle text itself, not only the map: esbuild marks each module with its path.
    const text = await readFile(join(work, 'seed/server.mjs'), 'utf8');
    expect(text.includes('runtime/providers/anthropic/adapter.ts')).toBe(true);
    for (const absent of ['runtime/providers/gemini/', 'runtime/providers/ollama/', 'runtime/providers/ollama_chat/', 'runtime/providers/azure/', 'strategies/latency-based-routing.ts', 'state/redis/']) {
      // A boolean, so a failure does not print 2 MB of bundle.
      expect(text.includes(absent), absent).toBe(false);
    }
  });

  it('carries no secret value from the build environment', async () => {
    expect((await everyFileText(join(work, 'seed'))).includes(secretValue)).toBe(false);
    expect((await everyFileText(join(work, 'gemini'))).includes(secretValue)).toBe(false);
  });

  it('runs with plain node (no node_modules) and passes its generated contract tests', async () => {
    const dir = join(work, 'seed');
    const bundle = await startBundle(dir);
    const result = await runNode(['--test', '--test-reporter=tap', 'contract.test.mjs'], env({ LITEGATE_URL: bundle.url, LITELLM_MASTER_KEY: masterKey }), dir);
    expect(result.stdout).toMatch(/^# fail 0$/m);
    // health, models, 401, unknown model, and chat + stream per group (3 groups).
    expect(result.stdout).toMatch(/^# pass 10$/m);
    expect(result.code).toBe(0);
    // The bundled pino wrote JSON request lines.
    expect(bundle.output()).toMatch(/"route":"\/v1\/chat\/completions","status":200/);
    // The version is the one that built it, though no package.json is beside the bundle.
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const readiness = (await (await fetch(`${bundle.url}/health/readiness`)).json()) as { litellm_version: string };
    expect(readiness.litellm_version).toBe(`litegate-${pkg.version}`);
    bundle.child.kill('SIGTERM');
  }, 30_000);
});

describe('litegate build of another config (Gemini, chat + embeddings)', () => {
  it('bundles the gemini adapter and none of the seed guide’s', async () => {
    const sources = await bundledSources(join(work, 'gemini'));
    expect(sources.some((source) => source.endsWith('runtime/providers/gemini/adapter.ts'))).toBe(true);
    for (const kind of ['anthropic', 'deepseek', 'azure', 'ollama']) {
      expect(sources.some((source) => source.includes(`runtime/providers/${kind}/`)), kind).toBe(false);
    }
  });

  it('passes its generated contract tests, embeddings included', async () => {
    const dir = join(work, 'gemini');
    const bundle = await startBundle(dir);
    const result = await runNode(['--test', '--test-reporter=tap', 'contract.test.mjs'], env({ LITEGATE_URL: bundle.url, LITELLM_MASTER_KEY: masterKey }), dir);
    expect(result.stdout).toContain('gemini-embedding: POST /v1/embeddings returns an OpenAI embedding list');
    expect(result.stdout).toMatch(/^# fail 0$/m);
    expect(result.stdout).toMatch(/^# pass 7$/m);
    expect(result.code).toBe(0);
    bundle.child.kill('SIGTERM');
  }, 30_000);
});

describe('litegate build refusals and options', () => {
  it('stops at lint errors, printed as lint prints them, and writes nothing', async () => {
    const config = join(work, 'broken.yaml');
    await writeFile(config, 'model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/gpt-4o\nrouter_settings:\n  routing_strategy: fastest\n');
    const out = join(work, 'broken-out');
    const result = await build(config, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:6:\d+ error .*\[LG\d{4}\]/);
    expect(result.stderr).toContain('nothing was built');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a config with a literal secret without writing it anywhere', async () => {
    const config = join(work, 'inline.yaml');
    await writeFile(config, `model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: sk-proj-${'a1B2c3D4'.repeat(4)}\n`);
    const out = join(work, 'inline-out');
    const result = await build(config, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/litegate build: secret values are written literally in the config \(.*inline\.yaml:5:16\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('--no-docker --no-tests --minify writes only the plan and a smaller bundle', async () => {
    const out = join(work, 'minified');
    const result = await build(seedGuide, out, '--no-docker', '--no-tests', '--minify');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['plan.json', 'server.mjs', 'server.mjs.map']);
    const minified = (await readFile(join(out, 'server.mjs'))).length;
    const plain = (await readFile(join(work, 'seed/server.mjs'))).length;
    expect(minified).toBeLessThan(plain);
    expect(result.stdout).toMatch(/server\.mjs +[\d.]+ (kB|MB) \(minified\)/);
    expect(result.stdout).toContain('providers    openai, deepseek, anthropic');
    expect(result.stdout).toContain('strategy     least-busy');
  }, 30_000);

  it('a bundle rejects a bad --port with exit 2 and prints its options for --help', async () => {
    const bad = await runNode(['server.mjs', '--port', 'nope'], env(), join(work, 'gemini'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("litegate: --port (or PORT) must be an integer between 0 and 65535, got 'nope'");
    const help = await runNode(['server.mjs', '--help'], env(), join(work, 'gemini'));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--simulator-origin URL');
  });

  it('a bundle started without a required key names the variable and exits 1', async () => {
    const result = await runNode(['server.mjs', '--port', '0'], env(), join(work, 'gemini'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('litegate: environment variable GEMINI_API_KEY is not set');
  });
});
