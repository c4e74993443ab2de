/**
 * rpm/tpm on a deployment read like rate limits, but under the default simple-shuffle
 * they are only load-balancing weights, and least-busy ignores them; nothing rejects the
 * 61st request of a minute unless pre-call checks, usage-based-routing-v2 or
 * enforce_model_rate_limits are on (reference §7.5, §12 #16). Reported once per config,
 * at the first rpm/tpm, as an explanation.
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Rule } from './rule.ts';

const enforcingStrategies = new Set(['usage-based-routing', 'usage-based-routing-v2', 'latency-based-routing', 'cost-based-routing']);

export const rpmTpmNotLimits: Rule = {
  id: 'rpm-tpm-not-limits',
  description: 'explains that rpm/tpm are weights, not limits, unless rate limits are enforced',
  check(context) {
    const router = context.index.routerSettings;
    const strategy = typeof router.routing_strategy === 'string' ? router.routing_strategy : 'simple-shuffle';
    if (enforcingStrategies.has(strategy) || router.enable_pre_call_checks === true) return;
    const checks = router.optional_pre_call_checks;
    if (Array.isArray(checks) && checks.includes('enforce_model_rate_limits')) return;
    if (context.index.litellmSettings.enforce_model_rate_limits === true) return;
    let first: string | undefined;
    let count = 0;
    for (const deployment of context.index.deployments) {
      for (const key of ['rpm', 'tpm'] as const) {
        const inParams = deployment.litellmParams[key] !== undefined;
        const atEntry = deployment.entry[key] !== undefined;
        if (!inParams && !atEntry) continue;
        count += 1;
        first ??= inParams ? childPointer(childPointer(deployment.pointer, 'litellm_params'), key) : childPointer(deployment.pointer, key);
        break;
      }
    }
    if (first === undefined) return;
    const role = strategy === 'simple-shuffle' ? 'only load-balancing weights under simple-shuffle, not rate limits' : `not rate limits: ${strategy} does not use them`;
    const others = count > 1 ? ` (${count} deployments set them)` : '';
    context.report({
      pointer: first,
      part: 'key',
      message: `rpm/tpm are ${role}${others}; to enforce them set router_settings.enable_pre_call_checks: true or use usage-based-routing-v2`,
    });
  },
};
