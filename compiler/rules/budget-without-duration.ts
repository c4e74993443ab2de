/**
 * A proxy-wide `max_budget` needs `budget_duration` in the same section; LiteLLM refuses to
 * start otherwise ("budget_duration is required to use max_budget", reference §5).
 */
import type { Rule } from './rule.ts';

export const budgetWithoutDuration: Rule = {
  id: 'budget-without-duration',
  description: 'litellm_settings.max_budget comes with budget_duration',
  check(context) {
    const settings = context.index.litellmSettings;
    if (settings.max_budget === undefined || settings.max_budget === null) return;
    if (settings.budget_duration !== undefined && settings.budget_duration !== null && settings.budget_duration !== '') return;
    context.report({
      pointer: '/litellm_settings/max_budget',
      part: 'key',
      message: "litellm_settings.max_budget is set without budget_duration; LiteLLM refuses to start. Add budget_duration (e.g. '30d')",
    });
  },
};
