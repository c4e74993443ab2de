/**
 * How the server hands its own facilities to the router: the pino logger (Redis outage
 * lines) and the environment (os.environ/ Redis settings and router timeouts).
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../runtime/server/logger.ts';
import type { RunningProxy } from '../../../runtime/server/start-proxy.ts';
import { startProxyFromYaml } from './start-proxy-from-yaml.ts';
import { startFakeUpstream } from './fake-upstream.ts';
import { closedPort } from '../state/closed-port.ts';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger('json', sink), lines };
}

let proxy: RunningProxy | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await proxy?.close();
  proxy = undefined;
});

describe('router wiring', () => {
  it("logs a Redis outage through the proxy's logger, not stderr, reading redis_host from the proxy's env", async () => {
    const port = await closedPort();
    const config = `
model_list:
  - model_name: m
    litellm_params: {model: openai/m, api_key: k}
router_settings:
  redis_host: os.environ/ROUTER_REDIS_HOST
  redis_port: ${port}
`;
    const stderr = vi.spyOn(process.stderr, 'write');
    const { logger, lines } = capturedLogger();
    proxy = await startProxyFromYaml(config, { env: { ROUTER_REDIS_HOST: '127.0.0.1' }, logger });
    const outage = lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('redis '));
    expect(outage).toHaveLength(1);
    expect(outage[0]!.level).toBe(40);
    expect(outage[0]!.msg).toContain(`127.0.0.1:${port} unavailable`);
    expect(stderr.mock.calls.filter(([text]) => String(text).includes('redis'))).toEqual([]);
  });

  it('applies router_settings.timeout given as os.environ/ (a hanging upstream gives 408 after it)', async () => {
    const upstream = await startFakeUpstream();
    upstream.handle = () => {
      // never answers
    };
    try {
      const config = `
model_list:
  - model_name: m
    litellm_params: {model: openai/m, api_key: k, api_base: "${upstream.url}/v1"}
router_settings:
  num_retries: 0
  timeout: os.environ/ROUTER_TIMEOUT
`;
      proxy = await startProxyFromYaml(config, { env: { ROUTER_TIMEOUT: '0.2' } });
      const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });
      expect(response.status).toBe(408);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('within 0.2s');
    } finally {
      await proxy?.close();
      proxy = undefined;
      await upstream.close();
    }
  });
});
