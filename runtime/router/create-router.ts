/**
 * PLACEHOLDER router until runtime/router lands: exact group match, first deployment,
 * no retries, fallbacks or cooldowns. Same signature as the real one.
 */
import type { RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import { RoutingError, type Router } from './types.ts';

export interface RouterDependencies {
  readonly now?: () => number;
  readonly random?: () => number;
}

export async function createRouter(plan: RoutingPlan, _dependencies: RouterDependencies = {}): Promise<Router> {
  return {
    async execute(request, attempt) {
      const groupName = plan.aliases[request.model]?.group ?? request.model;
      const group = plan.groups[groupName];
      const deployment = group && plan.deployments[group.deployments[0]!];
      if (!deployment) {
        throw new RoutingError({
          status: 400,
          message: `Invalid model name passed in model=${request.model}. Call \`/v1/models\` to view available models for your key.`,
          type: 'invalid_request_error',
          code: '400',
          param: 'model',
          errorClass: 'BadRequestError',
          retryable: false,
        });
      }
      const value = await attempt(deployment, { group: groupName, attempt: 0, signal: request.signal });
      return { value, deployment, group: groupName, attemptedRetries: 0, attemptedFallbacks: 0, settle: () => {} };
    },
    async close() {},
  };
}
