/**
 * What a routing strategy is: a pure function from candidates and their current statistics
 * to pick weights. The router draws the pick from the weights with the injected random
 * source (weighted-pick.ts); `explain` prints the same weights as probabilities. A
 * deterministic strategy gives weight 1 to one candidate. One module per strategy,
 * loaded by name (load-strategy.ts), so a bundle carries only the one its config names.
 */
import type { Deployment, RoutingStrategyName } from '../../../compiler/plan/routing-plan.ts';
import type { UsageWindow } from '../../state/router-state.ts';

/**
 * Statistics the router fetched for the candidates, index-aligned with them. Lists a
 * strategy does not need may be empty; read entries with a default (`?? 0`, `?? []`).
 */
export interface CandidateStats {
  /** Requests in flight (filled when the strategy needs `inFlight`). */
  readonly inFlight: readonly number[];
  /** Recent latency samples in seconds, newest first (when it needs `latency`). */
  readonly latency: readonly (readonly number[])[];
  /** Recent time-to-first-token samples in seconds (when it needs `latency`). */
  readonly timeToFirstToken: readonly (readonly number[])[];
  /** rpm/tpm in the current sliding minute (when it needs `usage`; undefined = nothing counted). */
  readonly usage: readonly (UsageWindow | undefined)[];
}

/** The parts of the request a strategy may weigh. */
export interface StrategyRequest {
  /** Token estimate of the input. */
  readonly inputTokens: number;
  readonly stream: boolean;
  /** routing_strategy_args from router_settings. */
  readonly args: Readonly<Record<string, unknown>>;
}

/** A kind of live statistic a strategy reads. */
export type StatNeed = 'inFlight' | 'latency' | 'usage';

/** One routing strategy (the default export of each module under strategies/). */
export interface RoutingStrategy {
  readonly name: RoutingStrategyName;
  /** Which statistics `weigh` reads; the router fetches only these. */
  readonly needs: readonly StatNeed[];
  /**
   * A non-negative weight per candidate (same order). All zero means no candidate is
   * eligible (e.g. every one is over its rpm/tpm), which the router reports as LiteLLM's 429.
   */
  weigh(candidates: readonly Deployment[], stats: CandidateStats, request: StrategyRequest): number[];
}

/** No statistics at all: what a fresh router, or `explain`, sees (shared, never mutated). */
export const noStats: CandidateStats = Object.freeze({ inFlight: [], latency: [], timeToFirstToken: [], usage: [] });

/** Empty statistics for `count` candidates, every entry present (for tests that override some). */
export function emptyStats(count: number): CandidateStats {
  return {
    inFlight: new Array<number>(count).fill(0),
    latency: Array.from({ length: count }, () => []),
    timeToFirstToken: Array.from({ length: count }, () => []),
    usage: Array.from({ length: count }, () => ({ requests: 0, tokens: 0 })),
  };
}

/**
 * True when this request would put the candidate over its tpm or rpm in the current window
 * (the selection-time filter of latency-, cost- and usage-based routing). LiteLLM's v1 uses
 * `used_rpm + 1 >= rpm`, which refuses the limit's last request; this uses `>`.
 */
export function overLimits(deployment: Deployment, usage: UsageWindow | undefined, inputTokens: number): boolean {
  if (!usage) return false;
  if (deployment.tpm !== undefined && usage.tokens + inputTokens > deployment.tpm) return true;
  if (deployment.rpm !== undefined && usage.requests + 1 > deployment.rpm) return true;
  return false;
}
