/**
 * The RoutingPlan: the one typed form a config is lowered to. `serve`, `build`,
 * `mock`, `explain` and the tests all consume this; nothing downstream reads YAML.
 *
 * Secrets stay references (`{ env: 'NAME' }`) until the runtime starts; see
 * runtime/secrets. Plans are plain data (JSON-serialisable) so `build` can freeze
 * one into a bundle.
 */

/** A value that may be a literal or an `os.environ/NAME` reference, resolved at startup. */
export type SecretRef = { readonly env: string };
export type MaybeSecret = string | SecretRef;

/** Wire-format family an adapter speaks (one adapter module per family). */
export type AdapterKind = 'openai' | 'azure' | 'anthropic' | 'gemini' | 'deepseek' | 'ollama' | 'ollama_chat';

export type DeploymentMode = 'chat' | 'completion' | 'embedding' | string;

export interface Deployment {
  /** model_info.id, else a deterministic hash of model_name + litellm_params (as LiteLLM). */
  readonly id: string;
  /** Position in model_list (after include merging); stable order for routing tables. */
  readonly index: number;
  /** model_name: the group this deployment serves (may contain `*` for wildcard routes). */
  readonly group: string;
  /** LiteLLM provider prefix, e.g. 'openai', 'groq', 'anthropic', 'hosted_vllm'. */
  readonly provider: string;
  /** Which adapter module speaks this provider's wire format. */
  readonly adapter: AdapterKind;
  /** Model id sent upstream (litellm_params.model without the provider prefix). */
  readonly upstreamModel: string;
  /**
   * Base URL as LiteLLM would compose it (api_base, else provider env var, else default),
   * before the adapter appends its path. May be a SecretRef when api_base is os.environ/.
   * Undefined when the provider has no default and none was configured.
   */
  readonly apiBase?: MaybeSecret;
  /** Env vars consulted for the base when api_base is not set, in order (resolved at startup). */
  readonly apiBaseEnv?: readonly string[];
  readonly apiKey?: MaybeSecret;
  /** Env vars consulted for the key when api_key is not set, in order. */
  readonly apiKeyEnv?: readonly string[];
  readonly apiVersion?: MaybeSecret;
  /** Env vars consulted for api_version when it is not configured (Azure), in order. */
  readonly apiVersionEnv?: readonly string[];
  /** litellm_params.model exactly as written (clients may address a deployment by it, §7.2 step 5). */
  readonly litellmModel?: string;
  /** Provider headers read from env at startup: header → env var and default (OpenAI-Organization, OpenRouter's HTTP-Referer …). */
  readonly headerEnv?: Readonly<Record<string, { readonly env: string; readonly fallback?: string }>>;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly weight?: number;
  readonly order?: number;
  readonly maxParallelRequests?: number;
  /** Seconds. */
  readonly timeout?: number;
  /** Seconds. */
  readonly streamTimeout?: number;
  /** `timeout: os.environ/NAME`: the variable holding the seconds, read at startup. Optional. */
  readonly timeoutEnv?: string;
  /** `stream_timeout: os.environ/NAME`, likewise. Optional. */
  readonly streamTimeoutEnv?: string;
  /** Seconds; 0 disables cooldown for this deployment. */
  readonly cooldownTime?: number;
  readonly numRetries?: number;
  readonly mode: DeploymentMode;
  readonly tags?: readonly string[];
  readonly dropParams?: boolean;
  /** Per-token prices (USD) when known from model_info / litellm_params. */
  readonly inputCostPerToken?: number;
  readonly outputCostPerToken?: number;
  readonly maxInputTokens?: number;
  readonly maxOutputTokens?: number;
  /** Extra litellm_params forwarded to the provider call (temperature, max_tokens, extra_headers …). */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * litellm_params.mock_response: answered instead of calling the provider (reply text, a
   * `litellm.<Error>` name to raise, or a whole response object). Optional; absent = call it.
   */
  readonly mockResponse?: string | Readonly<Record<string, unknown>>;
  /** model_info as written, minus nothing secret (model_info never holds secrets). */
  readonly modelInfo: Readonly<Record<string, unknown>>;
  /** True when the group name contains `*` (pattern route; never cooled down). */
  readonly wildcard: boolean;
  /**
   * `litellm_params.model: "*"` (no provider prefix): the provider is taken from each
   * requested model, as LiteLLM does (`anthropic/claude-…` → anthropic, `gpt-4o` → openai).
   * `provider` is then `'*'` and `adapter` only nominal; the runtime resolves both per request,
   * so a bundle must include every adapter. Optional; absent = false.
   */
  readonly dynamicProvider?: boolean;
}

export interface ModelGroup {
  readonly name: string;
  /** Indices into RoutingPlan.deployments. */
  readonly deployments: readonly number[];
}

export interface AliasTarget {
  readonly group: string;
  readonly hidden: boolean;
}

/** `[{ group: [fallback groups…] }]` flattened to a map; `*` holds default_fallbacks. */
export type FallbackMap = Readonly<Record<string, readonly string[]>>;

export type RoutingStrategyName =
  | 'simple-shuffle'
  | 'least-busy'
  | 'latency-based-routing'
  | 'usage-based-routing'
  | 'usage-based-routing-v2'
  | 'cost-based-routing';

export interface RedisSettings {
  readonly url?: MaybeSecret;
  readonly host?: MaybeSecret;
  readonly port?: number | SecretRef;
  readonly password?: MaybeSecret;
  readonly db?: number;
}

export interface RouterPlan {
  readonly strategy: RoutingStrategyName;
  readonly strategyArgs: Readonly<Record<string, unknown>>;
  readonly numRetries: number;
  /** Seconds. */
  readonly retryAfter: number;
  readonly retryPolicy?: Readonly<Record<string, number>>;
  readonly modelGroupRetryPolicy?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly allowedFails: number;
  readonly allowedFailsPolicy?: Readonly<Record<string, number>>;
  /** Seconds. */
  readonly cooldownTime: number;
  readonly disableCooldowns: boolean;
  /** Undefined means "not configured" (differs from empty, see reference §7.8). */
  readonly fallbacks?: FallbackMap;
  readonly contextWindowFallbacks?: FallbackMap;
  readonly contentPolicyFallbacks?: FallbackMap;
  readonly maxFallbacks: number;
  /** Seconds. */
  readonly timeout: number;
  /** Seconds. */
  readonly streamTimeout?: number;
  /**
   * `router_settings.timeout: os.environ/NAME` (else `litellm_settings.request_timeout`): the
   * variable holding the seconds, read at startup; it then wins over `timeout`. Optional.
   */
  readonly timeoutEnv?: string;
  /** `router_settings.stream_timeout: os.environ/NAME`, likewise over `streamTimeout`. Optional. */
  readonly streamTimeoutEnv?: string;
  readonly enablePreCallChecks: boolean;
  readonly defaultMaxParallelRequests?: number;
  readonly enforceModelRateLimits: boolean;
  readonly redis?: RedisSettings;
}

export interface CachePlan {
  readonly enabled: boolean;
  readonly type: 'local' | 'redis' | string;
  readonly mode: 'default_on' | 'default_off';
  readonly ttl?: number;
  readonly namespace?: string;
  readonly redis?: RedisSettings;
  readonly supportedCallTypes?: readonly string[];
  /**
   * Which setting switched caching on: `litellm_settings` (cache: true + cache_params) or
   * `router_settings` (cache_responses: true alone, cache built from redis_* + cache_kwargs).
   */
  readonly source?: 'litellm_settings' | 'router_settings';
  /** router_settings.caching_groups: groups that share cache entries (§8). */
  readonly cachingGroups?: readonly (readonly string[])[];
  /** cache_params.default_in_memory_ttl / default_in_redis_ttl: replace `ttl` for that backend (§8). */
  readonly defaultInMemoryTtl?: number;
  readonly defaultInRedisTtl?: number;
}

export interface AuthPlan {
  readonly masterKey?: MaybeSecret;
  /** Env var read for the master key when general_settings.master_key is absent (optional: unset means no auth). */
  readonly masterKeyEnv?: string;
  readonly databaseUrl?: MaybeSecret;
  /** Env var read for the database URL when general_settings.database_url is absent (optional). */
  readonly databaseUrlEnv?: string;
  /** Extra header to read keys from (general_settings.litellm_key_header_name). */
  readonly keyHeaderName?: string;
  /** Virtual-key store settings (runtime/store), read only when a database URL is set. Optional; absent = LiteLLM defaults. */
  readonly keyStore?: KeyStoreSettings;
}

/** general_settings that shape the virtual-key store and spend tracking (litellm-config.md §6, §10). */
export interface KeyStoreSettings {
  /** disable_spend_logs: no per-request LiteLLM_SpendLogs rows. */
  readonly disableSpendLogs?: boolean;
  /** disable_spend_updates: key spend is not incremented. */
  readonly disableSpendUpdates?: boolean;
  /** proxy_batch_write_at (seconds, LiteLLM default 10). */
  readonly batchWriteSeconds?: number;
  /** allow_requests_on_db_unavailable: let virtual-key requests through while the DB is down. */
  readonly allowRequestsOnDbUnavailable?: boolean;
  /** user_api_key_cache_ttl (seconds, LiteLLM default 60). */
  readonly keyCacheTtlSeconds?: number;
  /** max_parallel_requests: default per-key concurrency for keys without their own. */
  readonly maxParallelRequests?: number;
}

export interface ServerPlan {
  readonly maxRequestSizeMb?: number;
  readonly dropParams: boolean;
  readonly healthCheckDetails: boolean;
  readonly backgroundHealthChecks: boolean;
  readonly healthCheckInterval: number;
  readonly globalMaxParallelRequests?: number;
  /**
   * Integrations named by litellm_settings.success_callback and callbacks, merged in order
   * without repeats (`prometheus` mounts an open /metrics, as in LiteLLM). Optional; absent = none.
   */
  readonly callbacks?: readonly string[];
  /** litellm_settings.require_auth_for_metrics_endpoint. Optional; absent = false. */
  readonly requireAuthForMetrics?: boolean;
}

export interface RoutingPlan {
  /** Absolute path of the main config file. */
  readonly source: string;
  readonly deployments: readonly Deployment[];
  /** Exact group name → group. Wildcard groups are also listed in `wildcards`, most specific first. */
  readonly groups: Readonly<Record<string, ModelGroup>>;
  readonly wildcards: readonly ModelGroup[];
  readonly aliases: Readonly<Record<string, AliasTarget>>;
  readonly router: RouterPlan;
  readonly cache: CachePlan;
  readonly auth: AuthPlan;
  readonly server: ServerPlan;
  /** environment_variables: applied to process.env at startup (values may be references). */
  readonly environment: Readonly<Record<string, MaybeSecret>>;
  /**
   * model_list entries the runtime cannot serve (provider unknown, or a LiteLLM provider without
   * an adapter here). LiteLLM's proxy skips invalid deployments with a log line; so does `serve`.
   */
  readonly unsupported?: readonly UnsupportedDeployment[];
}

/** A model_list entry left out of the plan, and why. */
export interface UnsupportedDeployment {
  readonly index: number;
  readonly group: string;
  readonly model: string;
  readonly reason: string;
}
