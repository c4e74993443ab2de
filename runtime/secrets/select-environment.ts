/**
 * `model_info.supported_environments` (reference §2.3): a deployment that lists environments
 * is served only when `LITELLM_ENVIRONMENT` names one of them. The environment is known only
 * where the proxy starts, not where the config is compiled, so the selection happens at
 * startup, on the plan: the deployments left out disappear from groups, `/v1/models`, routing
 * and health checks, exactly as if the config had not listed them.
 */
import { groupDeployments } from '../../compiler/plan/group-deployments.ts';
import type { Deployment, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import { MissingSecretError } from './resolve-targets.ts';

/** The variable LiteLLM reads the current environment from. */
export const environmentVariable = 'LITELLM_ENVIRONMENT';

/** The values LiteLLM accepts in supported_environments. */
export const knownEnvironments: readonly string[] = ['development', 'staging', 'production'];

/** A supported_environments list that cannot be honoured (stops startup, as in LiteLLM). */
export class EnvironmentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentConfigError';
  }
}

function where(deployment: Deployment): string {
  return `model_list entry ${deployment.index} ('${deployment.group}') model_info.supported_environments`;
}

/** The deployment's list, or undefined when it does not restrict environments. */
function supportedEnvironments(deployment: Deployment): readonly unknown[] | undefined {
  const value = deployment.modelInfo.supported_environments;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new EnvironmentConfigError(`${where(deployment)} must be a list of ${knownEnvironments.join(', ')}`);
  return value;
}

/**
 * The plan as served in `environment` (the value of LITELLM_ENVIRONMENT). Returns `plan`
 * itself when no deployment restricts environments. Throws MissingSecretError when some do
 * and the variable is unset, and EnvironmentConfigError for a value LiteLLM rejects.
 */
export function selectEnvironment(plan: RoutingPlan, environment: string | undefined): RoutingPlan {
  const restricted = plan.deployments.filter((deployment) => supportedEnvironments(deployment) !== undefined);
  if (restricted.length === 0) return plan;
  for (const deployment of restricted) {
    for (const value of supportedEnvironments(deployment)!) {
      if (typeof value !== 'string' || !knownEnvironments.includes(value)) {
        throw new EnvironmentConfigError(`${where(deployment)}: ${JSON.stringify(value)} is not one of ${knownEnvironments.join(', ')}`);
      }
    }
  }
  // LiteLLM refuses to guess: a restricted deployment with no environment set stops startup.
  if (environment === undefined || environment === '') throw new MissingSecretError([{ variable: environmentVariable, where: where(restricted[0]!) }]);
  const kept = plan.deployments.filter((deployment) => supportedEnvironments(deployment)?.includes(environment) ?? true);
  if (kept.length === plan.deployments.length) return plan;
  const { groups, wildcards } = groupDeployments(kept);
  // An alias of a group that is gone would only answer "invalid model" later; dropping it keeps
  // /v1/models honest. Fallback lists keep their names: the router skips a target it cannot resolve.
  const aliases = Object.fromEntries(Object.entries(plan.aliases).filter(([, target]) => plan.groups[target.group] === undefined || groups[target.group] !== undefined));
  return Object.freeze({ ...plan, deployments: Object.freeze(kept), groups: Object.freeze(groups), wildcards: Object.freeze(wildcards), aliases: Object.freeze(aliases) });
}
