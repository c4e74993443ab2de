/**
 * What the server makes of router outcomes it does not decide itself: wildcard groups call
 * the deployment with the matched model, and "nothing available" becomes a 429.
 */
import { describe, expect, it } from 'vitest';
import { chatCompletion, sendJson } from './fake-upstream.ts';
import { proxyOnFakeUpstream } from './proxy-on-fake-upstream.ts';

const served = proxyOnFakeUpstream((upstreamUrl) => `
model_list:
  - model_name: "openai/*"
    litellm_params: {model: "openai/*", api_key: k, api_base: "${upstreamUrl}/v1"}
    model_info: {health_check_model: openai/gpt-4o-mini}
  - model_name: limited
    litellm_params: {model: openai/limited, api_key: k, api_base: "${upstreamUrl}/v1", rpm: 1}
  - model_name: guarded
    litellm_params: {model: openai/guarded, api_key: k, api_base: "${upstreamUrl}/v1"}
  - model_name: backup
    litellm_params: {model: openai/backup, api_key: k, api_base: "${upstreamUrl}/v1"}
  - model_name: broken
    litellm_params: {model: openai/broken, api_key: k, api_base: "${upstreamUrl}/v1"}
router_settings:
  routing_strategy: usage-based-routing-v2
  num_retries: 0
  content_policy_fallbacks: [{guarded: [backup]}]
  fallbacks: [{broken: ["openai/*"]}]
`);

const post = (model: string) =>
  fetch(`${served.proxy.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }) });

describe('router outcomes', () => {
  it('a wildcard group calls its deployment with the part the pattern matched', async () => {
    const response = await post('openai/gpt-4o-mini');
    expect(response.status).toBe(200);
    expect(served.upstream.requests.at(-1)!.body.model).toBe('gpt-4o-mini');
  });

  it("a fallback hop to a wildcard group calls the model the router resolved for that hop, never the client's model", async () => {
    served.upstream.handle = (request, response) => {
      if (request.body.model === 'broken') sendJson(response, 503, { error: { message: 'down', type: 'server_error', param: null, code: null } });
      else sendJson(response, 200, chatCompletion());
    };
    const response = await post('broken');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    // The hop names the pattern itself, so (as in LiteLLM) the deployment's model is sent as configured.
    expect(served.upstream.requests.map((request) => request.body.model).slice(-2)).toEqual(['broken', '*']);
    served.upstream.handle = (_request, r) => sendJson(r, 200, chatCompletion());
  });

  it('/health probes a wildcard deployment through its health_check_model', async () => {
    const report = (await (await fetch(`${served.proxy.url}/health?model=openai/*`)).json()) as { healthy_count: number };
    expect(report.healthy_count).toBe(1);
    expect(served.upstream.requests.at(-1)!.body.model).toBe('gpt-4o-mini');
  });

  it('a filtered response counts as a content-policy failure when a content-policy fallback exists', async () => {
    served.upstream.handle = (request, response) => {
      const reply = chatCompletion(`from ${String(request.body.model)}`);
      if (request.body.model === 'guarded') reply.choices[0]!.finish_reason = 'content_filter';
      sendJson(response, 200, reply);
    };
    const response = await post('guarded');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('from backup');
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
  });

  it('429 with an OpenAI-style body when no deployment is available', async () => {
    expect((await post('limited')).status).toBe(200);
    const refused = await post('limited');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('429');
  });
});
