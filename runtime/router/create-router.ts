/**
 * The router: runs one request through LiteLLM's layers (reference §7.1):
 *   fallbacks (§7.8) → retries (§7.7) → select (§7.2–7.4) → slot and limits (§7.5) → attempt,
 * updating cooldowns (§7.9), usage, latency and in-flight state as it goes. Deviations from
 * LiteLLM are listed in the README's routing section.
 *
 * Streaming: `attempt` resolves at the first byte; from then on the response belongs to the
 * client and the router neither retries nor falls back — it only settles state.
 */
import type { Deployment, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import type { NormalizedError } from '../providers/adapter.ts';
import { createRouterState } from '../state/create-router-state.ts';
import { MemoryCooldowns } from '../state/memory/memory-cooldowns.ts';
import type { StateLogger } from '../state/redis/redis-link.ts';
import type { CooldownEntry, RouterState, UsageWindow } from '../state/router-state.ts';
import { ConcurrencyLimiter, parallelLimit } from './concurrency-limiter.ts';
import { DEFAULT_COOLDOWN_SECONDS, decideCooldown } from './cooldown-decision.ts';
import { FailureStats } from './failure-stats.ts';
import { fallbackListsFor, fallbackTargets, lookupEntry, type FallbackLists } from './fallback-lookup.ts';
import { loadStrategy } from './load-strategy.ts';
import { narrowCandidates, orderLevels } from './narrow-candidates.ts';
import { ModelResolver, type Resolution } from './resolve-model.ts';
import { decideRetry } from './retry-decision.ts';
import { allCoolingDown, contextWindowTooSmall, deploymentOverLimit, fallbacksFailed, invalidModel, mockFailure, noneUnderLimits } from './routing-errors.ts';
import { noStats, type CandidateStats, type RoutingStrategy } from './strategies/routing-strategy.ts';
import { RoutingError, UpstreamFailure, type AttemptInfo, type RoutedRequest, type RouteOutcome, type Router } from './types.ts';
import { pickWeighted } from './weighted-pick.ts';

/** What tests and embedders may inject; every field is optional. */
export interface RouterDependencies {
  /** Epoch milliseconds (tests inject a fake clock). */
  readonly now?: () => number;
  /** Uniform in [0, 1) (tests inject a seeded generator). */
  readonly random?: () => number;
  /** Waits before a retry; must reject when `signal` aborts (tests inject one that records). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Shared state to use instead of creating one from the plan (not closed by the router). */
  readonly state?: RouterState;
  readonly logger?: StateLogger;
  /** Environment for os.environ/ references in the Redis settings (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Identifies this instance in shared state (default: a random id). */
  readonly instanceId?: string;
  /** Prefix of Redis keys (default `litegate:`). */
  readonly keyPrefix?: string;
  /**
   * The strategy module, already imported (a bundle imports the one its config names
   * statically, see `strategyModules`); default: loaded by name.
   */
  readonly strategy?: RoutingStrategy;
}

/** Builds the router for a plan; connects to Redis when the plan configures it. */
export async function createRouter(plan: RoutingPlan, dependencies: RouterDependencies = {}): Promise<Router> {
  const now = dependencies.now ?? Date.now;
  const strategy = dependencies.strategy ?? (await loadStrategy(plan.router.strategy));
  if (strategy.name !== plan.router.strategy) throw new Error(`createRouter: the plan names routing_strategy '${plan.router.strategy}' but strategy '${strategy.name}' was given`);
  const args = plan.router.strategyArgs;
  const ownsState = dependencies.state === undefined;
  const state =
    dependencies.state ??
    (await createRouterState({
      now,
      ...(plan.router.redis ? { redis: plan.router.redis } : {}),
      ...(dependencies.env ? { env: dependencies.env } : {}),
      ...(dependencies.logger ? { logger: dependencies.logger } : {}),
      ...(dependencies.instanceId ? { instanceId: dependencies.instanceId } : {}),
      ...(dependencies.keyPrefix ? { keyPrefix: dependencies.keyPrefix } : {}),
      ...(positive(args['max_latency_list_size']) ? { maxLatencySamples: Number(args['max_latency_list_size']) } : {}),
      ...(positive(args['ttl']) && plan.router.strategy === 'latency-based-routing' ? { latencyTtlSeconds: Number(args['ttl']) } : {}),
    }));
  return new PlanRouter(plan, strategy, state, ownsState, {
    now,
    random: dependencies.random ?? Math.random,
    sleep: dependencies.sleep ?? sleep,
  });
}

interface Clocks {
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

type AttemptFunction = (deployment: Deployment, info: AttemptInfo) => Promise<unknown>;

/** One request's progress across hops. */
interface Run {
  readonly request: RoutedRequest;
  readonly attempt: AttemptFunction;
  readonly lists: FallbackLists;
  /** Fallback targets attempted so far (LiteLLM's max_fallbacks counter). */
  fallbacks: number;
  /** Retries made across all hops. */
  retries: number;
  /** A mock_testing_* switch still to fire (only at the first hop, as LiteLLM pops them). */
  mock: 'fallbacks' | 'context' | 'content-policy' | undefined;
  /** The last hard-limit refusal, reported if it leaves no deployment. */
  refusal?: { readonly kind: 'rpm' | 'tpm'; readonly limit: number; readonly current: number };
}

interface Hop {
  /** Order escalation: serve from exactly this order level. */
  readonly targetOrder?: number;
}

interface Selection {
  readonly deployment: Deployment;
  readonly usage?: UsageWindow | undefined;
}

class PlanRouter implements Router {
  readonly #plan: RoutingPlan;
  readonly #strategy: RoutingStrategy;
  readonly #state: RouterState;
  readonly #ownsState: boolean;
  readonly #clocks: Clocks;
  readonly #resolver: ModelResolver;
  readonly #failures: FailureStats;
  readonly #slots = new ConcurrencyLimiter();
  readonly #shapes = new WeakMap<readonly Deployment[], { readonly ids: readonly string[]; readonly rpmFilter: boolean; readonly readUsage: boolean }>();
  readonly #needsUsage: boolean;
  readonly #needsInFlight: boolean;
  readonly #needsLatency: boolean;
  /** usage-based-routing-v2 and enforce_model_rate_limits make rpm a hard, shared limit. */
  readonly #hardLimits: boolean;

  constructor(plan: RoutingPlan, strategy: RoutingStrategy, state: RouterState, ownsState: boolean, clocks: Clocks) {
    this.#plan = plan;
    this.#strategy = strategy;
    this.#state = state;
    this.#ownsState = ownsState;
    this.#clocks = clocks;
    this.#resolver = new ModelResolver(plan);
    this.#failures = new FailureStats(clocks.now);
    this.#needsUsage = strategy.needs.includes('usage');
    this.#needsInFlight = strategy.needs.includes('inFlight');
    this.#needsLatency = strategy.needs.includes('latency');
    this.#hardLimits = plan.router.strategy === 'usage-based-routing-v2' || plan.router.enforceModelRateLimits;
  }

  // Not an async function, nor is #withFallbacks: each async layer costs a promise and a
  // resume per request on the hot path; a rejection handler does the same job for free on success.
  execute<T>(request: RoutedRequest, attempt: (deployment: Deployment, info: AttemptInfo) => Promise<T>): Promise<RouteOutcome<T>> {
    let run: Run;
    try {
      run = {
        request,
        attempt,
        lists: fallbackListsFor(request.body, this.#plan.router),
        fallbacks: 0,
        retries: 0,
        mock: mockSwitch(request.body),
      };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#withFallbacks(run, request.model, noHop).then(undefined, (error: unknown) => {
      const normalized = normalizedOf(error);
      if (!normalized) throw error;
      throw new RoutingError(normalized, run.retries, run.fallbacks);
    }) as Promise<RouteOutcome<T>>;
  }

  coolingDown(ids: readonly string[]): Promise<ReadonlyMap<string, CooldownEntry>> {
    return this.#state.cooldowns.cooling(ids);
  }

  async close(): Promise<void> {
    if (this.#ownsState) await this.#state.close();
  }

  /** One hop: the group's retries, then its fallbacks (each target a full hop of its own). */
  #withFallbacks(run: Run, name: string, hop: Hop): Promise<RouteOutcome<unknown>> {
    return this.#withRetries(run, name, hop).then(undefined, (error: unknown) => this.#afterHopFailed(run, name, hop, error));
  }

  /** A hop failed: try its fallback targets in turn, or rethrow. */
  async #afterHopFailed(run: Run, name: string, hop: Hop, error: unknown): Promise<RouteOutcome<unknown>> {
    const original = normalizedOf(error);
    if (!original || run.request.signal.aborted || truthy(run.request.body['disable_fallbacks'])) throw error;
    const targets = this.#fallbacksFor(run, name, hop, original);
    if (targets.length === 0) throw error;
    if (run.fallbacks >= this.#plan.router.maxFallbacks) throw error;
    let last: NormalizedError | undefined;
    for (const target of targets) {
      if (target.name === name && target.hop.targetOrder === undefined) continue;
      run.fallbacks += 1;
      try {
        return await this.#withFallbacks(run, target.name, target.hop);
      } catch (fallbackError) {
        const normalized = normalizedOf(fallbackError);
        if (!normalized || run.request.signal.aborted) throw fallbackError;
        last = normalized;
      }
    }
    // LiteLLM raises the original error, annotated with what was tried.
    throw new RoutingError(
      fallbacksFailed(
        original,
        name,
        targets.map((target) => target.label),
        last,
      ),
    );
  }

  /**
   * Fallback targets of a failed hop: first the group's higher `order` tiers (LiteLLM 2026
   * order escalation; not for context-window / content-policy errors), then the configured
   * fallbacks for the error's kind.
   */
  #fallbacksFor(run: Run, name: string, hop: Hop, error: NormalizedError): { name: string; hop: Hop; label: string }[] {
    const targets: { name: string; hop: Hop; label: string }[] = [];
    // Tier hops only run their own retries; the first tier's hop owns the rest of the chain.
    if (hop.targetOrder !== undefined) return targets;
    if (error.errorClass !== 'ContextWindowExceededError' && error.errorClass !== 'ContentPolicyViolationError') {
      const resolution = this.#resolver.resolve(name);
      if (resolution && resolution.via !== 'id') {
        const levels = orderLevels(resolution.deployments);
        const tried = levels[0];
        for (const level of levels) if (tried !== undefined && level > tried) targets.push({ name, hop: { targetOrder: level }, label: `${name} (order ${level})` });
      }
    }
    const configured = fallbackTargets(run.lists, error, name, this.#resolver.aliasTarget(name)) ?? [];
    for (const target of configured) targets.push({ name: target, hop: {}, label: target });
    return targets;
  }

  /** Attempts within one group: select, call, and on failure maybe cool down and retry. */
  async #withRetries(run: Run, name: string, hop: Hop): Promise<RouteOutcome<unknown>> {
    const { request } = run;
    // LiteLLM reads specific_deployment for the requested name only, not for fallback hops.
    const specific = name === request.model && request.body['specific_deployment'] === true ? this.#resolver.resolveSpecific(name) : undefined;
    const resolution = specific ?? this.#resolver.resolve(name);
    if (!resolution) throw new RoutingError(invalidModel(name));
    if (run.mock) {
      const kind = run.mock;
      run.mock = undefined;
      throw new RoutingError(mockFailure(kind, name, this.#describeFallbacks(run, kind, name)));
    }
    const refused = new Set<string>();
    const failed = new Set<string>();
    const retriesAsked = requestRetries(request.body);
    let retriesDone = 0;
    for (;;) {
      // A client that went away gets no further upstream calls.
      if (request.signal.aborted) throw request.signal.reason;
      // The common case (one in-memory candidate, nothing cooling, no limits) selects and
      // admits without awaiting; anything else takes the general path.
      const { deployment, usage } = (failed.size === 0 && refused.size === 0 ? this.#selectAtOnce(resolution, hop) : undefined) ?? (await this.#select(run, resolution, refused, failed, hop));
      const limit = parallelLimit(deployment, this.#plan.router.defaultMaxParallelRequests);
      const release = limit === undefined ? noop : await this.#slots.acquire(deployment.id, limit, request.signal);
      if (!(this.#hardLimits ? await this.#admit(run, deployment, usage, refused) : this.#countRequest(deployment))) {
        release();
        continue;
      }
      if (this.#needsInFlight) this.#state.inFlight.increment(deployment.id);
      const started = this.#clocks.now();
      let value: unknown;
      try {
        value = await run.attempt(deployment, { group: name, attempt: retriesDone, signal: request.signal, blockedOutputFails: this.#blockedOutputFails(run, name) });
      } catch (error) {
        if (this.#needsInFlight) this.#state.inFlight.decrement(deployment.id);
        release();
        if (!(error instanceof UpstreamFailure) || request.signal.aborted) throw error;
        await this.#recordFailure(resolution, deployment, error.error);
        failed.add(deployment.id);
        const healthy = resolution.via === 'id' ? 1 : resolution.deployments.length - (await this.#state.cooldowns.cooling(resolution.deployments.map((d) => d.id))).size;
        const policy = this.#plan.router.modelGroupRetryPolicy?.[resolution.group] ?? this.#plan.router.retryPolicy;
        const answer = decideRetry(
          {
            error: error.error,
            retriesDone,
            ...(retriesAsked !== undefined ? { requestRetries: retriesAsked } : {}),
            ...(deployment.numRetries !== undefined ? { deploymentRetries: deployment.numRetries } : {}),
            routerRetries: this.#plan.router.numRetries,
            ...(policy ? { policy } : {}),
            groupSize: resolution.deployments.length,
            healthy,
            idAddressed: resolution.via === 'id',
            contextWindowFallbacksConfigured: run.lists.contextWindow !== undefined,
            contentPolicyFallbacksConfigured: run.lists.contentPolicy !== undefined,
            retryAfterSeconds: this.#plan.router.retryAfter,
          },
          this.#clocks.random,
        );
        if (!answer.retry) throw error;
        if (answer.delayMs > 0) await this.#clocks.sleep(answer.delayMs, request.signal);
        retriesDone += 1;
        run.retries += 1;
        continue;
      }
      return this.#outcome(run, resolution, deployment, value, started, release, retriesDone);
    }
  }

  /** Resolution → filters → strategy pick. Throws LiteLLM's errors when nothing is left. */
  async #select(run: Run, resolution: Resolution, refused: ReadonlySet<string>, failed: ReadonlySet<string>, hop: Hop): Promise<Selection> {
    const { request } = run;
    // A deployment id is served as is: no cooldown, filters or strategy (LiteLLM).
    if (resolution.via === 'id') {
      const only = resolution.deployments[0]!;
      if (refused.has(only.id)) throw this.#refusedError(run);
      return { deployment: only };
    }
    const deployments = resolution.deployments;
    const router = this.#plan.router;
    const { ids, rpmFilter, readUsage } = this.#shape(deployments);
    let cooling: ReadonlyMap<string, CooldownEntry>;
    let usage: readonly UsageWindow[] | undefined;
    if (readUsage) [cooling, usage] = await Promise.all([this.#state.cooldowns.cooling(ids), this.#state.usage.read(ids)]);
    else cooling = await this.#state.cooldowns.cooling(ids);
    const narrowed = narrowCandidates({
      deployments,
      cooling,
      refused,
      failed,
      inputTokens: request.inputTokens,
      preCallChecks: router.enablePreCallChecks,
      rpmFilter,
      ...(usage ? { usage } : {}),
      ...(hop.targetOrder !== undefined ? { targetOrder: hop.targetOrder } : {}),
    });
    switch (narrowed.emptiedBy) {
      case 'cooldown':
        throw new RoutingError(allCoolingDown(resolution.requested, cooling, router.enablePreCallChecks, router.cooldownTime || DEFAULT_COOLDOWN_SECONDS));
      case 'rate-limited':
        throw this.#refusedError(run);
      case 'context-window':
        throw new RoutingError(contextWindowTooSmall(deployments, request.inputTokens));
      case 'rpm':
        throw new RoutingError(noneUnderLimits(resolution.requested, deployments, usage ?? []));
      default:
        break;
    }
    const candidates = narrowed.candidates;
    if (candidates.length === 1 && this.#strategy.needs.length === 0) return { deployment: candidates[0]!, usage: narrowed.usage[0] };
    const stats = await this.#stats(resolution.group, candidates, narrowed.usage, request.stream);
    const weights = this.#strategy.weigh(candidates, stats, { inputTokens: request.inputTokens, stream: request.stream, args: router.strategyArgs });
    const index = pickWeighted(weights, this.#clocks.random);
    if (index < 0) throw new RoutingError(noneUnderLimits(resolution.requested, candidates, narrowed.usage));
    return { deployment: candidates[index]!, usage: narrowed.usage[index] };
  }

  /**
   * `#select` without awaiting, for the one case where it can't need anything asynchronous
   * and its result is certain: a single-deployment group (or id) on in-memory cooldowns that
   * is not cooling, no pre-call checks, no usage reads, no order escalation, and a strategy
   * that reads no stats. Undefined otherwise (the caller then runs `#select`).
   */
  #selectAtOnce(resolution: Resolution, hop: Hop): Selection | undefined {
    const deployments = resolution.deployments;
    if (deployments.length !== 1) return undefined;
    if (resolution.via === 'id') return { deployment: deployments[0]! };
    const cooldowns = this.#state.cooldowns;
    if (hop.targetOrder !== undefined || this.#plan.router.enablePreCallChecks || this.#strategy.needs.length > 0 || !(cooldowns instanceof MemoryCooldowns)) return undefined;
    const { ids, readUsage } = this.#shape(deployments);
    if (readUsage || cooldowns.coolingNow(ids).size > 0) return undefined;
    return { deployment: deployments[0]! };
  }

  /** Per candidate list (stable per group, or per wildcard match): ids and which reads it needs. */
  #shape(deployments: readonly Deployment[]): { readonly ids: readonly string[]; readonly rpmFilter: boolean; readonly readUsage: boolean } {
    let shape = this.#shapes.get(deployments);
    if (!shape) {
      const router = this.#plan.router;
      const rpmFilter = router.enablePreCallChecks && router.strategy !== 'usage-based-routing-v2' && deployments.some((d) => d.rpm !== undefined);
      const readUsage = this.#needsUsage || rpmFilter || (router.enforceModelRateLimits && deployments.some((d) => d.tpm !== undefined));
      shape = { ids: deployments.map((deployment) => deployment.id), rpmFilter, readUsage };
      this.#shapes.set(deployments, shape);
    }
    return shape;
  }

  /**
   * LiteLLM turns a content-filtered response into a ContentPolicyViolationError only when a
   * content-policy fallback would fire: an entry for the group when content_policy_fallbacks
   * is configured, else a `*` generic fallback. It looks at the router's lists only.
   */
  #blockedOutputFails(run: Run, name: string): boolean {
    if (run.request.stream || run.request.operation !== 'chat') return false;
    const router = this.#plan.router;
    if (router.contentPolicyFallbacks !== undefined) return lookupEntry(router.contentPolicyFallbacks, name) !== undefined;
    return (router.fallbacks?.['*']?.length ?? 0) > 0;
  }

  /** The 429 for a request whose last candidate a hard rpm/tpm limit refused. */
  #refusedError(run: Run): RoutingError {
    const refusal = run.refusal ?? { kind: 'rpm', limit: 0, current: 0 };
    return new RoutingError(deploymentOverLimit(refusal.kind, refusal.limit, refusal.current, this.#plan.router.enforceModelRateLimits));
  }

  async #stats(group: string, candidates: readonly Deployment[], usage: readonly (UsageWindow | undefined)[], stream: boolean): Promise<CandidateStats> {
    if (!this.#needsInFlight && !this.#needsLatency) return usage.length > 0 ? { ...noStats, usage } : noStats;
    const ids = candidates.map((deployment) => deployment.id);
    const [inFlight, latency, timeToFirstToken] = await Promise.all([
      this.#needsInFlight ? this.#state.inFlight.read(ids) : noStats.inFlight,
      this.#needsLatency ? this.#state.latency.read(group, ids, 'latency') : noStats.latency,
      this.#needsLatency && stream ? this.#state.latency.read(group, ids, 'ttft') : noStats.timeToFirstToken,
    ]);
    return { inFlight, latency, timeToFirstToken, usage };
  }


  /**
   * Hard limits at call time (usage-based-routing-v2, enforce_model_rate_limits): tpm is
   * best effort (refused once this minute's tokens reach it), rpm is exact across instances
   * (an atomic check-and-count). A refused deployment is skipped for the rest of this
   * request; LiteLLM instead raises a 429 for it and lets the retry loop re-pick.
   */
  async #admit(run: Run, deployment: Deployment, usage: UsageWindow | undefined, refused: Set<string>): Promise<boolean> {
    const router = this.#plan.router;
    if (this.#hardLimits) {
      if (router.enforceModelRateLimits && deployment.tpm !== undefined && usage && usage.tokens >= deployment.tpm) {
        refused.add(deployment.id);
        run.refusal = { kind: 'tpm', limit: deployment.tpm, current: usage.tokens };
        return false;
      }
      if (deployment.rpm !== undefined) {
        const admission = await this.#state.usage.acquireRequest(deployment.id, deployment.rpm);
        if (!admission.admitted) {
          refused.add(deployment.id);
          run.refusal = { kind: 'rpm', limit: deployment.rpm, current: admission.requests };
          return false;
        }
        return true;
      }
    }
    return this.#countRequest(deployment);
  }

  /** Admission without hard limits: always admitted; counts the request where usage is read. */
  #countRequest(deployment: Deployment): true {
    if (this.#countsUsage(deployment)) void this.#state.usage.acquireRequest(deployment.id);
    return true;
  }

  /** Whether anything reads this deployment's rpm/tpm windows. */
  #countsUsage(deployment: Deployment): boolean {
    if (this.#needsUsage) return true;
    const router = this.#plan.router;
    return (router.enablePreCallChecks || router.enforceModelRateLimits) && (deployment.rpm !== undefined || deployment.tpm !== undefined);
  }

  async #recordFailure(resolution: Resolution, deployment: Deployment, error: NormalizedError): Promise<void> {
    const router = this.#plan.router;
    if (this.#needsLatency && (error.errorClass === 'Timeout' || error.status === 408)) {
      // LiteLLM's penalty for a timeout: a 1000 s sample pushes the deployment to the back.
      this.#state.latency.record(resolution.group, deployment.id, 'latency', 1000);
    }
    const counts = this.#failures.recordFailure(deployment.id, (router.cooldownTime || DEFAULT_COOLDOWN_SECONDS) * 1000);
    const groupSize = resolution.via === 'id' ? this.#resolver.groupDeployments(deployment.group).length : resolution.deployments.length;
    const seconds = decideCooldown({ error, deployment, groupSize, router, ...counts });
    if (seconds <= 0) return;
    this.#failures.reset(deployment.id);
    await this.#state.cooldowns.coolDown(deployment.id, {
      until: this.#clocks.now() + seconds * 1000,
      seconds,
      status: error.status,
      reason: error.message.slice(0, 50),
    });
  }

  #outcome(run: Run, resolution: Resolution, deployment: Deployment, value: unknown, started: number, release: () => void, retriesDone: number): RouteOutcome<unknown> {
    const { request } = run;
    const firstByte = this.#clocks.now();
    this.#failures.recordSuccess(deployment.id);
    if (this.#needsLatency && request.stream) this.#state.latency.record(resolution.group, deployment.id, 'ttft', (firstByte - started) / 1000);
    let settled = false;
    return {
      value,
      deployment,
      group: resolution.requested,
      attemptedRetries: retriesDone,
      attemptedFallbacks: run.fallbacks,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        if (this.#needsInFlight) this.#state.inFlight.decrement(deployment.id);
        release();
        const tokens = (outcome.promptTokens ?? request.inputTokens) + (outcome.completionTokens ?? 0);
        if (this.#countsUsage(deployment)) this.#state.usage.addTokens(deployment.id, tokens);
        if (outcome.failed) {
          // The stream broke after the first byte: nothing to retry, but it counts against the deployment.
          void this.#recordFailure(resolution, deployment, streamBroke(deployment)).catch(() => {});
          return;
        }
        if (this.#needsLatency) {
          const end = request.stream ? this.#clocks.now() : firstByte;
          const seconds = (end - started) / 1000;
          const completion = outcome.completionTokens ?? 0;
          this.#state.latency.record(resolution.group, deployment.id, 'latency', completion > 0 ? seconds / completion : seconds);
        }
      },
    };
  }

  /** The fallback list a mock switch names in its message, as LiteLLM prints it. */
  #describeFallbacks(run: Run, kind: 'fallbacks' | 'context' | 'content-policy', name: string): string {
    const map = kind === 'context' ? run.lists.contextWindow : kind === 'content-policy' ? run.lists.contentPolicy : run.lists.generic;
    const targets = run.lists.direct ?? lookupEntry(map, name);
    return targets ? `[${targets.map((target) => `'${target}'`).join(', ')}]` : 'None';
  }
}

const noHop: Hop = Object.freeze({});

function noop(): void {}

function normalizedOf(error: unknown): NormalizedError | undefined {
  if (error instanceof RoutingError || error instanceof UpstreamFailure) return error.error;
  return undefined;
}

function streamBroke(deployment: Deployment): NormalizedError {
  return {
    status: 500,
    message: `stream from deployment ${deployment.id} ended early`,
    type: 'internal_server_error',
    code: '500',
    param: null,
    errorClass: 'InternalServerError',
    retryable: true,
  };
}

/** Body `num_retries`, when it is a non-negative integer. */
function requestRetries(body: Readonly<Record<string, unknown>>): number | undefined {
  const value = body['num_retries'];
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** LiteLLM parses string values of its test switches as booleans. */
function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

function mockSwitch(body: Readonly<Record<string, unknown>>): Run['mock'] {
  if (truthy(body['mock_testing_fallbacks'])) return 'fallbacks';
  if (truthy(body['mock_testing_context_fallbacks'])) return 'context';
  if (truthy(body['mock_testing_content_policy_fallbacks'])) return 'content-policy';
  return undefined;
}

function positive(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
