/**
 * Everything a request handler needs, built once at startup and shared (read-only) by all
 * requests: the frozen plan, resolved targets by deployment index, loaded adapters, the
 * router, the upstream client, auth, the model directory and the logger.
 */
import type { Logger } from 'pino';
import type { AdapterKind, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import type { AdapterTarget, ProviderAdapter } from '../providers/adapter.ts';
import type { Router } from '../router/types.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { UpstreamClient } from '../upstream/upstream-client.ts';
import type { DynamicTargets } from '../secrets/dynamic-targets.ts';
import type { RequestRecorder } from '../metrics/request-recorder.ts';
import type { VirtualKeys } from '../store/virtual-keys.ts';
import type { Authenticator } from './authenticate.ts';
import type { HealthMonitor } from './handle-health.ts';
import type { ModelDirectory } from './model-directory.ts';

/** Shared state of one running proxy. */
export interface ProxyRuntime {
  readonly plan: RoutingPlan;
  /** Resolved targets, indexed by Deployment.index. */
  readonly targets: readonly (AdapterTarget | undefined)[];
  /** Timeouts read from `os.environ/` references, per Deployment.index (see resolve-targets). */
  readonly envTimeouts: readonly ({ readonly timeout?: number; readonly streamTimeout?: number } | undefined)[];
  /** router_settings `timeout` / `stream_timeout` read from `os.environ/` references; absent when none. */
  readonly routerTimeouts?: { readonly timeout?: number; readonly streamTimeout?: number };
  /** `x-litellm-model-api-base` per Deployment.index (query stripped). */
  readonly apiBaseHeaders: readonly (string | undefined)[];
  readonly adapters: ReadonlyMap<AdapterKind, ProviderAdapter>;
  readonly router: Router;
  readonly upstream: UpstreamClient;
  readonly auth: Authenticator;
  readonly models: ModelDirectory;
  readonly logger: Logger;
  /** Request body limit in bytes. */
  readonly maxBodyBytes: number;
  /** Reported by /health/readiness. */
  readonly version: string;
  /** LLM requests being served now (for general_settings.global_max_parallel_requests). */
  readonly inFlight: { count: number };
  /** Per-request provider resolution for `model: "*"` deployments, when the plan has any. */
  readonly dynamicTargets?: DynamicTargets;
  /** Response cache (litellm_settings.cache / router_settings.cache_responses), when on. */
  readonly responseCache?: ResponseCache;
  /** Background health checks (general_settings.background_health_checks), when on. */
  readonly healthMonitor?: HealthMonitor;
  /** Recent requests and usage totals for /ui and /metrics (runtime/metrics); absent = not recorded. */
  readonly recorder?: RequestRecorder;
  /** Virtual keys, budgets and spend (runtime/store), when a database URL is set; absent = master key only. */
  readonly keys?: VirtualKeys;
}
