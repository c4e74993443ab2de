/**
 * A proxy (real server, router and response cache) in front of the provider simulator,
 * for caching integration tests, with a manual clock for the cache and helpers to post
 * requests and read SSE bodies back into their final response.
 */
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';
import type { Logger } from 'pino';
import { StreamAssembler } from '../../../runtime/cache/stream-assembler.ts';
import { createRouter } from '../../../runtime/router/create-router.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';

/** A manual millisecond clock. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock starting at a fixed instant that only moves when told. */
export function manualClock(start = 1_800_000_000_000): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** One proxy's answer, read completely. */
export interface ProxyAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The JSON body, or for SSE the response assembled from the chunks. */
  readonly body: Record<string, unknown> | undefined;
}

/** Posts `body` to `path` on `proxyUrl` and reads the answer. */
export async function post(proxyUrl: string, path: string, body: Record<string, unknown>): Promise<ProxyAnswer> {
  const response = await fetch(`${proxyUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: Record<string, unknown> | undefined;
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const assembler = new StreamAssembler();
    assembler.push(text);
    parsed = assembler.result();
  } else {
    parsed = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Starts the simulator and `instances` proxies (default 1) for one config, all calling that simulator. */
export async function startCachingStack(
  configYaml: string,
  options: { clock?: ManualClock; keyPrefix?: string; instances?: number; logger?: Logger } = {},
) {
  const simulator: Simulator = await startSimulator({});
  const plan = lowerToPlan(parse(configYaml) as Record<string, unknown>, '/test/caching.yaml');
  const proxies: RunningProxy[] = [];
  for (let index = 0; index < (options.instances ?? 1); index += 1) {
    proxies.push(
      await startProxy({
        plan,
        port: 0,
        simulatorOrigin: simulator.url,
        env: {},
        ...(options.logger ? { logger: options.logger } : {}),
        // Router state in Redis (router_settings.redis_*) stays under the test's prefix too.
        ...(options.keyPrefix !== undefined ? { createRouter: (routingPlan) => createRouter(routingPlan, { keyPrefix: options.keyPrefix }) } : {}),
        cache: { ...(options.clock ? { now: options.clock.now } : {}), ...(options.keyPrefix !== undefined ? { keyPrefix: options.keyPrefix } : {}) },
      }),
    );
  }
  return {
    simulator,
    proxies,
    proxy: proxies[0]!,
    chat: (body: Record<string, unknown>, proxy = proxies[0]!) => post(proxy.url, '/v1/chat/completions', body),
    async close() {
      await Promise.all(proxies.map((proxy) => proxy.close()));
      await simulator.close();
    },
  };
}
