/**
 * LiteLLM's `x-litellm-*` response headers (reference §7.11) where they depend on how the
 * deployment was resolved: catch-all deployments, streams.
 */
import { describe, expect, it } from 'vitest';
import { chatCompletion, chunk, sendJson, sse } from './fake-upstream.ts';
import { proxyOnFakeUpstream } from './proxy-on-fake-upstream.ts';

const served = proxyOnFakeUpstream(
  (upstreamUrl) => `
model_list:
  - model_name: priced
    litellm_params: {model: openai/priced, api_key: k, api_base: "${upstreamUrl}/v1?tenant=a", input_cost_per_token: 0.001, output_cost_per_token: 0.002}
  - model_name: priced-azure
    litellm_params: {model: azure/priced, api_key: k, api_base: "${upstreamUrl}", api_version: "2024-10-21", input_cost_per_token: 0.001, output_cost_per_token: 0.002}
  - model_name: "*"
    litellm_params: {model: "*"}
router_settings: {num_retries: 0}
`,
  // The catch-all resolves its provider per request, and its base from the provider's env var.
  (upstreamUrl) => ({ env: { OPENAI_API_KEY: 'k', OPENAI_API_BASE: `${upstreamUrl}/v1` } }),
);

const post = (body: Record<string, unknown>) =>
  fetch(`${served.proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], ...body }) });

function streamReply(response: import('node:http').ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(sse(chunk({ role: 'assistant', content: '' })));
  response.write(sse(chunk({ content: 'hi' }, 'stop')));
  response.write(sse({ ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }));
  response.end(sse('[DONE]'));
}

describe('x-litellm-model-api-base', () => {
  it('names the base a catch-all deployment resolved for the request', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion());
    const response = await post({ model: 'openai/gpt-4o-mini' });
    expect(response.status).toBe(200);
    expect(served.upstream.requests.at(-1)!.body.model).toBe('gpt-4o-mini');
    expect(response.headers.get('x-litellm-model-api-base')).toBe(`${served.upstream.url}/v1`);
  });

  it('names it on streams too, query string stripped', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    const catchAll = await post({ model: 'openai/gpt-4o-mini', stream: true });
    await catchAll.text();
    expect(catchAll.headers.get('x-litellm-model-api-base')).toBe(`${served.upstream.url}/v1`);
    const configured = await post({ model: 'priced', stream: true });
    await configured.text();
    expect(configured.headers.get('x-litellm-model-api-base')).toBe(`${served.upstream.url}/v1`);
  });
});

describe('x-litellm-response-cost', () => {
  it('is sent with a complete response, priced from model_info / litellm_params', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion('hello', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }));
    const response = await post({ model: 'priced' });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeCloseTo(10 * 0.001 + 5 * 0.002, 10);
  });

  it('is not sent on a stream (headers leave before the usage is known): the usage chunk carries usage.cost, as in LiteLLM', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    // Relayed bytes (OpenAI) and re-emitted chunks (Azure's filtered stream) alike.
    for (const model of ['priced', 'priced-azure']) {
      const response = await post({ model, stream: true, stream_options: { include_usage: true } });
      expect(response.headers.has('x-litellm-response-cost')).toBe(false);
      const usage = (await response.text())
        .split('\n\n')
        .filter((event) => event.startsWith('data: {'))
        .map((event) => (JSON.parse(event.slice(6)) as { usage?: { cost?: number } | null }).usage)
        .filter((value) => value);
      expect(usage, model).toHaveLength(1);
      expect(usage[0]!.cost, model).toBeCloseTo(3 * 0.001 + 1 * 0.002, 10);
    }
  });

  it('is left out of a stream when the deployment has no prices', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    const text = await (await post({ model: 'openai/gpt-4o-mini', stream: true, stream_options: { include_usage: true } })).text();
    expect(text).toContain('"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}');
  });
});
