/**
 * A proxy (the real server and router) in front of the provider simulator, for routing
 * integration tests. Deployments are told apart by their upstream model name, which the
 * simulator's scenario rules match on.
 */
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import type { Scenario } from '../../../fixtures/simulator/scenario.ts';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';

/** A running proxy and simulator, with helpers. */
export interface RoutingStack {
  readonly proxy: RunningProxy;
  readonly simulator: Simulator;
  /** POST /v1/chat/completions with a one-message chat for `model`. */
  chat(model: string, extra?: Record<string, unknown>): Promise<Response>;
  /** Upstream models the simulator was called with, in arrival order. */
  upstreamModels(): string[];
  close(): Promise<void>;
}

/** Starts the simulator with `scenario` and a proxy for `configYaml` in front of it. */
export async function startRoutingStack(configYaml: string, scenario: Scenario): Promise<RoutingStack> {
  const simulator = await startSimulator({ scenario });
  const plan = lowerToPlan(parse(configYaml) as Record<string, unknown>, '/test/routing.yaml');
  const proxy = await startProxy({ plan, port: 0, simulatorOrigin: simulator.url, env: {} });
  return {
    proxy,
    simulator,
    chat: (model, extra = {}) =>
      fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }], ...extra }),
      }),
    upstreamModels: () => simulator.calls.map((call) => call.model ?? '?'),
    async close() {
      await proxy.close();
      await simulator.close();
    },
  };
}
