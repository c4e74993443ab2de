/**
 * LiteLLM's `x-litellm-*` response headers (reference §7.11) where they depend on how the
 * deployment was resolved: catch-all deployments, streams, configured or list prices.
 */
import { describe, expect, it } from 'vitest';
import { lookupPrice } from '../../../runtime/router/price-table.ts';
import { chatCompletion, chunk, sendJson, sse } from './fake-upstream.ts';
import { proxyOnFakeUpstream } from './proxy-on-fake-upstream.ts';

const served = proxyOnFakeUpstream(
  (upstreamUrl) => `
model_list:
  - model_name: priced
    litellm_params: {model: openai/priced, api_key: k, api_base: "${upstreamUrl}/v1?tenant=a", input_cost_per_token: 0.001, output_cost_per_token: 0.002}
  - model_name: priced-azure
    litellm_params: {model: azure/priced, api_key: k, api_base: "${upstreamUrl}", api_version: "2024-10-21", input_cost_per_token: 0.001, output_cost_per_token: 0.002}
  - model_name: listed
    litellm_params: {model: openai/gpt-4o-mini, api_key: k, api_base: "${upstreamUrl}/v1"}
  - model_name: listed-azure
    litellm_params: {model: azure/gpt-4o-mini, api_key: k, api_base: "${upstreamUrl}", api_version: "2024-10-21"}
  - model_name: house
    litellm_params: {model: openai/house-model, api_key: k, api_base: "${upstreamUrl}/v1"}
  - model_name: "*"
    litellm_params: {model: "*"}
router_settings: {num_retries: 0}
`,
  // The catch-all resolves its provider per request, and its base from the provider's env var.
  (upstreamUrl) => ({ env: { OPENAI_API_KEY: 'k', OPENAI_API_BASE: `${upstreamUrl}/v1` } }),
);

const post = (body: Record<string, unknown>) =>
  fetch(`${served.proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], ...body }) });

// What the request recorder charged for a response: the cost behind key spend and /metrics.
function recordedCost(response: Response): number | undefined {
  return served.proxy.runtime.recorder!.recent().find((record) => record.callId === response.headers.get('x-litellm-call-id'))!.cost;
}

async function streamedUsageCosts(response: Response): Promise<(number | undefined)[]> {
  return (await response.text())
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => (JSON.parse(event.slice(6)) as { usage?: { cost?: number } | null }).usage)
    .filter((value) => value)
    .map((usage) => usage!.cost);
}

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
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBe(recordedCost(response));
  });

  it('is priced from the bundled list price when the config has none, the same figure key spend and /metrics get', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion('hello', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }));
    const list = lookupPrice('gpt-4o-mini')!;
    const response = await post({ model: 'listed' });
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeCloseTo(10 * list.input + 5 * list.output, 15);
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBe(recordedCost(response));
  });

  it('is not sent, and nothing is charged, for a model neither the config nor the list prices', async () => {
    served.upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion('hello', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }));
    const response = await post({ model: 'house' });
    expect(response.status).toBe(200);
    expect(response.headers.has('x-litellm-response-cost')).toBe(false);
    expect(recordedCost(response)).toBeUndefined();
  });

  it('is not sent on a stream (headers leave before the usage is known): the usage chunk carries usage.cost, as in LiteLLM', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    // Relayed bytes (OpenAI) and re-emitted chunks (Azure's filtered stream) alike.
    for (const model of ['priced', 'priced-azure']) {
      const response = await post({ model, stream: true, stream_options: { include_usage: true } });
      expect(response.headers.has('x-litellm-response-cost')).toBe(false);
      const costs = await streamedUsageCosts(response);
      expect(costs, model).toHaveLength(1);
      expect(costs[0], model).toBeCloseTo(3 * 0.001 + 1 * 0.002, 10);
      expect(costs[0], model).toBe(recordedCost(response));
    }
  });

  it('puts the bundled list price into a stream\'s usage.cost when the config has none', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    const list = lookupPrice('gpt-4o-mini')!;
    for (const model of ['listed', 'listed-azure']) {
      const response = await post({ model, stream: true, stream_options: { include_usage: true } });
      const costs = await streamedUsageCosts(response);
      expect(costs, model).toEqual([recordedCost(response)]);
      expect(costs[0], model).toBeCloseTo(3 * list.input + 1 * list.output, 15);
    }
  });

  it('is left out of a stream when the deployment has no price (a catch-all serves many models)', async () => {
    served.upstream.handle = (_request, response) => streamReply(response);
    for (const model of ['house', 'openai/gpt-4o-mini']) {
      const response = await post({ model, stream: true, stream_options: { include_usage: true } });
      const text = await response.text();
      expect(text, model).toContain('"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}');
      expect(recordedCost(response), model).toBeUndefined();
    }
  });
});
