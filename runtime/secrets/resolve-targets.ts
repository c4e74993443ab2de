/**
 * Resolves a plan's `os.environ/` references once, at startup, into the adapter targets the
 * hot path uses. A reference to an unset variable stops startup with an error naming the
 * variable and where it is used, never a value. Under `--simulate`, credentials that are
 * missing get placeholders instead, so a config runs offline with no keys.
 */
import type { Deployment, MaybeSecret, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import type { AdapterTarget } from '../providers/adapter.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** One unset variable and the config location that needs it. */
export interface MissingVariable {
  readonly variable: string;
  readonly where: string;
}

/** Startup failure listing every unset variable (names and locations only). */
export class MissingSecretError extends Error {
  readonly missing: readonly MissingVariable[];
  constructor(missing: readonly MissingVariable[]) {
    const lines = missing.map((m) => `environment variable ${m.variable} is not set (needed by ${m.where})`);
    super(lines.join('\n'));
    this.name = 'MissingSecretError';
    this.missing = missing;
  }
}

/** Placeholder key sent to the simulator when a deployment's key is not configured. */
export const simulatedApiKey = 'sk-litegate-simulated';

/** Options for target resolution. */
export interface ResolveOptions {
  /** Substitute placeholders for missing credentials and bases (`serve --simulate`). */
  readonly simulate?: boolean;
}

/** Resolved targets, indexed by `Deployment.index`, plus non-fatal notes for the startup log. */
export interface ResolvedTargets {
  readonly byIndex: readonly (AdapterTarget | undefined)[];
  /** Timeouts (seconds) read from `os.environ/` references, by `Deployment.index`. */
  readonly timeouts: readonly (EnvTimeouts | undefined)[];
  /** router_settings `timeout` / `stream_timeout` read from `os.environ/` references. Optional. */
  readonly routerTimeouts?: EnvTimeouts;
  readonly warnings: readonly string[];
}

/** Timeouts in seconds that `os.environ/` references supplied. */
export interface EnvTimeouts {
  readonly timeout?: number;
  readonly streamTimeout?: number;
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function firstSet(env: Env, names: readonly string[] | undefined): string | undefined {
  if (!names) return undefined;
  for (const name of names) {
    const value = present(env, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Resolves one value; records the variable as missing when a reference is unset. */
export function resolveValue(value: MaybeSecret | undefined, env: Env, where: string, missing: MissingVariable[]): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  const resolved = present(env, value.env);
  if (resolved === undefined) missing.push({ variable: value.env, where });
  return resolved;
}

function isRef(value: unknown): value is { env: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { env?: unknown }).env === 'string';
}

function resolveParams(value: unknown, env: Env, where: string, missing: MissingVariable[], placeholder: boolean): unknown {
  if (isRef(value)) {
    const resolved = present(env, value.env);
    if (resolved === undefined) {
      if (placeholder) return `simulated-${value.env.toLowerCase()}`;
      missing.push({ variable: value.env, where });
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveParams(item, env, `${where}[${i}]`, missing, placeholder));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveParams(item, env, `${where}.${key}`, missing, placeholder);
    return out;
  }
  return value;
}

function describe(deployment: Deployment): string {
  return `model_list[${deployment.index}] '${deployment.group}'`;
}

/** Resolves one deployment's target; pushes missing variables and warnings. */
function resolveDeployment(deployment: Deployment, env: Env, options: ResolveOptions, missing: MissingVariable[], warnings: string[]): AdapterTarget {
  const where = describe(deployment);
  const simulate = options.simulate === true;
  const local: MissingVariable[] = [];

  let apiBase = firstSet(env, deployment.apiBaseEnv) ?? resolveValue(deployment.apiBase, env, `${where} litellm_params.api_base`, local);
  let apiKey = firstSet(env, deployment.apiKeyEnv) ?? resolveValue(deployment.apiKey, env, `${where} litellm_params.api_key`, local);
  const apiVersion = firstSet(env, deployment.apiVersionEnv) ?? resolveValue(deployment.apiVersion, env, `${where} litellm_params.api_version`, local);
  const params = resolveParams(deployment.params, env, `${where} litellm_params`, local, simulate) as Record<string, unknown>;

  if (deployment.dynamicProvider) {
    // Provider (and so default base and key variables) known only per request: see
    // dynamic-targets.ts. Only what the entry configured is resolved here.
    if (!simulate) missing.push(...local);
  } else if (simulate) {
    // Only the origin of a simulated URL is replaced, so any well-formed base will do; the
    // host still names the provider, which the simulator reads from the origin header.
    apiBase ??= deployment.provider === 'azure' ? 'https://litegate-simulated.openai.azure.com' : `https://${deployment.provider.replace(/_/g, '-')}.simulated.invalid`;
    apiKey ??= simulatedApiKey;
  } else {
    missing.push(...local);
    if (apiBase === undefined && !local.some((m) => m.where.endsWith('api_base'))) {
      const envNames = deployment.apiBaseEnv?.join(' or ');
      missing.push({ variable: envNames ?? 'api_base', where: `${where} (provider '${deployment.provider}' has no default api_base)` });
    }
    if (apiKey === undefined && deployment.apiKeyEnv && deployment.apiKeyEnv.length > 0 && deployment.adapter !== 'ollama' && deployment.adapter !== 'ollama_chat') {
      warnings.push(`${where}: no API key (set api_key or ${deployment.apiKeyEnv.join(' / ')}); requests are sent without one`);
    }
  }

  let headers: Record<string, string> | undefined;
  for (const [name, source] of Object.entries(deployment.headerEnv ?? {})) {
    const value = present(env, source.env) ?? source.fallback;
    if (value !== undefined) (headers ??= {})[name] = value;
  }

  const target: AdapterTarget = {
    provider: deployment.provider,
    model: deployment.upstreamModel,
    apiBase: apiBase ?? '',
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    params: Object.freeze(params),
    dropParams: deployment.dropParams ?? false,
    ...(headers ? { headers: Object.freeze(headers) } : {}),
  };
  return Object.freeze(target);
}

/**
 * Resolves every deployment of the plan. Throws MissingSecretError listing all unset
 * variables at once (so one restart fixes them all).
 */
export function resolveTargets(plan: RoutingPlan, env: Env, options: ResolveOptions = {}): ResolvedTargets {
  const missing: MissingVariable[] = [];
  const warnings: string[] = [];
  const byIndex: (AdapterTarget | undefined)[] = [];
  const timeouts: (EnvTimeouts | undefined)[] = [];
  for (const deployment of plan.deployments) {
    byIndex[deployment.index] = resolveDeployment(deployment, env, options, missing, warnings);
    if (deployment.timeoutEnv || deployment.streamTimeoutEnv) timeouts[deployment.index] = resolveTimeouts(deployment, `${describe(deployment)} litellm_params`, env, missing);
  }
  const router = plan.router;
  const routerTimeouts = router.timeoutEnv || router.streamTimeoutEnv ? resolveTimeouts(router, 'router_settings', env, missing) : undefined;
  if (missing.length > 0) throw new MissingSecretError(missing);
  return { byIndex, timeouts, ...(routerTimeouts ? { routerTimeouts } : {}), warnings };
}

function resolveTimeouts(references: { readonly timeoutEnv?: string; readonly streamTimeoutEnv?: string }, section: string, env: Env, missing: MissingVariable[]): EnvTimeouts {
  const out: { timeout?: number; streamTimeout?: number } = {};
  for (const [field, name] of [['timeout', references.timeoutEnv], ['streamTimeout', references.streamTimeoutEnv]] as const) {
    if (name === undefined) continue;
    const where = `${section}.${field === 'timeout' ? 'timeout' : 'stream_timeout'}`;
    const text = present(env, name);
    const seconds = Number(text);
    if (text === undefined) missing.push({ variable: name, where });
    // A non-numeric value is reported like a missing one; the value itself is not echoed.
    else if (!Number.isFinite(seconds) || seconds <= 0) missing.push({ variable: `${name} (a positive number of seconds)`, where });
    else out[field] = seconds;
  }
  return out;
}

/**
 * The master key: general_settings.master_key (a reference must resolve), else the optional
 * LITELLM_MASTER_KEY. Undefined means the proxy runs without auth.
 */
export function resolveMasterKey(plan: RoutingPlan, env: Env): string | undefined {
  const missing: MissingVariable[] = [];
  const key = resolveValue(plan.auth.masterKey, env, 'general_settings.master_key', missing);
  if (missing.length > 0) throw new MissingSecretError(missing);
  return key ?? (plan.auth.masterKeyEnv ? present(env, plan.auth.masterKeyEnv) : undefined);
}

/**
 * Applies `environment_variables` to the process env (the config value wins, as in LiteLLM
 * V26). A reference to an unset variable is skipped, as LiteLLM skips None.
 */
export function applyEnvironment(plan: RoutingPlan, env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(plan.environment)) {
    if (typeof value === 'string') env[name] = value;
    else {
      const resolved = present(env, value.env);
      if (resolved !== undefined) env[name] = resolved;
    }
  }
}
