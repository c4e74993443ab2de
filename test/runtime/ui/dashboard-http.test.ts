/**
 * The dashboard API and /metrics through the real proxy (`startProxy`) and the provider
 * simulator over loopback: requests made with plain HTTP show up in /ui/api/requests,
 * /ui/api/summary and /metrics, a failing deployment's attempts are counted, auth is
 * enforced, and neither prompts nor keys ever appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { startSimulator, type Simulator } from '../../../fixtures/simulator/start-simulator.ts';
import { startProxy, type RunningProxy } from '../../../runtime/server/start-proxy.ts';

const masterKey = 'sk-dashboard-master-7f3a';
const providerKey = 'sk-provider-key-91c2';
const prompt = 'PROMPT-TEXT-THAT-MUST-NOT-BE-RECORDED';

function planOf(yaml: string) {
  return lowerToPlan(parse(yaml) as Record<string, unknown>, '/test/dashboard.yaml');
}

const config = `
model_list:
  - {model_name: chat, litellm_params: {model: openai/gpt-4o-mini, api_key: ${providerKey}}, model_info: {id: chat-1, input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}}
  - {model_name: broken, litellm_params: {model: openai/broken-model, api_key: ${providerKey}}, model_info: {id: broken-1}}
router_settings:
  num_retries: 0
  fallbacks: [{broken: [chat]}]
  # The first failure cools a deployment down for a minute (counting mode, §7.9).
  allowed_fails: 0
  cooldown_time: 60
general_settings:
  master_key: ${masterKey}
`;

let simulator: Simulator;
let proxy: RunningProxy;
const auth = { authorization: `Bearer ${masterKey}` };

async function chat(model: string, extra: Record<string, unknown> = {}): Promise<Response> {
  const response = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }], ...extra }),
  });
  await response.arrayBuffer();
  return response;
}

async function json(path: string, headers: Record<string, string> = auth): Promise<{ status: number; body: any }> {
  const response = await fetch(`${proxy.url}${path}`, { headers });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, scenario: { rules: [{ match: { model: 'broken-model' }, fault: { fault: 'error', status: 503, message: 'simulated outage' } }] } });
  proxy = await startProxy({ plan: planOf(config), port: 0, env: {}, simulatorOrigin: simulator.url });
  expect((await chat('chat')).status).toBe(200);
  expect((await chat('chat', { stream: true, stream_options: { include_usage: true } })).status).toBe(200);
  const fellBack = await chat('broken');
  expect(fellBack.status).toBe(200);
  expect(fellBack.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
  expect((await chat('no-such-model')).status).toBe(400);
});

afterAll(async () => {
  await proxy?.close();
  await simulator?.close();
});

describe('/ui/api/requests', () => {
  it('lists the requests just made, newest first, with routing facts', async () => {
    const { status, body } = await json('/ui/api/requests');
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.data.map((record: { model: string }) => record.model)).toEqual(['no-such-model', 'broken', 'chat', 'chat']);
    const [invalid, fallback, streamed, plain] = body.data;
    expect(plain).toMatchObject({ operation: 'chat', stream: false, group: 'chat', deployment_id: 'chat-1', provider: 'openai', status: 200, retries: 0, fallbacks: 0, error: null, cache_hit: false });
    expect(plain.prompt_tokens).toBeGreaterThan(0);
    expect(plain.cost).toBeCloseTo(plain.prompt_tokens * 0.000001 + plain.completion_tokens * 0.000002, 12);
    expect(streamed).toMatchObject({ stream: true, deployment_id: 'chat-1', status: 200 });
    expect(streamed.completion_tokens).toBeGreaterThan(0);
    expect(fallback).toMatchObject({ model: 'broken', group: 'chat', deployment_id: 'chat-1', status: 200, fallbacks: 1 });
    expect(invalid).toMatchObject({ status: 400, deployment_id: null, error: 'BadRequestError' });
    expect(typeof plain.call_id).toBe('string');
  });

  it('honours ?limit', async () => {
    const { body } = await json('/ui/api/requests?limit=1');
    expect(body.data).toHaveLength(1);
    expect(body.data[0].model).toBe('no-such-model');
  });
});

describe('/ui/api/summary', () => {
  it('shows each group with its deployments, usage, failed attempts and state', async () => {
    const { status, body } = await json('/ui/api/summary');
    expect(status).toBe(200);
    expect(body.groups.map((group: { name: string }) => group.name)).toEqual(['chat', 'broken']);
    const chatDeployment = body.groups[0].deployments[0];
    expect(chatDeployment).toMatchObject({ id: 'chat-1', provider: 'openai', model: 'openai/gpt-4o-mini', price_source: 'config', state: 'healthy', cooldown: null });
    expect(chatDeployment.usage.requests).toBe(3);
    const broken = body.groups[1].deployments[0];
    expect(broken.usage).toMatchObject({ requests: 0, attempt_failures: 1, last_status: 503 });
    expect(broken.state).toBe('outage');
    expect(broken.cooldown).toMatchObject({ seconds: 60, status: 503 });
    expect(broken.cooldown.reason.length).toBeGreaterThan(0);
    expect(Date.parse(broken.cooldown.until)).toBeGreaterThan(Date.now() + 50_000);
    expect(body.settings.background_health_checks).toBe(false);
    expect(broken.health).toEqual({ status: 'unknown', error: null, checked_at: null });
    expect(body.totals.requests).toBe(4);
    expect(body.totals.failures).toBe(1);
    expect(body.settings).toMatchObject({ auth: true, routing_strategy: 'simple-shuffle', num_retries: 0 });
    expect(body.metrics).toEqual({ path: '/metrics', access: 'master_key', prometheus_callback: false });
    expect(body.virtual_keys).toMatchObject({ available: false, database_url_configured: false });
    expect(body.virtual_keys.message).toContain('database_url');
  });
});

describe('/ui/api/summary with background health checks', () => {
  it('shows the latest round of probes, without probing again itself', async () => {
    const checked = await startProxy({
      plan: planOf(config.replace('general_settings:', 'general_settings:\n  background_health_checks: true\n  health_check_interval: 3600')),
      port: 0,
      env: {},
      simulatorOrigin: simulator.url,
    });
    try {
      await checked.runtime.healthMonitor!.check();
      const before = simulator.callCount;
      const body = (await (await fetch(`${checked.url}/ui/api/summary`, { headers: auth })).json()) as any;
      const [chatDeployment, broken] = [body.groups[0].deployments[0], body.groups[1].deployments[0]];
      expect(chatDeployment.health).toMatchObject({ status: 'healthy', error: null });
      expect(broken.health.status).toBe('unhealthy');
      expect(broken.health.error).toContain('simulated outage');
      expect(broken.state).toBe('outage');
      expect(simulator.callCount).toBe(before);
      const metrics = await (await fetch(`${checked.url}/metrics`, { headers: auth })).text();
      expect(metrics).toMatch(/^litellm_deployment_state\{[^}]*model_id="broken-1"[^}]*\} 2$/m);
    } finally {
      await checked.close();
    }
  });
});

describe('/metrics', () => {
  it('exports the same requests in Prometheus text format', async () => {
    const response = await fetch(`${proxy.url}/metrics`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    expect(text).toContain('litellm_proxy_total_requests_metric_total{requested_model="chat",status_code="200"} 2');
    expect(text).toContain('litellm_proxy_total_requests_metric_total{requested_model="broken",status_code="200"} 1');
    expect(text).toContain('litellm_proxy_total_requests_metric_total{requested_model="(other)",status_code="400"} 1');
    expect(text).toMatch(/^litellm_deployment_failure_responses_total\{[^}]*model_id="broken-1"[^}]*\} 1$/m);
    expect(text).toMatch(/^litellm_request_total_latency_metric_count\{requested_model="chat"\} 2$/m);
    expect(text).toMatch(/^litellm_llm_api_latency_metric_count\{requested_model="chat"\} 1$/m);
    expect(text).toMatch(/^litellm_llm_api_time_to_first_token_metric_count\{requested_model="chat"\} 1$/m);
    expect(text).toMatch(/^litegate_in_flight_requests 0$/m);
    expect(text).toMatch(/^litellm_deployment_state\{[^}]*model_id="broken-1"[^}]*\} 2$/m);
    expect(text).toMatch(/^litellm_deployment_state\{[^}]*model_id="chat-1"[^}]*\} 0$/m);
    expect(text).toMatch(/^litegate_deployment_cooldown_remaining_seconds\{[^}]*model_id="broken-1"[^}]*\} (5\d|60)(\.\d+)?$/m);
  });
});

describe('auth and content', () => {
  it.each(['/ui/api/summary', '/ui/api/requests', '/metrics'])('%s needs the master key', async (path) => {
    expect((await fetch(`${proxy.url}${path}`)).status).toBe(401);
    expect((await fetch(`${proxy.url}${path}`, { headers: { authorization: 'Bearer sk-wrong' } })).status).toBe(401);
  });

  it('never shows prompts, the master key or provider keys', async () => {
    const texts = await Promise.all(['/ui/api/summary', '/ui/api/requests', '/metrics'].map(async (path) => (await fetch(`${proxy.url}${path}`, { headers: auth })).text()));
    for (const text of texts) {
      expect(text).not.toContain(prompt);
      expect(text).not.toContain(masterKey);
      expect(text).not.toContain(providerKey);
    }
  });

  it('serves the page without auth (it holds no data), with a strict CSP, and redirects / to it', async () => {
    const page = await fetch(`${proxy.url}/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; connect-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="http/);
    const root = await fetch(`${proxy.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui');
    expect((await fetch(`${proxy.url}/ui`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${proxy.url}/ui/api/nothing`, { headers: auth })).status).toBe(404);
  });
});

describe('/ui/api/requests with the response cache on', () => {
  it('lists a cache hit as such, with no deployment called', async () => {
    const cached = await startProxy({ plan: planOf(`${config}\nlitellm_settings: {cache: true, cache_params: {type: local}}`), port: 0, env: {}, simulatorOrigin: simulator.url });
    try {
      const send = () =>
        fetch(`${cached.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'same question' }] }) }).then((response) => response.text());
      await send();
      await send();
      const body = (await (await fetch(`${cached.url}/ui/api/requests`, { headers: auth })).json()) as { data: { cache_hit: boolean; deployment_id: string | null; status: number }[] };
      expect(body.data.map((record) => [record.cache_hit, record.deployment_id, record.status])).toEqual([
        [true, null, 200],
        [false, 'chat-1', 200],
      ]);
    } finally {
      await cached.close();
    }
  });
});

describe('/metrics access follows litellm_settings', () => {
  async function metricsStatus(settings: string, headers: Record<string, string> = {}): Promise<number> {
    const other = await startProxy({ plan: planOf(`${config}\nlitellm_settings: ${settings}`), port: 0, env: {}, simulatorOrigin: simulator.url });
    try {
      return (await fetch(`${other.url}/metrics`, { headers })).status;
    } finally {
      await other.close();
    }
  }

  it('is open with the prometheus callback, as in LiteLLM', async () => {
    expect(await metricsStatus('{callbacks: [prometheus]}')).toBe(200);
  });

  it('lists the configured callbacks in /health/readiness, as LiteLLM does', async () => {
    const other = await startProxy({ plan: planOf(`${config}\nlitellm_settings: {success_callback: [prometheus]}`), port: 0, env: {}, simulatorOrigin: simulator.url });
    try {
      const readiness = (await (await fetch(`${other.url}/health/readiness`)).json()) as { success_callbacks: string[] };
      expect(readiness.success_callbacks).toEqual(['prometheus']);
    } finally {
      await other.close();
    }
  });

  it('needs the master key again with require_auth_for_metrics_endpoint', async () => {
    expect(await metricsStatus('{callbacks: [prometheus], require_auth_for_metrics_endpoint: true}')).toBe(401);
    expect(await metricsStatus('{callbacks: [prometheus], require_auth_for_metrics_endpoint: true}', auth)).toBe(200);
  });
});
