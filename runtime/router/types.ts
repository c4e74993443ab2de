/**
 * The contract between the HTTP server and the router. The server parses the request,
 * then hands the router a function that performs ONE upstream attempt against a given
 * deployment; the router decides which deployments to try, in what order, with what
 * retries, fallbacks and cooldowns, and keeps usage/latency/in-flight state.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { NormalizedError, Operation } from '../providers/adapter.ts';
import type { CooldownEntry } from '../state/router-state.ts';

export interface RoutedRequest {
  /** The `model` the client sent (group, alias, deployment id, or wildcard match). */
  readonly model: string;
  readonly operation: Operation;
  readonly stream: boolean;
  /** Token estimate of the input (for tpm and context-window checks). */
  readonly inputTokens: number;
  /** The parsed request body (read for num_retries, fallbacks, mock_testing_* switches). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Aborted when the client disconnects. */
  readonly signal: AbortSignal;
}

/** Thrown by an attempt when the upstream call failed; carries the normalised error. */
export class UpstreamFailure extends Error {
  readonly error: NormalizedError;
  constructor(error: NormalizedError) {
    super(error.message);
    this.name = 'UpstreamFailure';
    this.error = error;
  }
}

/** Thrown by the router itself: unknown model (400), everything cooling down (429), … */
export class RoutingError extends Error {
  readonly error: NormalizedError;
  readonly attemptedRetries: number;
  readonly attemptedFallbacks: number;
  constructor(error: NormalizedError, attemptedRetries = 0, attemptedFallbacks = 0) {
    super(error.message);
    this.name = 'RoutingError';
    this.error = error;
    this.attemptedRetries = attemptedRetries;
    this.attemptedFallbacks = attemptedFallbacks;
  }
}

export interface AttemptInfo {
  /** The model group being tried (differs from request.model during fallbacks). */
  readonly group: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  /**
   * True when a complete (non-streaming) chat response whose first choice ended with
   * `finish_reason: "content_filter"`, or that has no choices, should count as a failure:
   * the attempt then throws UpstreamFailure with errorClass 'ContentPolicyViolationError'
   * ("Response output was blocked.") so content-policy fallbacks run (LiteLLM does this
   * when a content-policy fallback would fire for the group). Optional; absent = false.
   */
  readonly blockedOutputFails?: boolean;
}

/** Called once the response is complete (stream ended or body sent), to settle state. */
export interface Settle {
  (outcome: { readonly promptTokens?: number; readonly completionTokens?: number; readonly failed?: boolean }): void;
}

export interface RouteOutcome<T> {
  readonly value: T;
  readonly deployment: Deployment;
  readonly group: string;
  readonly attemptedRetries: number;
  readonly attemptedFallbacks: number;
  /** Must be called exactly once when the response to the client is complete. */
  readonly settle: Settle;
}

export interface Router {
  /**
   * Routes one request. `attempt` performs one upstream call and resolves once the upstream
   * answered successfully (for streams: once the first event arrived, so failures before
   * the first byte can still be retried); it throws UpstreamFailure otherwise.
   * Rejects with RoutingError or the last UpstreamFailure.
   */
  execute<T>(request: RoutedRequest, attempt: (deployment: Deployment, info: AttemptInfo) => Promise<T>): Promise<RouteOutcome<T>>;
  /**
   * The deployments among `ids` cooling down now, with status, reason and deadline (read by
   * the dashboard and /metrics; shared across instances when the state is in Redis).
   * Optional: a router without cooldowns may leave it out.
   */
  coolingDown?(ids: readonly string[]): Promise<ReadonlyMap<string, CooldownEntry>>;
  /** Releases timers and connections (Redis). */
  close(): Promise<void>;
}
