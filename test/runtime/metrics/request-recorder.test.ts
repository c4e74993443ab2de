import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import type { Deployment, RoutingPlan } from '../../../compiler/plan/routing-plan.ts';
import { otherModelLabel } from '../../../runtime/metrics/model-labels.ts';
import { priceOf } from '../../../runtime/metrics/deployment-price.ts';
import { RequestRecorder, type RecordedExchange } from '../../../runtime/metrics/request-recorder.ts';
import { latencyBucketsSeconds } from '../../../runtime/metrics/latency-histogram.ts';
import { UpstreamFailure } from '../../../runtime/router/types.ts';

const plan: RoutingPlan = lowerToPlan(
  parse(`
model_list:
  - {model_name: chat, litellm_params: {model: openai/gpt-4o}}
  - {model_name: chat, litellm_params: {model: openai/house-model}, model_info: {id: priced, input_cost_per_token: 0.001, output_cost_per_token: 0.002}}
  - {model_name: local, litellm_params: {model: openai/my-finetune}}
  - {model_name: "team/*", litellm_params: {model: "openai/*"}}
router_settings:
  model_group_alias: {fast: chat}
`) as Record<string, unknown>,
  '/test/recorder.yaml',
);
const [gpt4o, priced, local] = plan.deployments as [Deployment, Deployment, Deployment];

function served(deployment: Deployment, usage?: { prompt_tokens: number; completion_tokens: number }, extra: Partial<RecordedExchange> = {}): RecordedExchange {
  return {
    stream: false,
    outcome: { group: deployment.group, deployment, attemptedRetries: 0, attemptedFallbacks: 0, value: { upstreamMs: 4 } },
    usage: usage ? { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } : undefined,
    errorClass: undefined,
    ...extra,
  };
}

function clock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('RequestRecorder ring buffer', () => {
  it('keeps the latest `capacity` requests, newest first, and counts every one', () => {
    const recorder = new RequestRecorder(plan, { capacity: 3 });
    for (let i = 1; i <= 5; i++) recorder.record(`call-${i}`, 'chat', 'chat', 200, i, served(gpt4o));
    expect(recorder.total).toBe(5);
    expect(recorder.recent().map((record) => record.callId)).toEqual(['call-5', 'call-4', 'call-3']);
    expect(recorder.recent(2).map((record) => record.callId)).toEqual(['call-5', 'call-4']);
    expect(recorder.deployment(gpt4o.index)!.requests).toBe(5);
  });

  it('returns nothing before the first request', () => {
    expect(new RequestRecorder(plan).recent()).toEqual([]);
  });
});

describe('RequestRecorder records', () => {
  it('holds the routing facts of a served request', () => {
    const time = clock();
    const recorder = new RequestRecorder(plan, { now: time.now });
    recorder.record('abc', 'chat', 'fast', 200, 123.4, served(priced, { prompt_tokens: 10, completion_tokens: 5 }, { stream: true, outcome: { group: 'chat', deployment: priced, attemptedRetries: 1, attemptedFallbacks: 2, value: { upstreamMs: 80 } } }));
    expect(recorder.recent()[0]).toEqual({
      time: time.now(),
      callId: 'abc',
      operation: 'chat',
      stream: true,
      model: 'fast',
      group: 'chat',
      deploymentId: 'priced',
      provider: 'openai',
      status: 200,
      latencyMs: 123.4,
      upstreamMs: 80,
      promptTokens: 10,
      completionTokens: 5,
      cost: 10 * 0.001 + 5 * 0.002,
      retries: 1,
      fallbacks: 2,
      error: undefined,
      cacheHit: false,
    });
  });

  it('prices with the config first, the bundled list prices second, and not at all for unknown models', () => {
    expect(priceOf(priced)).toEqual({ price: { input: 0.001, output: 0.002 }, source: 'config' });
    expect(priceOf(gpt4o)?.source).toBe('estimate');
    expect(priceOf(local)).toBeUndefined();
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'chat', 200, 1, served(gpt4o, { prompt_tokens: 1000, completion_tokens: 100 }));
    recorder.record('b', 'chat', 'local', 200, 1, served(local, { prompt_tokens: 1000, completion_tokens: 100 }));
    const estimate = priceOf(gpt4o)!.price;
    expect(recorder.recent(2).map((record) => record.cost)).toEqual([undefined, 1000 * estimate.input + 100 * estimate.output]);
  });

  it('names the failure: the LiteLLM class when the router had one, else a class for the proxy-raised status', () => {
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'chat', 429, 1, { stream: false, errorClass: 'RateLimitError', attemptedRetries: 2, attemptedFallbacks: 1 });
    recorder.record('b', 'chat', 'nope', 400, 1, undefined);
    recorder.record('c', 'chat', 'chat', 200, 1, served(gpt4o, undefined, { stream: true, streamError: 'api_error' }));
    const [streamBroke, invalid, limited] = recorder.recent();
    expect(limited).toMatchObject({ status: 429, error: 'RateLimitError', retries: 2, fallbacks: 1, deploymentId: undefined });
    expect(invalid).toMatchObject({ status: 400, error: 'BadRequestError', model: 'nope' });
    expect(streamBroke).toMatchObject({ status: 200, error: 'api_error' });
    expect(recorder.deployment(gpt4o.index)!.failures).toBe(1);
  });

  it('cuts a huge requested model name to 200 characters', () => {
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'x'.repeat(10_000), 400, 1, undefined);
    expect(recorder.recent()[0]!.model).toHaveLength(200);
  });

  it('never throws into the request path', () => {
    const recorder = new RequestRecorder(plan);
    const broken = {
      get stream(): boolean {
        throw new Error('boom');
      },
      errorClass: undefined,
    } as RecordedExchange;
    expect(() => recorder.record('a', 'chat', 'chat', 200, 1, broken)).not.toThrow();
  });

  it('marks answers from the response cache', () => {
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'chat', 200, 1, undefined, true);
    expect(recorder.recent()[0]).toMatchObject({ cacheHit: true, deploymentId: undefined, error: undefined });
  });
});

describe('RequestRecorder totals', () => {
  it('sums tokens, cost, statuses and latency per deployment and per requested model', () => {
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'chat', 200, 20, served(priced, { prompt_tokens: 10, completion_tokens: 1 }));
    recorder.record('b', 'chat', 'fast', 200, 2000, served(priced, { prompt_tokens: 20, completion_tokens: 2 }));
    recorder.record('c', 'chat', 'fast', 500, 4, { stream: false, errorClass: 'InternalServerError' });
    const deployment = recorder.deployment(priced.index)!;
    expect(deployment).toMatchObject({ requests: 2, failures: 0, promptTokens: 30, completionTokens: 3 });
    expect(deployment.cost).toBeCloseTo(30 * 0.001 + 3 * 0.002, 12);
    expect(deployment.latency.meanMs).toBeCloseTo(1010, 9);
    // 20 ms falls in the 0.025 s bucket, 2 s in the 2.5 s one.
    expect(deployment.latency.counts[latencyBucketsSeconds.indexOf(0.025)]).toBe(1);
    expect(deployment.latency.counts[latencyBucketsSeconds.indexOf(2.5)]).toBe(1);
    const fast = recorder.models().get('fast')!;
    expect(fast.requests).toBe(2);
    expect([...fast.statuses]).toEqual([[200, 1], [500, 1]]);
    expect([...fast.failuresByClass.get('InternalServerError')!]).toEqual([[500, 1]]);
    expect(recorder.models().get('chat')!.requests).toBe(1);
  });

  it('times the answering provider call: whole call for JSON, first bytes for streams', () => {
    const recorder = new RequestRecorder(plan);
    recorder.record('a', 'chat', 'chat', 200, 100, served(gpt4o, undefined, { outcome: { group: 'chat', deployment: gpt4o, attemptedRetries: 0, attemptedFallbacks: 0, value: { upstreamMs: 90 } } }));
    recorder.record('b', 'chat', 'chat', 200, 900, served(gpt4o, undefined, { stream: true, outcome: { group: 'chat', deployment: gpt4o, attemptedRetries: 0, attemptedFallbacks: 0, value: { upstreamMs: 30 } } }));
    recorder.record('c', 'chat', 'chat', 200, 1, undefined, true);
    const totals = recorder.models().get('chat')!;
    expect(totals.latency.count).toBe(3);
    expect(totals.upstreamLatency.count).toBe(1);
    expect(totals.upstreamLatency.meanMs).toBeCloseTo(90, 9);
    expect(totals.timeToFirstToken.count).toBe(1);
    expect(totals.timeToFirstToken.meanMs).toBeCloseTo(30, 9);
    expect(recorder.recent().map((record) => record.upstreamMs)).toEqual([undefined, 30, 90]);
  });

  it('counts requested names the config does not define under one bounded label', () => {
    const recorder = new RequestRecorder(plan);
    for (let i = 0; i < 50; i++) recorder.record(`${i}`, 'chat', `random-${i}`, 400, 1, undefined);
    recorder.record('w', 'chat', 'team/gpt-4o-mini', 200, 1, undefined);
    recorder.record('id', 'chat', 'priced', 200, 1, undefined);
    recorder.record('none', 'chat', undefined, 400, 1, undefined);
    expect([...recorder.models().keys()]).toEqual([otherModelLabel, 'team/*', 'priced']);
    expect(recorder.models().get(otherModelLabel)!.requests).toBe(51);
  });

  it('counts failed upstream attempts against their deployment, but not aborts', () => {
    const recorder = new RequestRecorder(plan);
    const failure = new UpstreamFailure({ status: 503, message: 'overloaded', type: 'api_error', code: null, param: null, errorClass: 'ServiceUnavailableError', retryable: true });
    recorder.recordAttemptError(gpt4o, failure);
    recorder.recordAttemptError(gpt4o, Object.assign(new Error('aborted'), { name: 'AbortError' }));
    const totals = recorder.deployment(gpt4o.index)!;
    expect(totals.attemptFailures).toBe(1);
    expect(totals.lastStatus).toBe(503);
    expect([...totals.attemptFailuresByClass]).toEqual([['ServiceUnavailableError', 1]]);
    expect(totals.requests).toBe(0);
  });
});
