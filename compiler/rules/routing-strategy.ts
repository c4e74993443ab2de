/**
 * `router_settings.routing_strategy` must be one of LiteLLM's strategies, spelt exactly
 * (hyphens). Recent LiteLLM refuses to start on anything else; before PR #18624 every
 * request failed with "No deployments available" instead (reference §12 #1).
 */
import { suggestValue } from '../diagnostics/suggest.ts';
import { routingStrategies } from '../validate/schema-facts.ts';
import { quote } from '../validate/value-at.ts';
import type { Rule } from './rule.ts';

export const routingStrategy: Rule = {
  id: 'routing-strategy',
  description: 'routing_strategy is one of the strategies LiteLLM implements',
  check(context) {
    const settings = context.index.routerSettings;
    if (!Object.hasOwn(settings, 'routing_strategy')) return;
    const value = settings.routing_strategy;
    if (value === null || (typeof value === 'string' && routingStrategies.includes(value))) return;
    const suggestion = typeof value === 'string' ? suggestValue(value, routingStrategies) : undefined;
    const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
    context.report({
      pointer: '/router_settings/routing_strategy',
      part: 'value',
      message: `unknown routing_strategy ${quote(value)}${hint} (LiteLLM refuses to start; valid: ${routingStrategies.join(', ')})`,
      ...(suggestion ? { suggestion } : {}),
    });
  },
};
