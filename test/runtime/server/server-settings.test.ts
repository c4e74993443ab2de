/**
 * general_settings the server enforces itself: global_max_parallel_requests and
 * background_health_checks; plus the provider headers relayed on success.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { chatCompletion, sendJson } from './fake-upstream.ts';
import { proxyOnFakeUpstream } from './proxy-on-fake-upstream.ts';

const served = proxyOnFakeUpstream((upstreamUrl) => `
model_list:
  - model_name: m
    litellm_params: {model: openai/m, api_key: k, api_base: "${upstreamUrl}/v1"}
router_settings: {num_retries: 0}
general_settings:
  global_max_parallel_requests: 1
  background_health_checks: true
  health_check_interval: 3600
`);

const post = () =>
  fetch(`${served.proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }) });

describe('server settings', () => {
  it('relays provider headers prefixed with llm_provider-, and x-ratelimit-* as they are', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion(), { 'x-request-id': 'req-9', 'x-ratelimit-remaining-requests': '41' });
    const response = await post();
    expect(response.headers.get('llm_provider-x-request-id')).toBe('req-9');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('41');
  });

  it('refuses requests beyond global_max_parallel_requests with 429, and serves again once free', async () => {
    let release: (() => void) | undefined;
    const held = new Promise<ServerResponse>((resolve) => {
      served.upstream.handle = (_request, response) => resolve(response);
    });
    const first = post();
    const response = await held;
    release = () => sendJson(response, 200, chatCompletion());
    const second = await post();
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('429');
    release();
    expect((await first).status).toBe(200);
    served.upstream.handle = (_request, r) => sendJson(r, 200, chatCompletion());
    expect((await post()).status).toBe(200);
  });

  it('answers /health from the background round instead of probing again', async () => {
    served.upstream.handle = (_request, r) => sendJson(r, 200, chatCompletion());
    const first = (await (await fetch(`${served.proxy.url}/health`)).json()) as { healthy_count: number };
    expect(first.healthy_count).toBe(1);
    const probes = served.upstream.requests.length;
    await fetch(`${served.proxy.url}/health`);
    await fetch(`${served.proxy.url}/health`);
    expect(served.upstream.requests.length).toBe(probes);
  });
});
