/**
 * The setup most server tests share: a fake upstream, then the proxy for a config that
 * points at it, both started once per test file and closed after its tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { RunningProxy, StartProxyOptions } from '../../../runtime/server/start-proxy.ts';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.ts';
import { startProxyFromYaml } from './start-proxy-from-yaml.ts';

/** The running pair; both fields are set once the file's beforeAll hooks have run. */
export interface ProxyOnFakeUpstream {
  readonly upstream: FakeUpstream;
  readonly proxy: RunningProxy;
}

/**
 * Registers the beforeAll/afterAll hooks of the calling test file: starts a fake upstream,
 * then the proxy for `configFor(upstream.url)` (with `optionsFor(upstream.url)`, e.g. its
 * env), and closes the proxy, then the upstream, after the file's tests.
 */
export function proxyOnFakeUpstream(
  configFor: (upstreamUrl: string) => string,
  optionsFor: (upstreamUrl: string) => Omit<StartProxyOptions, 'plan' | 'port'> = () => ({}),
): ProxyOnFakeUpstream {
  const running = {} as { upstream: FakeUpstream; proxy: RunningProxy };
  beforeAll(async () => {
    running.upstream = await startFakeUpstream();
    running.proxy = await startProxyFromYaml(configFor(running.upstream.url), optionsFor(running.upstream.url));
  });
  afterAll(async () => {
    await running.proxy.close();
    await running.upstream.close();
  });
  return running;
}
