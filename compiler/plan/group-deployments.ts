/**
 * Groups a deployment list by `model_name`. Shared by lowering and by the startup selection
 * of deployments (runtime/secrets/select-environment.ts), so both build groups the same way.
 */
import type { Deployment, ModelGroup } from './routing-plan.ts';

/** Literal characters in a pattern: more means more specific (tried first). */
function specificity(pattern: string): number {
  return pattern.replace(/\*/g, '').length;
}

/** The groups of a deployment list (indices are positions in `deployments`), and the wildcard ones most specific first. */
export function groupDeployments(deployments: readonly Deployment[]): { groups: Record<string, ModelGroup>; wildcards: ModelGroup[] } {
  const groups: Record<string, ModelGroup> = {};
  const members = new Map<string, number[]>();
  deployments.forEach((deployment, position) => {
    const list = members.get(deployment.group) ?? [];
    list.push(position);
    members.set(deployment.group, list);
  });
  for (const [name, list] of members) groups[name] = { name, deployments: list };
  const wildcards = Object.values(groups)
    .filter((group) => group.name.includes('*'))
    .sort((a, b) => specificity(b.name) - specificity(a.name));
  return { groups, wildcards };
}
