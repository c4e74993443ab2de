/**
 * What model names a plan answers to, precomputed once: the exact-name set (groups,
 * aliases, deployment ids, underlying litellm model strings), the wildcard patterns, and
 * the JSON of `/v1/models` and `/model/info` (which never contain a secret).
 * Resolution order mirrors litellm-config.md §7.2; the router does the picking.
 */
import type { Deployment, RoutingPlan } from '../../compiler/plan/routing-plan.ts';

interface Pattern {
  readonly group: string;
  readonly regex: RegExp;
}

function patternOf(group: string): RegExp {
  const escaped = group.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('(.*)')}$`, 's');
}

// Keys whose values are credentials, or may hold them: never shown by /model/info.
const hiddenParams = new Set(['api_key', 'extra_headers', 'azure_ad_token', 'aws_secret_access_key', 'aws_session_token', 'vertex_credentials', 'client_secret']);

function isRef(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'env' in value;
}

function containsRef(value: unknown): boolean {
  if (isRef(value)) return true;
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsRef);
  return false;
}

/** litellm_params as /model/info shows them: no keys, no values that came from the environment. */
export function publicParams(deployment: Deployment): Record<string, unknown> {
  const out: Record<string, unknown> = { model: deployment.litellmModel ?? `${deployment.provider}/${deployment.upstreamModel}` };
  if (typeof deployment.apiBase === 'string') out.api_base = deployment.apiBase;
  if (typeof deployment.apiVersion === 'string') out.api_version = deployment.apiVersion;
  for (const [key, value] of [
    ['rpm', deployment.rpm], ['tpm', deployment.tpm], ['weight', deployment.weight], ['order', deployment.order],
    ['timeout', deployment.timeout], ['stream_timeout', deployment.streamTimeout], ['max_parallel_requests', deployment.maxParallelRequests],
    ['tags', deployment.tags],
  ] as const) {
    if (value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(deployment.params)) {
    if (!hiddenParams.has(key) && !containsRef(value)) out[key] = value;
  }
  return out;
}

/** The name lookup and listings a proxy serves. */
export class ModelDirectory {
  readonly #exact: ReadonlySet<string>;
  readonly #patterns: readonly Pattern[];
  readonly #catchAll: boolean;
  /** Body of GET /v1/models. */
  readonly modelsJson: string;
  readonly #infoEntries: readonly { readonly id: string; readonly entry: object }[];
  readonly #listed: ReadonlySet<string>;

  constructor(plan: RoutingPlan) {
    const exact = new Set<string>();
    for (const name of Object.keys(plan.groups)) exact.add(name);
    for (const alias of Object.keys(plan.aliases)) exact.add(alias);
    for (const deployment of plan.deployments) {
      exact.add(deployment.id);
      if (deployment.litellmModel) exact.add(deployment.litellmModel);
    }
    this.#exact = exact;
    this.#patterns = plan.wildcards.map((group) => ({ group: group.name, regex: patternOf(group.name) }));
    // default_fallbacks (a "*" fallback entry) lets the router answer any name (§7.2 step 6).
    this.#catchAll = (plan.router.fallbacks?.['*']?.length ?? 0) > 0;

    const listed = [...Object.keys(plan.groups), ...Object.entries(plan.aliases).filter(([, target]) => !target.hidden).map(([alias]) => alias)];
    this.#listed = new Set(listed);
    this.modelsJson = JSON.stringify({
      object: 'list',
      data: [...this.#listed].map((id) => ({ id, object: 'model', created: 1677610602, owned_by: 'openai' })),
    });
    this.#infoEntries = plan.deployments.map((deployment) => ({
      id: deployment.id,
      entry: {
        model_name: deployment.group,
        litellm_params: publicParams(deployment),
        model_info: {
          ...deployment.modelInfo,
          id: deployment.id,
          db_model: false,
          litellm_provider: deployment.provider,
          mode: deployment.mode,
          max_tokens: deployment.maxOutputTokens ?? null,
          max_input_tokens: deployment.maxInputTokens ?? null,
          max_output_tokens: deployment.maxOutputTokens ?? null,
          input_cost_per_token: deployment.inputCostPerToken ?? null,
          output_cost_per_token: deployment.outputCostPerToken ?? null,
        },
      },
    }));
  }

  /** True when a request for `model` can be routed (else the proxy answers 400 "Invalid model name"). */
  isKnown(model: string): boolean {
    if (this.#exact.has(model) || this.#catchAll) return true;
    for (const pattern of this.#patterns) if (pattern.regex.test(model)) return true;
    return false;
  }

  /** Body of GET /v1/models/{id}: the model object, or undefined when the name is not listed. */
  modelJson(id: string): string | undefined {
    return this.#listed.has(id) ? JSON.stringify({ id, object: 'model', created: 1677610602, owned_by: 'openai' }) : undefined;
  }

  /** Body of GET /model/info, optionally for one deployment id. */
  modelInfoJson(deploymentId?: string): string {
    const entries = deploymentId === undefined ? this.#infoEntries : this.#infoEntries.filter((item) => item.id === deploymentId);
    return JSON.stringify({ data: entries.map((item) => item.entry) });
  }
}
