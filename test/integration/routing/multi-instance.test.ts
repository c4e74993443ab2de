/**
 * Three proxy processes sharing one real Redis (through a loopback TCP relay the test can
 * cut): a deployment's `rpm: 60` holds in total across them under load from several
 * clients, a cooldown one instance sets applies on the others, and when Redis goes away
 * under load every request still succeeds on local state (logged once per process) and
 * sharing resumes when it returns.
 *
 * The rpm test runs a minute of load by design (about 65 s); the rest take a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisForTests, withSkipReason, type RedisNamespace } from '../../../fixtures/services/index.ts';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';
import { TcpRelay } from '../../runtime/state/tcp-relay.ts';

const redis = await redisForTests();
const redisService = redis.available ? redis.service : undefined;
const fixture = fileURLToPath(new URL('./proxy-process.ts', import.meta.url));

interface ProxyProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: string[];
}

async function spawnProxy(configPath: string, simulatorUrl: string, keyPrefix: string, instance: string): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [fixture, configPath, simulatorUrl], {
    env: { ...process.env, LITEGATE_TEST_KEY_PREFIX: keyPrefix, LITEGATE_TEST_INSTANCE: instance },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(...text.split('\n').filter(Boolean)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      buffered += text;
      const line = buffered.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`proxy process exited with ${code}: ${stderr.join('\n')}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, stderr };
}

async function chat(proxy: ProxyProcess, model: string): Promise<number> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], num_retries: 0 }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** `clients` loops, spread over the proxies, each sending a request every `gapMs` until `durationMs` has passed. */
async function load(proxies: readonly ProxyProcess[], model: string, clients: number, gapMs: number, durationMs: number): Promise<{ statuses: number[]; byProxy: number[] }> {
  const statuses: number[] = [];
  const byProxy = proxies.map(() => 0);
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const index = client % proxies.length;
      while (Date.now() < end) {
        const status = await chat(proxies[index]!, model);
        statuses.push(status);
        if (status === 200) byProxy[index]! += 1;
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    }),
  );
  return { statuses, byProxy };
}

describe.skipIf(!redis.available)(withSkipReason('three proxy processes sharing one Redis', redis), () => {
  let namespace: RedisNamespace;
  let relay: TcpRelay;
  let simulator: Simulator;
  let proxies: ProxyProcess[] = [];

  beforeAll(async () => {
    namespace = redisService!.namespace('multi-proxy');
    relay = TcpRelay.forUrl(namespace.url);
    await relay.start();
    simulator = await startSimulator({
      scenario: {
        rules: [
          { name: 'always-429', match: { model: ['sim-cool-a', 'sim-cool-c'] }, fault: { fault: 'error', status: 429 } },
          { name: 'steady', match: { model: 'sim-steady' }, latency: 5 },
        ],
      },
    });
    const directory = await mkdtemp(join(tmpdir(), 'litegate-multi-'));
    const configPath = join(directory, 'config.yaml');
    await writeFile(
      configPath,
      `model_list:
  - model_name: limited
    litellm_params: { model: openai/sim-limited, api_key: sk-test, rpm: 60 }
    model_info: { id: limited }
  - model_name: pair
    litellm_params: { model: openai/sim-cool-a, api_key: sk-test }
    model_info: { id: cool-a }
  - model_name: pair
    litellm_params: { model: openai/sim-cool-b, api_key: sk-test }
    model_info: { id: cool-b }
  - model_name: pair-after-outage
    litellm_params: { model: openai/sim-cool-c, api_key: sk-test }
    model_info: { id: cool-c }
  - model_name: pair-after-outage
    litellm_params: { model: openai/sim-cool-d, api_key: sk-test }
    model_info: { id: cool-d }
  - model_name: steady
    litellm_params: { model: openai/sim-steady, api_key: sk-test }
router_settings:
  routing_strategy: usage-based-routing-v2
  cooldown_time: 120
  redis_host: 127.0.0.1
  redis_port: ${relay.port}
`,
    );
    proxies = await Promise.all(['one', 'two', 'three'].map((instance) => spawnProxy(configPath, simulator.url, namespace.prefix, instance)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      proxies.map(
        (proxy) =>
          new Promise<void>((resolve) => {
            if (proxy.child.exitCode !== null) return resolve();
            proxy.child.once('exit', () => resolve());
            proxy.child.kill('SIGTERM');
          }),
      ),
    );
    await simulator?.close();
    await relay?.stop();
    await namespace?.cleanup();
  });

  it('a cooldown set by one instance keeps the others off the deployment', async () => {
    // Instance one calls cool-a directly (a deployment id bypasses cooldown); its 429 cools it.
    expect(await chat(proxies[0]!, 'cool-a')).toBe(429);
    simulator.resetCalls();
    for (let i = 0; i < 12; i++) expect(await chat(proxies[1 + (i % 2)]!, 'pair')).toBe(200);
    expect(simulator.calls.map((call) => call.model)).toEqual(new Array(12).fill('sim-cool-b'));
  });

  it('holds rpm: 60 in total across the three instances over a minute of load', async () => {
    simulator.resetCalls();
    // Six clients, two per instance, about 12 requests a second in total.
    const { statuses, byProxy } = await load(proxies, 'limited', 6, 500, 59_000);
    const served = simulator.calls.filter((call) => call.model === 'sim-limited').length;
    if (process.env['LITEGATE_TEST_FIGURES']) console.log(JSON.stringify({ served, requests: statuses.length, byProxy }));
    expect(served).toBeGreaterThanOrEqual(57);
    expect(served).toBeLessThanOrEqual(63);
    expect(statuses.filter((status) => status === 200)).toHaveLength(served);
    // Everything else was refused by the shared limit with a 429, not by some other failure.
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(400);
    // Every instance got a share: the limit is shared, not one instance's own.
    expect(byProxy.every((count) => count > 0)).toBe(true);
  }, 90_000);

  it('keeps routing on local state while Redis is away (logged once per process), and shares again after', async () => {
    const during = load(proxies, 'steady', 6, 20, 4_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await relay.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await relay.start();
    const { statuses } = await during;
    expect(statuses.length).toBeGreaterThan(100);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !proxies.every((proxy) => proxy.stderr.some((line) => line.includes('reachable again')))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const proxy of proxies) {
      expect(proxy.stderr.filter((line) => line.includes('unavailable'))).toHaveLength(1);
      expect(proxy.stderr.filter((line) => line.includes('reachable again'))).toHaveLength(1);
    }
    // Sharing resumed: a cooldown set by instance one applies on two and three again.
    expect(await chat(proxies[0]!, 'cool-c')).toBe(429);
    simulator.resetCalls();
    for (let i = 0; i < 8; i++) expect(await chat(proxies[1 + (i % 2)]!, 'pair-after-outage')).toBe(200);
    expect(simulator.calls.map((call) => call.model)).toEqual(new Array(8).fill('sim-cool-d'));
  }, 30_000);
});
