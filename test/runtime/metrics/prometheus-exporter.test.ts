import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import type { Deployment, RoutingPlan } from '../../../compiler/plan/routing-plan.ts';
import { metricsAccess } from '../../../runtime/metrics/metrics-access.ts';
import { PrometheusExporter } from '../../../runtime/metrics/prometheus-exporter.ts';
import { RequestRecorder, type RecordedExchange } from '../../../runtime/metrics/request-recorder.ts';
import type { Router } from '../../../runtime/router/types.ts';
import type { CooldownEntry } from '../../../runtime/state/router-state.ts';

function planOf(yaml: string): RoutingPlan {
  return lowerToPlan(parse(yaml) as Record<string, unknown>, '/test/metrics.yaml');
}

const plan = planOf(`
model_list:
  - {model_name: 'say "hi"', litellm_params: {model: openai/gpt-4o-mini, api_base: "https://example.test/v1"}, model_info: {id: a, input_cost_per_token: 0.5, output_cost_per_token: 1}}
  - {model_name: backup, litellm_params: {model: anthropic/claude-3-haiku-20240307}, model_info: {id: b}}
`);
const [first, second] = plan.deployments as [Deployment, Deployment];

function routerCooling(entries: Record<string, CooldownEntry>): Router {
  return {
    execute: () => Promise.reject(new Error('not used')),
    coolingDown: async (ids) => new Map(ids.filter((id) => entries[id]).map((id) => [id, entries[id]!])),
    close: async () => {},
  };
}

function served(deployment: Deployment, prompt: number, completion: number): RecordedExchange {
  return {
    stream: false,
    outcome: { group: deployment.group, deployment, attemptedRetries: 0, attemptedFallbacks: 0, value: { upstreamMs: 25 } },
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    errorClass: undefined,
  };
}

/** `name{labels} value` lines → value by `name{labels}` (labels as printed). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('PrometheusExporter', () => {
  const recorder = new RequestRecorder(plan);
  recorder.record('1', 'chat', 'say "hi"', 200, 30, served(first, 10, 20));
  recorder.record('2', 'chat', 'say "hi"', 200, 3000, served(first, 1, 2));
  recorder.record('3', 'chat', 'unknown-model', 400, 1, undefined);
  recorder.record('4', 'chat', 'backup', 429, 2, { stream: false, errorClass: 'RateLimitError' });
  recorder.recordAttemptError(second, { name: 'UpstreamFailure', error: { status: 429, errorClass: 'RateLimitError' } });
  const until = Date.now() + 30_000;
  const exporter = new PrometheusExporter(
    { plan, recorder, router: routerCooling({ b: { until, seconds: 30, status: 429, reason: 'rate limited' } }), apiBaseHeaders: ['https://example.test/v1'], inFlight: { count: 2 }, healthMonitor: undefined },
    { processMetrics: false },
  );

  it('counts requests by requested model and status, with escaped labels and bounded names', async () => {
    const values = samples(await exporter.render());
    expect(values.get('litellm_proxy_total_requests_metric_total{requested_model="say \\"hi\\"",status_code="200"}')).toBe(2);
    expect(values.get('litellm_proxy_total_requests_metric_total{requested_model="(other)",status_code="400"}')).toBe(1);
    expect(values.get('litellm_proxy_failed_requests_metric_total{requested_model="backup",exception_status="429",exception_class="RateLimitError"}')).toBe(1);
    expect([...values.keys()].some((key) => key.includes('unknown-model'))).toBe(false);
  });

  it('exports a cumulative latency histogram in seconds', async () => {
    const values = samples(await exporter.render());
    const series = (le: string) => values.get(`litellm_request_total_latency_metric_bucket{requested_model="say \\"hi\\"",le="${le}"}`);
    expect(series('0.025')).toBe(0);
    expect(series('0.05')).toBe(1);
    expect(series('2.5')).toBe(1);
    expect(series('5')).toBe(2);
    expect(series('+Inf')).toBe(2);
    expect(values.get('litellm_request_total_latency_metric_sum{requested_model="say \\"hi\\""}')).toBeCloseTo(3.03, 9);
    expect(values.get('litellm_request_total_latency_metric_count{requested_model="say \\"hi\\""}')).toBe(2);
    expect(values.get('litellm_llm_api_latency_metric_count{requested_model="say \\"hi\\""}')).toBe(2);
    expect(values.get('litellm_llm_api_latency_metric_sum{requested_model="say \\"hi\\""}')).toBeCloseTo(0.05, 9);
    // No stream was served, and requests that reached no deployment have no provider time.
    expect([...values.keys()].some((key) => key.startsWith('litellm_llm_api_time_to_first_token_metric'))).toBe(false);
    expect([...values.keys()].some((key) => key.startsWith('litellm_llm_api_latency_metric') && key.includes('(other)'))).toBe(false);
  });

  it('exports tokens, spend and calls per deployment, failed attempts included', async () => {
    const text = await exporter.render();
    const values = samples(text);
    const labelsA = 'model_group="say \\"hi\\"",litellm_model_name="openai/gpt-4o-mini",model_id="a",api_base="https://example.test/v1",api_provider="openai"';
    expect(values.get(`litellm_input_tokens_metric_total{${labelsA}}`)).toBe(11);
    expect(values.get(`litellm_output_tokens_metric_total{${labelsA}}`)).toBe(22);
    expect(values.get(`litellm_total_tokens_metric_total{${labelsA}}`)).toBe(33);
    expect(values.get(`litellm_spend_metric_total{${labelsA}}`)).toBe(11 * 0.5 + 22 * 1);
    expect(values.get(`litellm_deployment_success_responses_total{${labelsA}}`)).toBe(2);
    const labelsB = 'model_group="backup",litellm_model_name="anthropic/claude-3-haiku-20240307",model_id="b",api_base="",api_provider="anthropic"';
    expect(values.get(`litellm_deployment_failure_responses_total{${labelsB}}`)).toBe(1);
    expect(values.get(`litellm_deployment_total_requests_total{${labelsB}}`)).toBe(1);
    expect(text).toContain('# TYPE litellm_request_total_latency_metric histogram');
    expect(text).toContain('# TYPE litellm_proxy_total_requests_metric_total counter');
  });

  it('exports deployment state from cooldowns, the cooldown time left, and the in-flight count', async () => {
    const values = samples(await exporter.render());
    const stateOf = (id: string) => [...values].find(([key]) => key.startsWith('litellm_deployment_state{') && key.includes(`model_id="${id}"`))?.[1];
    expect(stateOf('a')).toBe(0);
    expect(stateOf('b')).toBe(2);
    const remaining = [...values].find(([key]) => key.startsWith('litegate_deployment_cooldown_remaining_seconds{') && key.includes('model_id="b"'))?.[1];
    expect(remaining).toBeGreaterThan(25);
    expect(remaining).toBeLessThanOrEqual(30);
    expect(values.get('litegate_in_flight_requests')).toBe(2);
  });

  it('marks a deployment whose latest call failed with a 5xx as a partial outage, and adds process metrics by default', async () => {
    const local = new RequestRecorder(plan);
    local.recordAttemptError(first, { name: 'UpstreamFailure', error: { status: 502, errorClass: 'BadGatewayError' } });
    const text = await new PrometheusExporter({ plan, recorder: local, router: routerCooling({}), apiBaseHeaders: [], inFlight: { count: 0 }, healthMonitor: undefined }).render();
    expect(text).toMatch(/^litellm_deployment_state\{[^}]*model_id="a"[^}]*\} 1$/m);
    expect(text).toMatch(/^litellm_deployment_state\{[^}]*model_id="b"[^}]*\} 0$/m);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('metricsAccess', () => {
  it.each([
    ['no callbacks: behind the master key', '{}', 'master_key'],
    ['callbacks: [prometheus]: open, as LiteLLM', '{callbacks: [prometheus]}', 'open'],
    ['callbacks: prometheus (one string)', '{callbacks: prometheus}', 'open'],
    ['success_callback: [prometheus]', '{success_callback: [prometheus]}', 'open'],
    ['other callbacks only', '{success_callback: [langfuse]}', 'master_key'],
    ['prometheus with require_auth_for_metrics_endpoint', '{callbacks: [prometheus], require_auth_for_metrics_endpoint: true}', 'master_key'],
  ])('%s', (_name, settings, expected) => {
    const lowered = planOf(`model_list: [{model_name: m, litellm_params: {model: openai/gpt-4o}}]\nlitellm_settings: ${settings}`);
    expect(metricsAccess(lowered)).toBe(expected);
  });

  it('lowers success_callback and callbacks into one list without repeats', () => {
    const lowered = planOf(`model_list: [{model_name: m, litellm_params: {model: openai/gpt-4o}}]\nlitellm_settings: {success_callback: [prometheus, langfuse], callbacks: [prometheus, otel]}`);
    expect(lowered.server.callbacks).toEqual(['prometheus', 'langfuse', 'otel']);
  });
});
