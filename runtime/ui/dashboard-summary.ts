/**
 * The JSON behind the dashboard: models and their deployments with state (cooldowns,
 * background health, latest failures), usage and cost per deployment and per requested
 * model, and the proxy settings a user checks first. Built from what the runtime already
 * holds (the plan, /model/info's public params, the health monitor's latest round, the
 * router's cooldowns, the request recorder); it never probes a provider. No secrets: keys
 * stay out, as in /model/info.
 */
import type { VirtualKeys } from '../store/virtual-keys.ts';
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import { deploymentStatuses, type DeploymentStatus } from '../metrics/deployment-status.ts';
import { metricsAccess } from '../metrics/metrics-access.ts';
import { priceOf } from '../metrics/deployment-price.ts';
import type { UsageAggregate } from '../metrics/usage-aggregate.ts';
import { publicParams } from '../server/model-directory.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';

const stateNames = ['healthy', 'degraded', 'outage'] as const;

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function deploymentJson(runtime: ProxyRuntime, status: DeploymentStatus): object {
  const deployment: Deployment = status.deployment;
  const params = publicParams(deployment);
  const price = priceOf(deployment);
  return {
    id: deployment.id,
    provider: deployment.provider,
    model: params.model,
    api_base: runtime.apiBaseHeaders[deployment.index] ?? null,
    mode: deployment.mode,
    rpm: deployment.rpm ?? null,
    tpm: deployment.tpm ?? null,
    weight: deployment.weight ?? null,
    order: deployment.order ?? null,
    input_cost_per_token: price?.price.input ?? null,
    output_cost_per_token: price?.price.output ?? null,
    price_source: price?.source ?? null,
    state: stateNames[status.state],
    health: status.health
      ? { status: status.health.healthy ? 'healthy' : 'unhealthy', error: status.health.error ?? null, checked_at: iso(status.health.at) }
      : { status: 'unknown', error: null, checked_at: null },
    cooldown: status.cooldown
      ? { until: iso(status.cooldown.until), seconds: status.cooldown.seconds, status: status.cooldown.status, reason: status.cooldown.reason }
      : null,
    usage: status.usage?.toJSON() ?? null,
  };
}

function totals(models: Iterable<UsageAggregate>): object {
  let requests = 0;
  let failures = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let cost = 0;
  for (const usage of models) {
    requests += usage.requests;
    failures += usage.failures;
    promptTokens += usage.promptTokens;
    completionTokens += usage.completionTokens;
    cost += usage.cost;
  }
  return { requests, failures, prompt_tokens: promptTokens, completion_tokens: completionTokens, cost };
}

// ── virtual keys (runtime/store) ──
/** Keys shown on the dashboard: the newest ones, with what the proxy has charged them. */
const dashboardKeyLimit = 50;

/** The keys panel when the key store is on: the newest keys (hash prefix and `sk-...abcd` only, never a key). */
async function virtualKeysPanel(keys: VirtualKeys): Promise<object> {
  try {
    const { keys: records, total } = await keys.list({ offset: 0, limit: dashboardKeyLimit });
    return {
      available: true,
      database_url_configured: true,
      message: `${total} virtual key(s) in PostgreSQL (${keys.settings.databaseName}); manage them with POST /key/generate, /key/update, /key/delete and /key/block (master key).`,
      total,
      keys: records.map((record) => ({
        key_name: record.keyName,
        key_alias: record.keyAlias,
        token_prefix: record.token.slice(0, 12),
        spend: record.spend + keys.queue.pendingSpend(record.token),
        max_budget: record.maxBudget,
        budget_reset_at: record.budgetResetAt?.toISOString() ?? null,
        models: record.models,
        rpm_limit: record.rpmLimit,
        tpm_limit: record.tpmLimit,
        blocked: record.blocked,
        expires: record.expires?.toISOString() ?? null,
      })),
    };
  } catch (error) {
    return {
      available: true,
      database_url_configured: true,
      message: `The virtual-key database (${keys.settings.databaseName}) is unavailable: ${error instanceof Error ? error.message : String(error)}`,
      total: null,
      keys: [],
    };
  }
}
// ── end virtual keys ──

/** GET /ui/api/summary. */
export async function dashboardSummary(runtime: ProxyRuntime, now: number = Date.now()): Promise<object> {
  const plan = runtime.plan;
  const statuses = await deploymentStatuses(runtime);
  const groupNames = [...new Set([...Object.keys(plan.groups), ...plan.wildcards.map((group) => group.name)])];
  const groups = groupNames.map((name) => {
    const indices = plan.groups[name]?.deployments ?? plan.wildcards.find((group) => group.name === name)?.deployments ?? [];
    return { name, wildcard: name.includes('*'), deployments: indices.map((index) => deploymentJson(runtime, statuses[index]!)) };
  });
  const models = runtime.recorder?.models() ?? new Map<string, UsageAggregate>();
  const startedAt = runtime.recorder?.startedAt ?? now;
  const databaseConfigured = plan.auth.databaseUrl !== undefined;
  const credential = runtime.auth.enabled ? 'the master key is the only credential.' : 'no master key is set either, so anyone who can reach the port can use the proxy.';
  return {
    litegate: {
      version: runtime.version,
      started_at: iso(startedAt),
      uptime_seconds: Math.max(0, Math.round((now - startedAt) / 1000)),
      in_flight: runtime.inFlight.count,
      requests_recorded: runtime.recorder?.total ?? 0,
      recent_capacity: runtime.recorder?.capacity ?? 0,
    },
    settings: {
      auth: runtime.auth.enabled,
      routing_strategy: plan.router.strategy,
      num_retries: plan.router.numRetries,
      cooldown_time: plan.router.cooldownTime,
      fallbacks: plan.router.fallbacks ?? null,
      cache: plan.cache.enabled ? plan.cache.type : null,
      shared_state: plan.router.redis !== undefined ? 'redis' : 'memory',
      background_health_checks: plan.server.backgroundHealthChecks,
      health_check_interval: plan.server.healthCheckInterval,
    },
    metrics: { path: '/metrics', access: metricsAccess(plan), prometheus_callback: plan.server.callbacks?.includes('prometheus') ?? false },
    virtual_keys: runtime.keys
      ? await virtualKeysPanel(runtime.keys)
      : {
          available: false,
          database_url_configured: databaseConfigured,
          message: `Virtual keys, budgets and spend tracking need general_settings.database_url (PostgreSQL) and a master key: ${credential}`,
        },
    groups,
    aliases: Object.entries(plan.aliases).map(([alias, target]) => ({ alias, group: target.group, hidden: target.hidden })),
    requested_models: [...models].map(([model, usage]) => ({ model, ...usage.toJSON() })),
    totals: totals(models.values()),
  };
}

/** GET /ui/api/requests: the latest `limit` records, newest first. */
export function recentRequests(runtime: ProxyRuntime, limit: number): object {
  const recorder = runtime.recorder;
  const data = (recorder?.recent(limit) ?? []).map((record) => ({
    time: iso(record.time),
    call_id: record.callId,
    operation: record.operation,
    stream: record.stream,
    model: record.model ?? null,
    group: record.group ?? null,
    deployment_id: record.deploymentId ?? null,
    provider: record.provider ?? null,
    status: record.status,
    latency_ms: Number(record.latencyMs.toFixed(2)),
    upstream_ms: record.upstreamMs === undefined ? null : Number(record.upstreamMs.toFixed(2)),
    prompt_tokens: record.promptTokens ?? null,
    completion_tokens: record.completionTokens ?? null,
    cost: record.cost ?? null,
    retries: record.retries,
    fallbacks: record.fallbacks,
    error: record.error ?? null,
    cache_hit: record.cacheHit,
  }));
  return { capacity: recorder?.capacity ?? 0, total: recorder?.total ?? 0, data };
}
