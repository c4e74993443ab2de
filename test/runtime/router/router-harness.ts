/** Drives a real router with a fake clock, seeded randomness, recorded sleeps and scripted upstreams. */
import type { Deployment } from '../../../compiler/plan/routing-plan.ts';
import type { NormalizedError } from '../../../runtime/providers/adapter.ts';
import { createRouter } from '../../../runtime/router/create-router.ts';
import { UpstreamFailure, type AttemptInfo, type RoutedRequest, type Router } from '../../../runtime/router/types.ts';
import { createMemoryState } from '../../../runtime/state/memory/create-memory-state.ts';
import type { RouterState } from '../../../runtime/state/router-state.ts';
import { seededRandom } from '../../../fixtures/simulator/seeded-random.ts';
import { buildPlan, fakeClock, type PlanSpec } from './plan-builder.ts';

/** What a scripted upstream does on one call: answer, or fail with an error. */
export type Reply = 'ok' | NormalizedError;

/** A NormalizedError as an adapter would produce it. */
export function upstreamError(status: number, errorClass: string, extra: Partial<NormalizedError> = {}): NormalizedError {
  return { status, message: `${errorClass}: upstream said ${status}`, type: 'api_error', code: String(status), param: null, errorClass, retryable: status >= 500 || status === 429, ...extra };
}

/** The upstream errors the tests script. */
export const errors = {
  serverError: () => upstreamError(500, 'InternalServerError'),
  rateLimited: (retryAfterMs?: number) => upstreamError(429, 'RateLimitError', retryAfterMs === undefined ? {} : { retryAfterMs }),
  badRequest: () => upstreamError(400, 'BadRequestError'),
  notFound: () => upstreamError(404, 'NotFoundError'),
  unauthorized: () => upstreamError(401, 'AuthenticationError'),
  contextWindow: () => upstreamError(400, 'ContextWindowExceededError'),
  contentPolicy: () => upstreamError(400, 'ContentPolicyViolationError'),
  timeout: () => upstreamError(408, 'Timeout'),
};

/** One recorded attempt. */
export interface Call {
  readonly deployment: string;
  readonly upstreamModel: string;
  readonly group: string;
  readonly attempt: number;
  readonly at: number;
}

/** Scripted replies, seed and state for a harness. */
export interface HarnessOptions {
  /** Per deployment id: replies in order; the last one repeats. Default: always 'ok'. */
  readonly script?: Readonly<Record<string, readonly Reply[]>>;
  readonly seed?: number;
  readonly state?: RouterState;
}

/** A router over a plan built from `spec`, with everything recorded. */
export async function harness(spec: PlanSpec, options: HarnessOptions = {}) {
  const clock = fakeClock();
  const sleeps: number[] = [];
  const calls: Call[] = [];
  const plan = buildPlan(spec);
  const state = options.state ?? createMemoryState({ now: clock.now });
  const router: Router = await createRouter(plan, {
    now: clock.now,
    random: seededRandom(options.seed ?? 1),
    state,
    // A fake sleep: the clock jumps instead of the test waiting.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  const counters = new Map<string, number>();
  const script = { ...options.script };
  const attempt = async (deployment: Deployment, info: AttemptInfo) => {
    calls.push({ deployment: deployment.id, upstreamModel: deployment.upstreamModel, group: info.group, attempt: info.attempt, at: clock.now() });
    const replies = script[deployment.id] ?? ['ok'];
    const index = counters.get(deployment.id) ?? 0;
    counters.set(deployment.id, index + 1);
    const reply = replies[Math.min(index, replies.length - 1)]!;
    if (reply !== 'ok') throw new UpstreamFailure(reply);
    return `answer from ${deployment.id}`;
  };
  const send = (model: string, extra: Partial<RoutedRequest> & { body?: Record<string, unknown> } = {}) =>
    router.execute(
      {
        model,
        operation: 'chat',
        stream: false,
        inputTokens: 10,
        signal: new AbortController().signal,
        ...extra,
        body: { model, ...extra.body },
      },
      attempt,
    );
  /** Sends and settles; returns the outcome or the RoutingError. */
  const request = async (model: string, extra: Partial<RoutedRequest> & { body?: Record<string, unknown> } = {}) => {
    try {
      const outcome = await send(model, extra);
      outcome.settle({ promptTokens: 10, completionTokens: 5 });
      return outcome;
    } catch (error) {
      return error as Error;
    }
  };
  const setScript = (id: string, replies: readonly Reply[]) => {
    script[id] = replies;
    counters.set(id, 0);
  };
  return { router, plan, clock, sleeps, calls, state, send, request, setScript, attempt };
}
