/**
 * model_info.id identifies one deployment (cooldowns, usage counters, `x-litellm-model-id`,
 * id-addressed fallbacks). Two deployments with one id share that state, and LiteLLM keeps
 * only one of them in its id index, so the other is unreachable by id.
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Rule } from './rule.ts';

export const duplicateDeploymentId: Rule = {
  id: 'duplicate-deployment-id',
  description: 'model_info.id values are unique across model_list',
  check(context) {
    for (const [id, indices] of context.index.ids) {
      if (indices.length < 2) continue;
      const first = indices[0]!;
      for (const index of indices.slice(1)) {
        context.report({
          pointer: childPointer(childPointer(childPointer('/model_list', index), 'model_info'), 'id'),
          part: 'value',
          message: `deployment id '${id}' is already used by model_list[${first}]; ids must be unique (cooldowns, usage and id routing would mix the two)`,
        });
      }
    }
  },
};
