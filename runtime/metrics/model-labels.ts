/**
 * The bounded name a request is counted under. Clients choose the `model` string, so
 * counting by it as sent would let anyone grow the counters (and Prometheus series) without
 * limit. A name the config defines (group, alias, deployment id, `litellm_params.model`)
 * counts as itself, a name a wildcard group matched counts under the group's pattern
 * (`openai/*`), and anything else under `(other)`.
 */
import type { RoutingPlan } from '../../compiler/plan/routing-plan.ts';

/** The label of names the config does not define (invalid, or served by default_fallbacks). */
export const otherModelLabel = '(other)';

function patternOf(group: string): RegExp {
  const escaped = group.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

/** Maps requested model names onto a finite label set derived from the plan. */
export class ModelLabels {
  /** Each configured name, mapped to the plan's own copy of it (what the label holds on to). */
  readonly #exact: ReadonlyMap<string, string>;
  readonly #patterns: readonly { readonly group: string; readonly regex: RegExp }[];

  constructor(plan: RoutingPlan) {
    const exact = new Map<string, string>();
    const add = (name: string): void => void exact.set(name, name);
    for (const name of [...Object.keys(plan.groups), ...Object.keys(plan.aliases)]) add(name);
    for (const deployment of plan.deployments) {
      add(deployment.id);
      if (deployment.litellmModel !== undefined) add(deployment.litellmModel);
    }
    this.#exact = exact;
    // plan.wildcards is ordered most specific first, as routing matches them.
    this.#patterns = plan.wildcards.map((group) => ({ group: group.name, regex: patternOf(group.name) }));
  }

  /**
   * The label for a requested model (undefined when the request named none). A configured
   * name comes back as the plan's string, not the request's equal copy, so whatever keeps
   * the label (the recent-requests ring) does not keep a string per request.
   */
  labelOf(model: string | undefined): string {
    if (model === undefined) return otherModelLabel;
    const configured = this.#exact.get(model);
    if (configured !== undefined) return configured;
    for (const pattern of this.#patterns) if (pattern.regex.test(model)) return pattern.group;
    return otherModelLabel;
  }
}
