/**
 * Lowers a validated config (the merged mapping `compileConfig` returns) to the
 * RoutingPlan every command consumes: groups, deployments with provider and defaults
 * filled, aliases, fallback maps, router, cache, auth and server settings.
 *
 * Defaults and precedence follow LiteLLM (reference litellm-config.md §2, §4–§6). Secrets
 * stay `{ env }` references; nothing here reads process.env. The result is deeply frozen
 * so the runtime can share it across requests without defensive copies.
 */
import { deploymentId } from './deployment-id.ts';
import { groupDeployments } from './group-deployments.ts';
import { providerTable } from './provider-table.ts';
import { resolveProvider } from './resolve-provider.ts';
import type {
  AliasTarget,
  CachePlan,
  Deployment,
  FallbackMap,
  MaybeSecret,
  RedisSettings,
  RouterPlan,
  RoutingPlan,
  RoutingStrategyName,
  ServerPlan,
  AuthPlan,
  KeyStoreSettings,
  UnsupportedDeployment,
} from './routing-plan.ts';

type Mapping = Record<string, unknown>;

const envPrefix = 'os.environ/';

/** LiteLLM defaults the plan fills in (reference §4, §5). */
const liteLlmDefaults = Object.freeze({
  numRetries: 2,
  retryAfter: 0,
  allowedFails: 3,
  cooldownTime: 5,
  maxFallbacks: 5,
  timeout: 6000,
  strategy: 'simple-shuffle' as RoutingStrategyName,
  healthCheckInterval: 300,
});

// litellm_params keys the plan models itself; everything else is forwarded to the provider.
const modelledParams = new Set([
  'model', 'custom_llm_provider', 'api_key', 'api_base', 'api_version', 'rpm', 'tpm', 'weight', 'order',
  'max_parallel_requests', 'timeout', 'stream_timeout', 'request_timeout', 'cooldown_time', 'num_retries',
  'max_retries', 'tags', 'drop_params', 'region_name', 'input_cost_per_token', 'output_cost_per_token',
  'input_cost_per_second', 'output_cost_per_second', 'input_cost_per_pixel', 'output_cost_per_pixel',
  'input_cost_per_character', 'output_cost_per_character', 'litellm_credential_name',
  'configurable_clientside_auth_params', 'use_in_pass_through', 'use_litellm_proxy', 'max_file_size_mb',
  'base_model', 'max_budget', 'budget_duration', 'mock_response', 'merge_reasoning_content_in_choices',
  'aws_access_key_id', 'aws_secret_access_key', 'aws_region_name', 'aws_session_token', 'aws_role_name',
  'aws_profile_name', 'vertex_project', 'vertex_location', 'vertex_credentials', 'watsonx_region_name',
  'auto_router_config_path', 'auto_router_config', 'auto_router_default_model', 'auto_router_embedding_model',
]);

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown): Mapping {
  return isMapping(value) ? value : {};
}

/** `os.environ/NAME` → `{ env: NAME }`; other values unchanged. */
function secretOf(value: unknown): MaybeSecret | undefined {
  if (typeof value !== 'string') return value === undefined || value === null ? undefined : String(value);
  return value.startsWith(envPrefix) ? { env: value.slice(envPrefix.length) } : value;
}

/**
 * Turns every `os.environ/` string reachable through mappings into a reference, as LiteLLM
 * V26 resolves them (§3): values of mappings, and mappings inside lists, but not plain
 * strings that are list items.
 */
function withSecretRefs(value: unknown, inList = false): unknown {
  if (typeof value === 'string') return !inList && value.startsWith(envPrefix) ? { env: value.slice(envPrefix.length) } : value;
  if (Array.isArray(value)) return value.map((item) => withSecretRefs(item, true));
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [key, item] of Object.entries(value)) out[key] = withSecretRefs(item);
    return out;
  }
  return value;
}

/** NAME of an `os.environ/NAME` string, else undefined. */
function envName(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(envPrefix) ? value.slice(envPrefix.length) : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** mock_response as the runtime serves it: reply text (or an error name), or a response object. */
function mockResponseOf(value: unknown): string | Mapping | undefined {
  if (typeof value === 'string') return value;
  return isMapping(value) ? value : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** success_callback + callbacks (a list, or one name for `callbacks`), merged without repeats; undefined when none. */
function callbackNames(litellmSettings: Mapping): string[] | undefined {
  const names = new Set<string>();
  for (const value of [litellmSettings.success_callback, litellmSettings.callbacks]) {
    for (const name of typeof value === 'string' ? [value] : (stringList(value) ?? [])) names.add(name);
  }
  return names.size > 0 ? [...names] : undefined;
}

/** Python-style stringification used by `environment_variables` (§3: `true` → "True"). */
function environmentValue(value: unknown): MaybeSecret {
  if (typeof value === 'string') return secretOf(value) as MaybeSecret;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** `[{ group: [targets] }]` → map. Returns undefined for null/absent, {} for an empty list. */
function fallbackMap(value: unknown): Record<string, string[]> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const item of value) {
    if (!isMapping(item)) continue;
    for (const [group, targets] of Object.entries(item)) {
      const list = Array.isArray(targets) ? targets.map(String) : typeof targets === 'string' ? [targets] : [];
      out[group] = [...(out[group] ?? []), ...list];
    }
  }
  return out;
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** router_settings value when non-empty, else the litellm_settings one (§4 fallbacks rows). */
function pickFallbacks(router: Mapping, litellm: Mapping, key: string): Record<string, string[]> | undefined {
  return nonEmpty(router[key]) ? fallbackMap(router[key]) : fallbackMap(litellm[key]);
}

function redisSettings(source: Mapping, prefix: string): RedisSettings | undefined {
  const url = secretOf(source[`${prefix}url`]);
  const host = secretOf(source[`${prefix}host`]);
  const portRaw = source[`${prefix}port`];
  const port = typeof portRaw === 'string' && portRaw.startsWith(envPrefix) ? { env: portRaw.slice(envPrefix.length) } : num(portRaw);
  const password = secretOf(source[`${prefix}password`]);
  const db = num(source[`${prefix}db`]);
  if (url === undefined && host === undefined) return undefined;
  return { url, host, port, password, db };
}

/** credential_list → name → credential_values (reference §1: reusable credentials). */
function credentialMap(value: unknown): Map<string, Mapping> {
  const out = new Map<string, Mapping>();
  if (!Array.isArray(value)) return out;
  for (const item of value) {
    if (isMapping(item) && typeof item.credential_name === 'string') out.set(item.credential_name, mapping(item.credential_values));
  }
  return out;
}

/** The litellm_params the plan does not model as fields, passed on to the provider (secrets as env references). */
function passThroughParams(rawParams: Mapping): Mapping {
  const params: Mapping = {};
  for (const [key, value] of Object.entries(rawParams)) if (!modelledParams.has(key)) params[key] = withSecretRefs(value);
  return params;
}

/** model_info.id when given, else the stable hash of the group and the params as written. */
function idOf(group: string, writtenParams: Mapping, modelInfo: Mapping): string {
  return modelInfo.id !== undefined && modelInfo.id !== null ? String(modelInfo.id) : deploymentId(group, writtenParams);
}

/**
 * The per-deployment limits and routing inputs both kinds of deployment carry, read the
 * same way: rpm/tpm, weight, order (litellm_params, else model_info), parallel requests and
 * timeouts (`request_timeout` is the older name of `timeout`).
 */
function routingLimits(rawParams: Mapping, modelInfo: Mapping) {
  return {
    rpm: num(rawParams.rpm),
    tpm: num(rawParams.tpm),
    weight: num(rawParams.weight),
    order: num(rawParams.order ?? modelInfo.order),
    maxParallelRequests: num(rawParams.max_parallel_requests),
    timeout: num(rawParams.timeout ?? rawParams.request_timeout),
    streamTimeout: num(rawParams.stream_timeout),
  };
}

function lowerDeployment(
  entry: Mapping,
  index: number,
  serverDropParams: boolean,
  credentials: ReadonlyMap<string, Mapping>,
): { deployment: Deployment } | { unsupported: UnsupportedDeployment } {
  const group = String(entry.model_name ?? '');
  const rawParams = { ...mapping(entry.litellm_params) };
  // Deployment-level rpm/tpm written next to litellm_params are copied in when absent (§2.1).
  if (rawParams.rpm === undefined && entry.rpm !== undefined) rawParams.rpm = entry.rpm;
  if (rawParams.tpm === undefined && entry.tpm !== undefined) rawParams.tpm = entry.tpm;
  // The id hashes the params as written; credentials from credential_list fill only what the
  // deployment leaves unset.
  const writtenParams = { ...rawParams };
  const credential = typeof rawParams.litellm_credential_name === 'string' ? credentials.get(rawParams.litellm_credential_name) : undefined;
  if (credential) {
    for (const [key, value] of Object.entries(credential)) if (rawParams[key] === undefined) rawParams[key] = value;
  }
  const modelInfo = mapping(entry.model_info);
  const model = String(rawParams.model ?? '');
  const literalBase = typeof rawParams.api_base === 'string' && !rawParams.api_base.startsWith(envPrefix) ? rawParams.api_base : undefined;
  const resolution = resolveProvider(model, str(rawParams.custom_llm_provider), literalBase);
  if (!resolution.ok && model.includes('*') && group.includes('*')) return { deployment: dynamicDeployment(index, group, model, rawParams, writtenParams, modelInfo, serverDropParams) };
  if (!resolution.ok) return { unsupported: { index, group, model, reason: resolution.reason } };
  if (!resolution.supported) {
    return { unsupported: { index, group, model, reason: `provider '${resolution.provider}' is not supported by litegate serve` } };
  }
  const spec = providerTable[resolution.provider]!;
  let upstreamModel = resolution.upstreamModel;
  if (spec.modelPrefix && !upstreamModel.startsWith('accounts/')) upstreamModel = spec.modelPrefix + upstreamModel;

  const apiBaseConfigured = secretOf(rawParams.api_base);
  const apiKeyConfigured = secretOf(rawParams.api_key);
  const apiVersionConfigured = secretOf(rawParams.api_version);

  const params = passThroughParams(rawParams);
  const id = idOf(group, writtenParams, modelInfo);
  const headerEnv = spec.envHeaders
    ? Object.fromEntries(Object.entries(spec.envHeaders).map(([header, [env, fallback]]) => [header, fallback === undefined ? { env } : { env, fallback }]))
    : undefined;

  const deployment: Deployment = {
    id,
    index,
    group,
    provider: resolution.provider,
    adapter: spec.adapter,
    upstreamModel,
    litellmModel: model,
    apiBase: apiBaseConfigured ?? spec.defaultBase,
    apiBaseEnv: apiBaseConfigured === undefined && spec.baseEnv.length > 0 ? spec.baseEnv : undefined,
    apiKey: apiKeyConfigured ?? spec.placeholderKey,
    apiKeyEnv: apiKeyConfigured === undefined && spec.keyEnv.length > 0 ? spec.keyEnv : undefined,
    apiVersion: apiVersionConfigured ?? spec.defaultVersion,
    apiVersionEnv: apiVersionConfigured === undefined && spec.versionEnv ? spec.versionEnv : undefined,
    headerEnv,
    ...routingLimits(rawParams, modelInfo),
    timeoutEnv: envName(rawParams.timeout ?? rawParams.request_timeout),
    streamTimeoutEnv: envName(rawParams.stream_timeout),
    cooldownTime: num(rawParams.cooldown_time ?? modelInfo.cooldown_time),
    numRetries: num(rawParams.num_retries),
    mode: str(modelInfo.mode) ?? 'chat',
    tags: stringList(rawParams.tags),
    dropParams: bool(rawParams.drop_params) ?? serverDropParams,
    inputCostPerToken: num(rawParams.input_cost_per_token ?? modelInfo.input_cost_per_token),
    outputCostPerToken: num(rawParams.output_cost_per_token ?? modelInfo.output_cost_per_token),
    maxInputTokens: num(modelInfo.max_input_tokens),
    maxOutputTokens: num(modelInfo.max_output_tokens ?? modelInfo.max_tokens),
    params,
    mockResponse: mockResponseOf(rawParams.mock_response),
    modelInfo: { ...modelInfo, id },
    wildcard: group.includes('*'),
  };
  return { deployment: dropUndefined(deployment) };
}

/**
 * A `model: "*"` pattern deployment: the provider comes from each requested model at run time,
 * so only what the entry itself configures is kept (key, base, version, params, limits).
 */
function dynamicDeployment(
  index: number,
  group: string,
  model: string,
  rawParams: Mapping,
  writtenParams: Mapping,
  modelInfo: Mapping,
  serverDropParams: boolean,
): Deployment {
  const params = passThroughParams(rawParams);
  const id = idOf(group, writtenParams, modelInfo);
  return dropUndefined({
    id,
    index,
    group,
    provider: '*',
    adapter: 'openai',
    dynamicProvider: true,
    upstreamModel: model,
    litellmModel: model,
    apiBase: secretOf(rawParams.api_base),
    apiKey: secretOf(rawParams.api_key),
    apiVersion: secretOf(rawParams.api_version),
    ...routingLimits(rawParams, modelInfo),
    mode: str(modelInfo.mode) ?? 'chat',
    tags: stringList(rawParams.tags),
    dropParams: bool(rawParams.drop_params) ?? serverDropParams,
    params,
    mockResponse: mockResponseOf(rawParams.mock_response),
    modelInfo: { ...modelInfo, id },
    wildcard: true,
  } as Deployment);
}

// ── Response cache (reference §4 cache_responses/cache_kwargs/caching_groups, §5.1, §8) ──
/**
 * `litellm_settings.cache` wins. Without it, `router_settings.cache_responses: true` builds
 * the cache LiteLLM's Router builds: Redis from the router's redis_* settings when they name
 * a server, else in-memory, with `cache_kwargs` as extra cache parameters (they override).
 */
function lowerCache(litellmSettings: Mapping, routerSettings: Mapping): CachePlan {
  const cachingGroups = Array.isArray(routerSettings.caching_groups)
    ? routerSettings.caching_groups.filter(Array.isArray).map((members: unknown[]) => members.map(String))
    : undefined;
  const fromLitellm = bool(litellmSettings.cache) ?? false;
  const fromRouter = !fromLitellm && (bool(routerSettings.cache_responses) ?? false);
  const routerRedis = {
    url: routerSettings.redis_url,
    host: routerSettings.redis_host,
    port: routerSettings.redis_port,
    password: routerSettings.redis_password,
    db: routerSettings.redis_db,
  };
  const params: Mapping = fromRouter ? { ...routerRedis, ...mapping(routerSettings.cache_kwargs) } : mapping(litellmSettings.cache_params);
  const redis = redisSettings(params, '');
  // The proxy picks redis only when cache_params is empty (§5.1, #26233); the Router picks
  // redis when its redis_* settings name a server.
  const type = fromRouter ? str(params.type) ?? (redis ? 'redis' : 'local') : str(params.type) ?? (Object.keys(params).length === 0 ? 'redis' : 'local');
  return dropUndefined({
    enabled: fromLitellm || fromRouter,
    type,
    mode: str(params.mode) === 'default_off' ? 'default_off' : 'default_on',
    ttl: num(params.ttl),
    namespace: str(params.namespace),
    redis,
    supportedCallTypes: stringList(params.supported_call_types),
    source: fromLitellm ? 'litellm_settings' : fromRouter ? 'router_settings' : undefined,
    cachingGroups: cachingGroups && cachingGroups.length > 0 ? cachingGroups : undefined,
    defaultInMemoryTtl: num(params.default_in_memory_ttl),
    defaultInRedisTtl: num(params.default_in_redis_ttl),
  } as CachePlan);
}
// ── end response cache ──

/** Removes undefined-valued keys so plans compare and serialise cleanly. */
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

// ── virtual-key store (runtime/store) ──
/** general_settings for the key store and spend tracking; undefined when none is set (LiteLLM defaults apply). */
function lowerKeyStore(generalSettings: Mapping): KeyStoreSettings | undefined {
  const settings = dropUndefined({
    disableSpendLogs: bool(generalSettings.disable_spend_logs),
    disableSpendUpdates: bool(generalSettings.disable_spend_updates),
    batchWriteSeconds: num(generalSettings.proxy_batch_write_at),
    allowRequestsOnDbUnavailable: bool(generalSettings.allow_requests_on_db_unavailable),
    keyCacheTtlSeconds: num(generalSettings.user_api_key_cache_ttl),
    maxParallelRequests: num(generalSettings.max_parallel_requests),
  });
  return Object.keys(settings).length === 0 ? undefined : settings;
}
// ── end virtual-key store ──

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Expands `organization: [a, b]` into one entry per organization (OpenAI only, §2.2). */
function expandOrganizations(entries: readonly unknown[]): Mapping[] {
  const out: Mapping[] = [];
  for (const entry of entries) {
    if (!isMapping(entry)) continue;
    const params = mapping(entry.litellm_params);
    if (Array.isArray(params.organization)) {
      for (const organization of params.organization) out.push({ ...entry, litellm_params: { ...params, organization } });
    } else out.push(entry);
  }
  return out;
}

/**
 * Lowers a config mapping to a frozen RoutingPlan. `sourcePath` is recorded as the plan's
 * source. Entries the runtime cannot serve are listed in `plan.unsupported`, not thrown.
 */
export function lowerToPlan(config: Readonly<Record<string, unknown>>, sourcePath: string): RoutingPlan {
  const routerSettings = mapping(config.router_settings);
  const litellmSettings = mapping(config.litellm_settings);
  const generalSettings = mapping(config.general_settings);
  const dropParams = bool(litellmSettings.drop_params) ?? false;

  const deployments: Deployment[] = [];
  const unsupported: UnsupportedDeployment[] = [];
  const entries = expandOrganizations(Array.isArray(config.model_list) ? config.model_list : []);
  const credentials = credentialMap(config.credential_list);
  entries.forEach((entry, index) => {
    const lowered = lowerDeployment(entry, index, dropParams, credentials);
    if ('deployment' in lowered) deployments.push(lowered.deployment);
    else unsupported.push(lowered.unsupported);
  });

  const { groups, wildcards } = groupDeployments(deployments);

  const aliases: Record<string, AliasTarget> = {};
  for (const [alias, target] of Object.entries(mapping(routerSettings.model_group_alias))) {
    if (typeof target === 'string') aliases[alias] = { group: target, hidden: false };
    else if (isMapping(target) && typeof target.model === 'string') aliases[alias] = { group: target.model, hidden: bool(target.hidden) ?? false };
  }

  let fallbacks: Record<string, string[]> | undefined = pickFallbacks(routerSettings, litellmSettings, 'fallbacks');
  const defaultFallbacks = stringList(routerSettings.default_fallbacks) ?? stringList(litellmSettings.default_fallbacks);
  if (defaultFallbacks && defaultFallbacks.length > 0) fallbacks = { ...(fallbacks ?? {}), '*': defaultFallbacks };

  const strategy = (str(routerSettings.routing_strategy) ?? liteLlmDefaults.strategy) as RoutingStrategyName;
  const optionalChecks = stringList(routerSettings.optional_pre_call_checks) ?? [];
  const router: RouterPlan = dropUndefined({
    strategy,
    strategyArgs: mapping(routerSettings.routing_strategy_args),
    numRetries: num(routerSettings.num_retries) ?? num(litellmSettings.num_retries) ?? liteLlmDefaults.numRetries,
    retryAfter: num(routerSettings.retry_after) ?? liteLlmDefaults.retryAfter,
    retryPolicy: isMapping(routerSettings.retry_policy) ? (routerSettings.retry_policy as Record<string, number>) : undefined,
    modelGroupRetryPolicy: isMapping(routerSettings.model_group_retry_policy)
      ? (routerSettings.model_group_retry_policy as Record<string, Record<string, number>>)
      : undefined,
    allowedFails: num(routerSettings.allowed_fails) ?? num(litellmSettings.allowed_fails) ?? liteLlmDefaults.allowedFails,
    allowedFailsPolicy: isMapping(routerSettings.allowed_fails_policy) ? (routerSettings.allowed_fails_policy as Record<string, number>) : undefined,
    // 0 at router level means "use the default" in LiteLLM (falsy check, §4).
    cooldownTime: num(routerSettings.cooldown_time) || liteLlmDefaults.cooldownTime,
    disableCooldowns: bool(routerSettings.disable_cooldowns) ?? false,
    fallbacks,
    contextWindowFallbacks: pickFallbacks(routerSettings, litellmSettings, 'context_window_fallbacks'),
    contentPolicyFallbacks: pickFallbacks(routerSettings, litellmSettings, 'content_policy_fallbacks'),
    maxFallbacks: num(routerSettings.max_fallbacks) ?? num(litellmSettings.max_fallbacks) ?? liteLlmDefaults.maxFallbacks,
    timeout: num(routerSettings.timeout) ?? num(litellmSettings.request_timeout) ?? liteLlmDefaults.timeout,
    streamTimeout: num(routerSettings.stream_timeout),
    // A numeric router_settings.timeout wins over any request_timeout, so the latter's
    // reference only counts when the former is absent.
    timeoutEnv: envName(routerSettings.timeout) ?? (routerSettings.timeout === undefined ? envName(litellmSettings.request_timeout) : undefined),
    streamTimeoutEnv: envName(routerSettings.stream_timeout),
    enablePreCallChecks: bool(routerSettings.enable_pre_call_checks) ?? false,
    defaultMaxParallelRequests: num(routerSettings.default_max_parallel_requests),
    enforceModelRateLimits: optionalChecks.includes('enforce_model_rate_limits') || (bool(routerSettings.enforce_model_rate_limits) ?? false),
    redis: redisSettings(routerSettings, 'redis_'),
  });

  const cache = lowerCache(litellmSettings, routerSettings);

  const masterKey = secretOf(generalSettings.master_key);
  const databaseUrl = secretOf(generalSettings.database_url);
  const auth: AuthPlan = dropUndefined({
    masterKey,
    masterKeyEnv: masterKey === undefined ? 'LITELLM_MASTER_KEY' : undefined,
    databaseUrl,
    databaseUrlEnv: databaseUrl === undefined ? 'DATABASE_URL' : undefined,
    keyHeaderName: str(generalSettings.litellm_key_header_name),
    keyStore: lowerKeyStore(generalSettings),
  });

  const server: ServerPlan = dropUndefined({
    maxRequestSizeMb: num(generalSettings.max_request_size_mb),
    dropParams,
    healthCheckDetails: bool(generalSettings.health_check_details) ?? true,
    backgroundHealthChecks: bool(generalSettings.background_health_checks) ?? false,
    healthCheckInterval: num(generalSettings.health_check_interval) ?? liteLlmDefaults.healthCheckInterval,
    globalMaxParallelRequests: num(generalSettings.global_max_parallel_requests),
    callbacks: callbackNames(litellmSettings),
    requireAuthForMetrics: bool(litellmSettings.require_auth_for_metrics_endpoint),
  });

  const environment: Record<string, MaybeSecret> = {};
  for (const [key, value] of Object.entries(mapping(config.environment_variables))) {
    if (value !== null && value !== undefined) environment[key] = environmentValue(value);
  }

  return deepFreeze({
    source: sourcePath,
    deployments,
    groups,
    wildcards,
    aliases,
    router,
    cache,
    auth,
    server,
    environment,
    unsupported,
  });
}
