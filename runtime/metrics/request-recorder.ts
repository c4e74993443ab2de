/**
 * What the proxy remembers about the requests it served, for the dashboard (`/ui`) and
 * `/metrics`: a ring buffer of the latest requests and running totals per deployment and
 * per requested model. Records hold routing facts only (model, deployment, status,
 * latency, tokens, cost, retries, error class), never request or response content, keys or
 * client addresses.
 *
 * Hot-path cost: one short-lived record object per request, copied into a preallocated
 * column ring (recent-requests.ts); totals are updated in place. Everything else (JSON,
 * Prometheus text) is built when asked for.
 */
import type { Deployment, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import type { Operation, Usage } from '../providers/adapter.ts';
import { usageCost } from '../server/usage-cost.ts';
import { ModelLabels } from './model-labels.ts';
import { RecentRequests } from './recent-requests.ts';
import { UsageAggregate } from './usage-aggregate.ts';

/** One served request, as the dashboard lists it. */
export interface RequestRecord {
  /** Epoch ms when the response completed. */
  readonly time: number;
  /** x-litellm-call-id of the response (correlates with the request log line). */
  readonly callId: string;
  readonly operation: Operation;
  readonly stream: boolean;
  /** `model` as the client sent it (cut to 200 characters), undefined when absent. */
  readonly model: string | undefined;
  /** The group that answered (differs from `model` for aliases and fallbacks). */
  readonly group: string | undefined;
  readonly deploymentId: string | undefined;
  readonly provider: string | undefined;
  /** HTTP status sent to the client (499: the client went away first). */
  readonly status: number;
  readonly latencyMs: number;
  /** Upstream time of the attempt that answered: the whole call, or to its first bytes for a stream. */
  readonly upstreamMs: number | undefined;
  readonly promptTokens: number | undefined;
  readonly completionTokens: number | undefined;
  /** USD, when the deployment has a price (see deployment-price.ts) and the response reported usage. */
  readonly cost: number | undefined;
  readonly retries: number;
  readonly fallbacks: number;
  /**
   * Set when it failed: the LiteLLM error class from the router, else a class named after
   * the status for errors the proxy raised itself (400 → BadRequestError …), or the OpenAI
   * error type of an error sent inside a started stream.
   */
  readonly error: string | undefined;
  /** Answered from the response cache (no deployment was called). */
  readonly cacheHit: boolean;
}

/**
 * The parts of the request handler's exchange the recorder reads. The handler's Exchange
 * satisfies it structurally, so the hot path hands itself over without copying.
 */
export interface RecordedExchange {
  readonly stream: boolean;
  readonly outcome?:
    | {
        readonly group: string;
        readonly deployment: Deployment;
        readonly attemptedRetries: number;
        readonly attemptedFallbacks: number;
        readonly value: { readonly upstreamMs: number };
      }
    | undefined;
  readonly usage?: Usage | undefined;
  /** LiteLLM class of a failure before the response started. */
  readonly errorClass: string | undefined;
  /** OpenAI error type of an error sent inside an already started stream. */
  readonly streamError?: string | undefined;
  /** Counts carried by a routing failure (no outcome then). */
  readonly attemptedRetries?: number | undefined;
  readonly attemptedFallbacks?: number | undefined;
}

/** Default number of recent requests kept. */
export const defaultRecentRequests = 500;

const maxModelLength = 200;

// Names for failures the proxy raises itself (no upstream class), by status.
const proxyErrorClasses: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  404: 'NotFoundError',
  413: 'RequestTooLargeError',
  429: 'RateLimitError',
  499: 'ClientDisconnectedError',
  500: 'InternalServerError',
};

/** Ring buffer of recent requests plus totals per deployment and per requested model. */
export class RequestRecorder {
  readonly #ring: RecentRequests;
  readonly #labels: ModelLabels;
  /** Totals by Deployment.index. */
  readonly #deployments: UsageAggregate[];
  /** Totals by requested-model label (bounded, see ModelLabels). */
  readonly #models = new Map<string, UsageAggregate>();
  /** Epoch ms when the recorder started (the proxy's start). */
  readonly startedAt: number;
  readonly #now: () => number;

  constructor(plan: RoutingPlan, options: { readonly capacity?: number; readonly now?: () => number } = {}) {
    const capacity = Math.max(1, Math.floor(options.capacity ?? defaultRecentRequests));
    this.#ring = new RecentRequests(capacity);
    this.#labels = new ModelLabels(plan);
    this.#deployments = plan.deployments.map(() => new UsageAggregate());
    this.#now = options.now ?? Date.now;
    this.startedAt = this.#now();
  }

  /** How many recent requests are kept. */
  get capacity(): number {
    return this.#ring.capacity;
  }

  /** Requests recorded since start (including ones the ring has dropped). */
  get total(): number {
    return this.#ring.total;
  }

  /**
   * Records one finished request and returns the record (the key store charges its cost to
   * the virtual key); undefined if recording failed. Never throws (a recording bug must not
   * fail a request).
   */
  record(callId: string, operation: Operation, model: string | undefined, status: number, latencyMs: number, exchange: RecordedExchange | undefined, cacheHit = false): RequestRecord | undefined {
    try {
      const outcome = exchange?.outcome;
      const deployment = outcome?.deployment;
      const usage = exchange?.usage;
      // The same figure as x-litellm-response-cost, so key spend matches the header.
      const cost = deployment === undefined ? undefined : usageCost(deployment, usage);
      const failed = status >= 400 || exchange?.streamError !== undefined;
      const error = failed ? (exchange?.errorClass ?? exchange?.streamError ?? proxyErrorClasses[status] ?? 'APIError') : undefined;
      const time = this.#now();
      const stream = exchange?.stream ?? false;
      const upstreamMs = outcome?.value.upstreamMs;
      const label = this.#labels.labelOf(model);
      const record: RequestRecord = {
        time,
        callId,
        operation,
        stream,
        // A configured name is kept as the plan's own string, not the request's copy of it.
        model: model === label ? label : model !== undefined && model.length > maxModelLength ? model.slice(0, maxModelLength) : model,
        group: outcome?.group,
        deploymentId: deployment?.id,
        provider: deployment?.provider,
        status,
        latencyMs,
        upstreamMs,
        promptTokens: usage?.prompt_tokens,
        completionTokens: usage?.completion_tokens,
        cost,
        retries: outcome?.attemptedRetries ?? exchange?.attemptedRetries ?? 0,
        fallbacks: outcome?.attemptedFallbacks ?? exchange?.attemptedFallbacks ?? 0,
        error,
        cacheHit,
      };
      this.#ring.push(record);
      const seconds = latencyMs / 1000;
      const upstreamSeconds = upstreamMs === undefined ? undefined : upstreamMs / 1000;
      const prompt = usage?.prompt_tokens ?? 0;
      const completion = usage?.completion_tokens ?? 0;
      let byModel = this.#models.get(label);
      if (byModel === undefined) this.#models.set(label, (byModel = new UsageAggregate()));
      byModel.addRequest(time, status, seconds, prompt, completion, cost ?? 0, error, upstreamSeconds, stream);
      if (deployment !== undefined) this.#deployments[deployment.index]?.addRequest(time, status, seconds, prompt, completion, cost ?? 0, error, upstreamSeconds, stream);
      return record;
    } catch {
      // Recording is best effort; the response has been sent already.
      return undefined;
    }
  }

  /**
   * Counts one failed upstream attempt against the deployment it went to. `error` is what
   * the attempt threw: an UpstreamFailure (recognised by name, carrying the normalised
   * error) counts; an abort (the client left) does not.
   */
  recordAttemptError(deployment: Deployment, error: unknown): void {
    const failure = error as { name?: unknown; error?: { status?: unknown; errorClass?: unknown } } | null;
    if (failure === null || typeof failure !== 'object' || failure.name !== 'UpstreamFailure') return;
    const status = typeof failure.error?.status === 'number' ? failure.error.status : 500;
    const errorClass = typeof failure.error?.errorClass === 'string' ? failure.error.errorClass : 'APIError';
    this.#deployments[deployment.index]?.addAttemptFailure(this.#now(), status, errorClass);
  }

  /** The latest records, newest first, at most `limit`. */
  recent(limit = this.#ring.capacity): RequestRecord[] {
    return this.#ring.latest(limit);
  }

  /** Totals of a deployment (by Deployment.index). */
  deployment(index: number): UsageAggregate | undefined {
    return this.#deployments[index];
  }

  /** Totals per requested-model label, in first-seen order. */
  models(): ReadonlyMap<string, UsageAggregate> {
    return this.#models;
  }
}
