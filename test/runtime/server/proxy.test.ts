/**
 * The proxy over real sockets against a scriptable upstream: routes, auth, input errors,
 * upstream error mapping, timeouts, broken streams, client disconnects, headers, and that
 * no secret value reaches a response or a log line.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { createLogger } from '../../../runtime/server/logger.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';
import { MissingSecretError } from '../../../runtime/secrets/resolve-targets.ts';
import { chatCompletion, chunk, sendJson, sse, startFakeUpstream, type FakeUpstream } from './fake-upstream.ts';

const upstreamKey = 'sk-upstream-SECRET-7f3a9';
const masterKey = 'sk-master-SECRET-c41d';
const headerSecret = 'header-SECRET-88e2';

let upstream: FakeUpstream;
let proxy: RunningProxy;
const logLines: string[] = [];

function config(base: string): string {
  return `
model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_base: ${base}/v1
      extra_headers: {X-Secret: os.environ/TEST_HEADER_SECRET}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
    model_info: {id: dep-1}
  - model_name: slow
    litellm_params: {model: openai/slow, api_key: os.environ/TEST_UPSTREAM_KEY, api_base: ${base}/v1, timeout: 0.3, stream_timeout: 0.3}
  - model_name: embed
    litellm_params: {model: openai/text-embedding-3-small, api_key: os.environ/TEST_UPSTREAM_KEY, api_base: ${base}/v1}
    model_info: {mode: embedding}
  - model_name: down
    litellm_params: {model: openai/x, api_key: os.environ/TEST_UPSTREAM_KEY, api_base: "http://127.0.0.1:9/v1"}
router_settings:
  num_retries: 0
  disable_cooldowns: true
  model_group_alias:
    gpt4: gpt-4o
    hidden-gpt: {model: gpt-4o, hidden: true}
general_settings:
  master_key: os.environ/TEST_MASTER_KEY
  max_request_size_mb: 0.01
`;
}

const auth = { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' };

async function post(path: string, body: unknown, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(proxy.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function errorOf(response: Response): Promise<{ message: string; type: string; param: string | null; code: string }> {
  const json = (await response.json()) as { error: { message: string; type: string; param: string | null; code: string } };
  expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(json.error.code).toBe(String(response.status));
  return json.error;
}

const chat = (model = 'gpt-4o', extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

beforeAll(async () => {
  upstream = await startFakeUpstream();
  const plan = lowerToPlan(parse(config(upstream.url)) as Record<string, unknown>, '/test/config.yaml');
  const sink = new Writable({
    write(chunkText, _encoding, done) {
      logLines.push(String(chunkText));
      done();
    },
  });
  proxy = await startProxy({
    plan,
    port: 0,
    env: { TEST_UPSTREAM_KEY: upstreamKey, TEST_MASTER_KEY: masterKey, TEST_HEADER_SECRET: headerSecret },
    logger: createLogger('json', sink),
  });
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

beforeEach(() => {
  upstream.requests.length = 0;
  upstream.handle = (_request, response) => sendJson(response, 200, chatCompletion());
});

describe('chat completions', () => {
  it('forwards to the deployment with its key and upstream model, and relays the JSON naming the requested model', async () => {
    const response = await post('/v1/chat/completions', chat());
    expect(response.status).toBe(200);
    // LiteLLM restamps `model` with the client's name (§7.11); the provider's stays in the upstream call.
    expect(await response.json()).toEqual({ ...chatCompletion(), model: chat().model });
    const sent = upstream.requests[0]!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(sent.headers['x-secret']).toBe(headerSecret);
    expect(sent.body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  });

  it("sets LiteLLM's response headers", async () => {
    const response = await post('/chat/completions', chat('gpt4'), { ...auth, 'x-litellm-call-id': 'call-123' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-litellm-call-id')).toBe('call-123');
    expect(response.headers.get('x-litellm-model-id')).toBe('dep-1');
    expect(response.headers.get('x-litellm-model-api-base')).toBe(`${upstream.url}/v1`);
    expect(response.headers.get('x-litellm-attempted-retries')).toBe('0');
    expect(Number(response.headers.get('x-litellm-overhead-duration-ms'))).toBeGreaterThanOrEqual(0);
    // 3 prompt tokens × 1e-6 + 1 completion token × 2e-6
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeCloseTo(5e-6, 12);
  });

  it('streams chunk by chunk and ends with [DONE]', async () => {
    upstream.handle = (request, response) => {
      expect(request.body.stream_options).toEqual({ include_usage: true });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sse(chunk({ role: 'assistant', content: '' })));
      response.write(sse(chunk({ content: 'Hel' })));
      response.write(sse(chunk({ content: 'lo' })));
      response.write(sse(chunk({}, 'stop')));
      response.end(sse({ ...chunk({}), choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }) + sse('[DONE]'));
    };
    const response = await post('/v1/chat/completions', chat('gpt-4o', { stream: true, stream_options: { include_usage: true } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events).toHaveLength(6);
    // The deployment is priced (1e-6 / 2e-6 per token): the usage chunk carries the cost.
    expect(JSON.parse(events[4]!.slice(6)).usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: expect.closeTo(5e-6, 12) });
  });

  it('routes embeddings and completions to their upstream paths', async () => {
    upstream.handle = (request, response) => sendJson(response, 200, { object: 'list', model: 'm', data: [], usage: { prompt_tokens: 1, total_tokens: 1 }, path: request.url });
    expect(((await (await post('/v1/embeddings', { model: 'embed', input: 'x' })).json()) as { path: string }).path).toBe('/v1/embeddings');
    expect(((await (await post('/completions', { model: 'gpt-4o', prompt: 'x' })).json()) as { path: string }).path).toBe('/v1/completions');
  });
});

describe('request errors', () => {
  it('400 for malformed JSON', async () => {
    const response = await post('/v1/chat/completions', '{"model": ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/Invalid JSON/);
  });

  it('400 naming an unknown model, and model=None when it is missing', async () => {
    const unknown = await post('/v1/chat/completions', chat('gpt-5-imaginary'));
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toContain('Invalid model name passed in model=gpt-5-imaginary');
    const missing = await post('/v1/chat/completions', { messages: [] });
    expect((await errorOf(missing)).message).toContain('model=None');
  });

  it('400 for wrong types, naming the parameter', async () => {
    for (const [body, param] of [
      [{ model: 'gpt-4o', messages: 'hi' }, 'messages'],
      [{ model: 'gpt-4o', messages: [{ content: 'no role' }] }, 'messages'],
      [chat('gpt-4o', { stream: 'yes' }), 'stream'],
      [{ model: 'embed', input: 42 }, 'input'],
      [[1, 2], null],
    ] as const) {
      const response = await post(body === undefined ? '/v1/chat/completions' : (param === 'input' ? '/v1/embeddings' : '/v1/chat/completions'), body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).param).toBe(param);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('413 for a body over max_request_size_mb, by content-length and by bytes', async () => {
    const big = chat('gpt-4o', { padding: 'x'.repeat(20_000) });
    const response = await post('/v1/chat/completions', big);
    expect(response.status).toBe(413);
    await errorOf(response);
    // Chunked upload without content-length.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        controller.close();
      },
    });
    const chunked = await fetch(proxy.url + '/v1/chat/completions', { method: 'POST', headers: auth, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('401 without a key or with a wrong one; accepts the headers LiteLLM accepts', async () => {
    const none = await post('/v1/chat/completions', chat(), { 'content-type': 'application/json' });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).type).toBe('auth_error');
    const wrong = await post('/v1/chat/completions', chat(), { authorization: 'Bearer sk-wrong' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).not.toContain('sk-wrong');
    for (const header of ['api-key', 'x-api-key', 'x-goog-api-key']) {
      expect((await post('/v1/chat/completions', chat(), { [header]: masterKey })).status).toBe(200);
    }
  });

  it('404 for unknown paths, 405 for wrong methods', async () => {
    expect((await fetch(`${proxy.url}/v1/nothing`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${proxy.url}/v1/chat/completions`, { headers: auth })).status).toBe(405);
  });
});

describe('upstream errors', () => {
  it('maps provider statuses to OpenAI-style errors with the LiteLLM class prefix', async () => {
    for (const [status, errorClass] of [
      [400, 'BadRequestError'],
      [401, 'AuthenticationError'],
      [404, 'NotFoundError'],
      [429, 'RateLimitError'],
      [500, 'InternalServerError'],
      [503, 'ServiceUnavailableError'],
    ] as const) {
      upstream.handle = (_request, response) => sendJson(response, status, { error: { message: `upstream said ${status}`, type: 'x', param: null, code: null } }, status === 429 ? { 'retry-after': '3' } : {});
      const response = await post('/v1/chat/completions', chat());
      expect(response.status).toBe(status);
      const error = await errorOf(response);
      expect(error.message).toBe(`litellm.${errorClass}: OpenAIException - upstream said ${status}`);
      if (status === 429) expect(response.headers.get('retry-after')).toBe('3');
    }
  });

  it('masks the provider key when a provider quotes it in an error', async () => {
    upstream.handle = (request, response) => sendJson(response, 401, { error: { message: `Incorrect API key provided: ${String(request.headers.authorization).slice(7)}`, type: 'invalid_request_error', code: 'invalid_api_key' } });
    const response = await post('/v1/chat/completions', chat());
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(upstreamKey);
    expect(text).toContain('Incorrect API key provided: ***');
  });

  it('408 when the upstream does not answer within the deployment timeout', async () => {
    upstream.handle = () => {
      // never answers
    };
    const response = await post('/v1/chat/completions', chat('slow'));
    expect(response.status).toBe(408);
    expect((await errorOf(response)).message).toMatch(/^litellm\.Timeout: /);
  });

  it('500 APIConnectionError when the upstream refuses connections', async () => {
    const response = await post('/v1/chat/completions', chat('down'));
    expect(response.status).toBe(500);
    expect((await errorOf(response)).message).toMatch(/APIConnectionError/);
  });

  it('a stream that breaks upstream ends with an error event, then the end (no [DONE])', async () => {
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sse(chunk({ role: 'assistant', content: 'par' })));
      setTimeout(() => response.socket?.destroy(), 20);
    };
    const text = await (await post('/v1/chat/completions', chat('gpt-4o', { stream: true }))).text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events[0]).toContain('"par"');
    expect(events).toHaveLength(2);
    const error = JSON.parse(events[1]!.slice(6)) as { error: { message: string; code: string } };
    expect(error.error.code).toBe('500');
    expect(text).not.toContain('[DONE]');
  });

  it('a stream that ends without [DONE] is reported as broken', async () => {
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(sse(chunk({ role: 'assistant', content: 'cut' })));
    };
    const text = await (await post('/v1/chat/completions', chat('gpt-4o', { stream: true }))).text();
    expect(text).toContain('"error"');
    expect(text).not.toContain('[DONE]');
  });

  it('a stream that stalls longer than stream_timeout ends with a 408 error event', async () => {
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sse(chunk({ role: 'assistant', content: 'wait' })));
    };
    const text = await (await post('/v1/chat/completions', chat('slow', { stream: true }))).text();
    const last = text.split('\n\n').filter(Boolean).at(-1)!;
    expect(JSON.parse(last.slice(6)).error.code).toBe('408');
  });

  it('the client disconnecting mid-stream aborts the upstream request', async () => {
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(sse(chunk({ role: 'assistant', content: 'a' })));
      // keeps the stream open until the proxy goes away
    };
    const controller = new AbortController();
    const response = await post('/v1/chat/completions', chat('gpt-4o', { stream: true }), auth);
    const reader = response.body!.getReader();
    await reader.read();
    const closed = upstream.closed;
    await reader.cancel();
    controller.abort();
    await expect(closed).resolves.toBeUndefined();
  });
});

describe('listing and health endpoints', () => {
  it('/v1/models lists groups and visible aliases, not hidden ones', async () => {
    const json = (await (await fetch(`${proxy.url}/v1/models`, { headers: auth })).json()) as { object: string; data: { id: string; object: string }[] };
    expect(json.object).toBe('list');
    expect(json.data.map((m) => m.id)).toEqual(['gpt-4o', 'slow', 'embed', 'down', 'gpt4']);
    expect((await fetch(`${proxy.url}/models`)).status).toBe(401);
  });

  it('/model/info describes deployments without any secret', async () => {
    const text = await (await fetch(`${proxy.url}/model/info`, { headers: auth })).text();
    const json = JSON.parse(text) as { data: { model_name: string; litellm_params: Record<string, unknown>; model_info: Record<string, unknown> }[] };
    expect(json.data[0]).toMatchObject({ model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o' }, model_info: { id: 'dep-1', litellm_provider: 'openai', mode: 'chat' } });
    expect(json.data[0]!.litellm_params.api_key).toBeUndefined();
    for (const secret of [upstreamKey, masterKey, headerSecret]) expect(text).not.toContain(secret);
    const one = JSON.parse(await (await fetch(`${proxy.url}/model/info?litellm_model_id=dep-1`, { headers: auth })).text()) as { data: unknown[] };
    expect(one.data).toHaveLength(1);
  });

  it('/health probes deployments (auth required); liveliness and readiness need none', async () => {
    expect((await fetch(`${proxy.url}/health`)).status).toBe(401);
    upstream.handle = (request, response) =>
      request.url === '/v1/embeddings' ? sendJson(response, 200, { object: 'list', data: [], model: 'm', usage: { prompt_tokens: 1, total_tokens: 1 } }) : sendJson(response, 200, chatCompletion());
    const health = (await (await fetch(`${proxy.url}/health`, { headers: auth })).json()) as { healthy_count: number; unhealthy_count: number; unhealthy_endpoints: { model_name: string; error: string }[] };
    expect(health.healthy_count).toBe(3);
    expect(health.unhealthy_endpoints.map((e) => e.model_name)).toEqual(['down']);
    expect(upstream.requests.some((r) => r.url === '/v1/embeddings')).toBe(true);
    const one = (await (await fetch(`${proxy.url}/health?model=embed`, { headers: auth })).json()) as { healthy_count: number };
    expect(one.healthy_count).toBe(1);
    expect(await (await fetch(`${proxy.url}/health/liveliness`)).json()).toBe("I'm alive!");
    expect(((await (await fetch(`${proxy.url}/health/readiness`)).json()) as { status: string }).status).toBe('healthy');
  });

  it("/health gives up on a probe after the deployment's own timeout, as LiteLLM passes litellm_params to the check", async () => {
    upstream.handle = () => {
      // never answers
    };
    // slow sets timeout: 0.3; without it the probe would wait the 60 s health_check_timeout.
    const health = (await (await fetch(`${proxy.url}/health?model=slow`, { headers: auth })).json()) as { unhealthy_endpoints: { model_name: string; error: string }[] };
    expect(health.unhealthy_endpoints.map((e) => e.model_name)).toEqual(['slow']);
    expect(health.unhealthy_endpoints[0]!.error).toMatch(/timed out/i);
  });
});

describe('secrets', () => {
  it('never appear in the logs', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('');
    for (const secret of [upstreamKey, masterKey, headerSecret]) expect(all).not.toContain(secret);
    const line = JSON.parse(logLines.find((l) => l.includes('"request"'))!) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'request' });
    expect(line).toHaveProperty('status');
  });

  it('a missing os.environ/ variable stops startup, naming the variable and never a value', async () => {
    const plan = lowerToPlan(parse(config(upstream.url)) as Record<string, unknown>, '/test/config.yaml');
    const failure = await startProxy({ plan, port: 0, env: { TEST_UPSTREAM_KEY: upstreamKey } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MissingSecretError);
    const message = (failure as Error).message;
    expect(message).toContain('TEST_HEADER_SECRET');
    expect(message).toContain('TEST_MASTER_KEY');
    expect(message).not.toContain(upstreamKey);
  });
});

describe('model-in-path routes', () => {
  it('serves Azure-client and engine paths, the path model winning over the body', async () => {
    const azure = await fetch(`${proxy.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`, { method: 'POST', headers: { 'api-key': masterKey, 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }) });
    expect(azure.status).toBe(200);
    expect(azure.headers.get('x-litellm-model-id')).toBe('dep-1');
    const engines = await post('/engines/gpt4/chat/completions', chat('embed'));
    expect(engines.status).toBe(200);
    expect(engines.headers.get('x-litellm-model-group')).toBe('gpt4');
  });
});

describe('robustness', () => {
  it('answers every malformed input with an OpenAI-style error and keeps serving', async () => {
    const bodies = ['', 'null', '42', '"text"', '[]', '{}', '{"model":null}', '{"model":5,"messages":[]}', '{"model":"gpt-4o","messages":[null]}', '{"model":"gpt-4o","messages":[{"role":1}]}', '{"model":"gpt-4o","messages":[],"stream_options":"yes"}', '\u0000\u0001\u0002', '{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":1}'];
    for (const body of bodies) {
      const response = await post('/v1/chat/completions', body);
      expect(response.status, body).toBe(400);
      await errorOf(response);
    }
    for (const path of ['/v1/embeddings', '/v1/completions']) {
      const response = await post(path, { model: 'gpt-4o' });
      expect(response.status).toBe(400);
    }
    expect(upstream.requests).toHaveLength(0);
    expect(await (await fetch(`${proxy.url}/health/liveliness`)).json()).toBe("I'm alive!");
  });

  it('survives a garbage request line on a raw socket', async () => {
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(proxy.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await post('/v1/chat/completions', chat())).status).toBe(200);
  });

  it('an upstream answering 200 with a body that is not JSON gives 502', async () => {
    upstream.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>oops</html>');
    };
    const response = await post('/v1/chat/completions', chat());
    expect(response.status).toBe(502);
    await errorOf(response);
  });
});

describe('CORS', () => {
  it('answers browser preflights and marks browser responses, as LiteLLM allows every origin', async () => {
    const preflight = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    const browser = await post('/v1/chat/completions', chat(), { ...auth, origin: 'https://app.example' });
    expect(browser.headers.get('access-control-allow-origin')).toBe('*');
    expect((await post('/v1/chat/completions', chat())).headers.get('access-control-allow-origin')).toBeNull();
  });
});
