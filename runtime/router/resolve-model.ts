/**
 * Turns the `model` of a request (or of a fallback hop) into the deployments that may serve
 * it, in LiteLLM's order (reference §7.2, §7.13 item 1):
 *   alias → group name → deployment id → wildcard pattern → underlying model name
 *   → the first default fallback → nothing (400).
 * A group name beats a deployment id of the same spelling (LiteLLM 2026; V25 let the id win).
 */
import type { Deployment, ModelGroup, RoutingPlan } from '../../compiler/plan/routing-plan.ts';

/** Which resolution rule matched a name. */
export type ResolvedVia = 'group' | 'alias' | 'id' | 'wildcard' | 'model-name' | 'default-fallback';

/** The deployments that may serve a name, and how the name was resolved. */
export interface Resolution {
  /** The name as requested at this hop (keys fallbacks, as in LiteLLM). */
  readonly requested: string;
  /** The group whose deployments serve it (the alias target, the pattern, …). */
  readonly group: string;
  /** Candidates in config order; for wildcards, copies with the model substituted. */
  readonly deployments: readonly Deployment[];
  readonly via: ResolvedVia;
}

interface Pattern {
  readonly group: ModelGroup;
  readonly regex: RegExp;
}

/** Precomputed lookups over a plan (built once per router). */
export class ModelResolver {
  readonly #plan: RoutingPlan;
  readonly #byId = new Map<string, Deployment>();
  readonly #byModelName = new Map<string, Deployment[]>();
  readonly #patterns: Pattern[];
  readonly #cache = new Map<string, Resolution | null>();

  constructor(plan: RoutingPlan) {
    this.#plan = plan;
    for (const deployment of plan.deployments) {
      if (!this.#byId.has(deployment.id)) this.#byId.set(deployment.id, deployment);
      if (deployment.wildcard) continue;
      // LiteLLM matches litellm_params.model as written; plans built without it match either spelling.
      const names = deployment.litellmModel !== undefined ? [deployment.litellmModel] : [`${deployment.provider}/${deployment.upstreamModel}`, deployment.upstreamModel];
      for (const name of new Set(names)) {
        const list = this.#byModelName.get(name) ?? [];
        list.push(deployment);
        this.#byModelName.set(name, list);
      }
    }
    this.#patterns = plan.wildcards.map((group) => ({ group, regex: patternRegex(group.name) }));
  }

  /** The resolution for `name`, or undefined when nothing can serve it. */
  resolve(name: string): Resolution | undefined {
    // Wildcard resolutions depend on the name; caching all names would grow without bound.
    const cached = this.#cache.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const resolution = this.#resolveUncached(name);
    if (resolution?.via !== 'wildcard' && this.#cache.size < 10_000) this.#cache.set(name, resolution ?? null);
    return resolution;
  }

  /**
   * `specific_deployment: true` in the body: the deployments whose litellm_params.model is
   * exactly `name` (cooldown and filters still apply), else undefined.
   */
  resolveSpecific(name: string): Resolution | undefined {
    const deployments = this.#byModelName.get(name);
    return deployments ? { requested: name, group: deployments[0]!.group, deployments, via: 'model-name' } : undefined;
  }

  /** Deployments of an exact group name (no alias or pattern resolution). */
  groupDeployments(name: string): readonly Deployment[] {
    const group = this.#plan.groups[name];
    return group ? group.deployments.map((index) => this.#plan.deployments[index]!) : [];
  }

  /** The alias target of `name`, if it is a model_group_alias. */
  aliasTarget(name: string): string | undefined {
    return this.#plan.aliases[name]?.group;
  }

  #resolveUncached(requested: string): Resolution | undefined {
    const alias = this.#plan.aliases[requested];
    const name = alias?.group ?? requested;
    const via: ResolvedVia = alias ? 'alias' : 'group';
    const group = this.groupDeployments(name);
    if (group.length > 0) return { requested, group: name, deployments: group, via };
    const byId = this.#byId.get(name);
    if (byId) return { requested, group: byId.group, deployments: [byId], via: 'id' };
    for (const pattern of this.#patterns) {
      const match = pattern.regex.exec(name);
      if (!match) continue;
      const deployments = pattern.group.deployments.map((index) => substitute(this.#plan.deployments[index]!, match.slice(1)));
      if (deployments.length > 0) return { requested, group: pattern.group.name, deployments, via: 'wildcard' };
    }
    const byModel = this.#byModelName.get(name);
    if (byModel) return { requested, group: byModel[0]!.group, deployments: byModel, via: 'model-name' };
    const defaultTarget = this.#plan.router.fallbacks?.['*']?.[0];
    if (defaultTarget !== undefined) {
      const deployments = this.groupDeployments(defaultTarget);
      if (deployments.length > 0) return { requested, group: defaultTarget, deployments, via: 'default-fallback' };
    }
    return undefined;
  }
}

/** `openai/*` → /^openai\/(.*)$/ */
function patternRegex(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('(.*)');
  return new RegExp(`^${source}$`);
}

/**
 * The deployment with each `*` of its upstream model replaced by the matching part of the
 * request (`openai/*` serving `openai/gpt-4o` calls `gpt-4o`).
 */
function substitute(deployment: Deployment, captures: readonly string[]): Deployment {
  if (!deployment.upstreamModel.includes('*')) return deployment;
  let index = 0;
  const upstreamModel = deployment.upstreamModel.replace(/\*/g, () => captures[Math.min(index++, captures.length - 1)] ?? '');
  return { ...deployment, upstreamModel };
}
