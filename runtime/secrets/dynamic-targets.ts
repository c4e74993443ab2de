/**
 * Targets for `model: "*"` deployments, whose provider comes from each requested model
 * (`anthropic/claude-3-5-haiku` → anthropic). Resolved on first use per (deployment,
 * provider) from the provider table and the environment, as LiteLLM reads keys at call time,
 * then cached; the adapter module is loaded on first use too.
 */
import { providerTable } from '../../compiler/plan/provider-table.ts';
import { resolveProvider } from '../../compiler/plan/resolve-provider.ts';
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { AdapterTarget, NormalizedError, ProviderAdapter } from '../providers/adapter.ts';
import { loadAdapter } from '../providers/load-adapter.ts';
import { UpstreamFailure } from '../router/types.ts';
import { simulatedApiKey } from './resolve-targets.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** An adapter and the target to call it with. */
export interface ResolvedCall {
  readonly adapter: ProviderAdapter;
  readonly target: AdapterTarget;
}

function badRequest(message: string): UpstreamFailure {
  const error: NormalizedError = { status: 400, message, type: 'invalid_request_error', code: null, param: 'model', errorClass: 'BadRequestError', retryable: false };
  return new UpstreamFailure(error);
}

function firstSet(env: Env, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

// Bounded so a client cycling through model names cannot grow memory without limit.
const maxCachedModels = 1000;

/** Per-request provider resolution for dynamic deployments. */
export class DynamicTargets {
  readonly #env: Env;
  readonly #simulate: boolean;
  /** Key `${index}\0${model}` → call. */
  readonly #calls = new Map<string, Promise<ResolvedCall>>();

  constructor(env: Env, simulate: boolean) {
    this.#env = env;
    this.#simulate = simulate;
  }

  /**
   * The call for `model` on the dynamic `deployment`, whose own target (`configured`) holds the
   * key, base and params the entry configured. Rejects with a 400 UpstreamFailure for a model
   * naming no known or supported provider.
   */
  resolve(deployment: Deployment, configured: AdapterTarget, model: string): Promise<ResolvedCall> {
    const key = `${deployment.index}\u0000${model}`;
    let call = this.#calls.get(key);
    if (call === undefined) {
      call = this.#build(configured, model);
      // Failures are not cached: the next request tries again (e.g. after a bad model name).
      call.catch(() => this.#calls.delete(key));
      if (this.#calls.size >= maxCachedModels) this.#calls.clear();
      this.#calls.set(key, call);
    }
    return call;
  }

  async #build(configured: AdapterTarget, model: string): Promise<ResolvedCall> {
    const resolution = resolveProvider(model, undefined, configured.apiBase || undefined);
    if (!resolution.ok) throw badRequest(resolution.reason);
    if (!resolution.supported) throw badRequest(`provider '${resolution.provider}' is not supported by litegate serve (model=${model})`);
    const spec = providerTable[resolution.provider]!;
    const env = this.#env;
    const apiBase =
      (configured.apiBase || undefined) ??
      firstSet(env, spec.baseEnv) ??
      spec.defaultBase ??
      (this.#simulate ? (resolution.provider === 'azure' ? 'https://litegate-simulated.openai.azure.com' : `https://${resolution.provider}.simulated.invalid`) : undefined);
    if (apiBase === undefined) throw badRequest(`provider '${resolution.provider}' needs an api_base (set ${spec.baseEnv.join(' or ')}) for model=${model}`);
    const apiKey = configured.apiKey ?? firstSet(env, spec.keyEnv) ?? spec.placeholderKey ?? (this.#simulate ? simulatedApiKey : undefined);
    const apiVersion = configured.apiVersion ?? (spec.versionEnv ? firstSet(env, spec.versionEnv) : undefined) ?? spec.defaultVersion;
    let headers: Record<string, string> | undefined;
    for (const [name, [variable, fallback]] of Object.entries(spec.envHeaders ?? {})) {
      const value = env[variable] || fallback;
      if (value) (headers ??= {})[name] = value;
    }
    let upstreamModel = resolution.upstreamModel;
    if (spec.modelPrefix && !upstreamModel.startsWith('accounts/')) upstreamModel = spec.modelPrefix + upstreamModel;
    const target: AdapterTarget = Object.freeze({
      provider: resolution.provider,
      model: upstreamModel,
      apiBase,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(apiVersion === undefined ? {} : { apiVersion }),
      params: configured.params,
      dropParams: configured.dropParams,
      ...(headers ? { headers } : {}),
    });
    return { adapter: await loadAdapter(spec.adapter), target };
  }
}
