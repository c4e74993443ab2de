/** Builds small RoutingPlans for router tests without going through YAML. */
import type { Deployment, RouterPlan, RoutingPlan } from '../../../compiler/plan/routing-plan.ts';

/** A deployment: id and group required, the rest defaulted. */
export type DeploymentSpec = Partial<Deployment> & { readonly id: string; readonly group: string };

/** A deployment with test defaults (openai adapter, chat mode). */
export function deployment(spec: DeploymentSpec, index = 0): Deployment {
  return {
    index,
    provider: 'openai',
    adapter: 'openai',
    upstreamModel: spec.group,
    mode: 'chat',
    params: {},
    modelInfo: {},
    wildcard: spec.group.includes('*'),
    ...spec,
  };
}

/** router_settings as lowerToPlan fills them when the config sets none. */
export const defaultRouter: RouterPlan = {
  strategy: 'simple-shuffle',
  strategyArgs: {},
  numRetries: 2,
  retryAfter: 0,
  allowedFails: 3,
  cooldownTime: 5,
  disableCooldowns: false,
  maxFallbacks: 5,
  timeout: 6000,
  enablePreCallChecks: false,
  enforceModelRateLimits: false,
};

/** Deployments, router settings and aliases of a test plan. */
export interface PlanSpec {
  readonly deployments: readonly DeploymentSpec[];
  readonly router?: Partial<RouterPlan>;
  readonly aliases?: Readonly<Record<string, string | { readonly group: string; readonly hidden: boolean }>>;
}

/** A plan whose groups and wildcards are derived from the deployments, like lowerToPlan. */
export function buildPlan(spec: PlanSpec): RoutingPlan {
  const deployments = spec.deployments.map((item, index) => deployment(item, index));
  const groups: Record<string, { name: string; deployments: number[] }> = {};
  for (const item of deployments) (groups[item.group] ??= { name: item.group, deployments: [] }).deployments.push(item.index);
  const wildcards = Object.values(groups)
    .filter((group) => group.name.includes('*'))
    .sort((a, b) => b.name.replace(/\*/g, '').length - a.name.replace(/\*/g, '').length);
  const aliases = Object.fromEntries(Object.entries(spec.aliases ?? {}).map(([alias, target]) => [alias, typeof target === 'string' ? { group: target, hidden: false } : target]));
  return {
    source: '/test/config.yaml',
    deployments,
    groups,
    wildcards,
    aliases,
    router: { ...defaultRouter, ...spec.router },
    cache: { enabled: false, type: 'local', mode: 'default_off' },
    auth: {},
    server: { dropParams: false, healthCheckDetails: true, backgroundHealthChecks: false, healthCheckInterval: 300 },
    environment: {},
  };
}

/** A clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 10, 27, 12, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
