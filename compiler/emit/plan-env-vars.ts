/**
 * The environment variables a plan reads when the proxy starts: names only, never values.
 * `.env.example` and docker-compose.yml are written from this list.
 */
import type { RoutingPlan } from '../plan/routing-plan.ts';

/** One variable the bundle reads at startup. */
export interface PlanEnvVar {
  readonly name: string;
  /**
   * True when the config names it with `os.environ/NAME` (the proxy refuses to start
   * without it); false for variables only consulted as a fallback or an option.
   */
  readonly required: boolean;
  /** Where it is used, e.g. `model_list[0] (gpt-4o) api_key`, for the comment beside it. */
  readonly usedBy: string;
}

/** Collects the variables `plan` reads, required ones first, each name once, in plan order. */
export function planEnvVars(plan: RoutingPlan): PlanEnvVar[] {
  const found = new Map<string, { required: boolean; usedBy: string[] }>();
  const add = (name: string | undefined, required: boolean, usedBy: string) => {
    if (name === undefined || name === '') return;
    const entry = found.get(name);
    if (entry === undefined) {
      found.set(name, { required, usedBy: [usedBy] });
      return;
    }
    entry.required ||= required;
    if (!entry.usedBy.includes(usedBy)) entry.usedBy.push(usedBy);
  };
  const optional = (names: readonly string[] | undefined, usedBy: string) => {
    for (const name of names ?? []) add(name, false, usedBy);
  };

  for (const deployment of plan.deployments) {
    const where = `model_list[${deployment.index}] (${deployment.group})`;
    collectRefs(deployment, (name, key) => add(name, true, `${where} ${key}`));
    add(deployment.timeoutEnv, true, `${where} timeout`);
    add(deployment.streamTimeoutEnv, true, `${where} stream_timeout`);
    // The plan lists these fallbacks only where the runtime consults them at startup.
    optional(deployment.apiKeyEnv, `${where} api key`);
    optional(deployment.apiBaseEnv, `${where} api base`);
    optional(deployment.apiVersionEnv, `${where} api version`);
    for (const [header, source] of Object.entries(deployment.headerEnv ?? {})) add(source.env, false, `${where} ${header} header`);
  }
  collectRefs(plan.router, (name, key) => add(name, true, `router_settings ${key}`));
  add(plan.router.timeoutEnv, true, 'router_settings timeout');
  add(plan.router.streamTimeoutEnv, true, 'router_settings stream_timeout');
  collectRefs(plan.cache, (name, key) => add(name, true, `cache ${key}`));
  if (plan.cache.enabled && plan.cache.type === 'redis' && plan.cache.redis === undefined) {
    // create-response-cache.ts falls back to these when cache_params name no server.
    optional(['REDIS_URL', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'], 'redis response cache');
  }
  collectRefs(plan.auth, (name, key) => add(name, true, `general_settings ${key}`));
  add(plan.auth.masterKeyEnv, false, 'master key: clients send it as `Authorization: Bearer …`; without it the proxy is open to anyone who can reach it');
  add(plan.auth.databaseUrlEnv, false, 'PostgreSQL url for virtual keys and spend logs (unset: off)');
  collectRefs(plan.environment, (name, key) => add(name, true, `environment_variables.${key}`));
  if (plan.deployments.some((deployment) => deployment.modelInfo['supported_environments'] !== undefined)) {
    add('LITELLM_ENVIRONMENT', false, 'model_info.supported_environments');
  }

  const list = [...found].map(([name, entry]) => ({ name, required: entry.required, usedBy: entry.usedBy.join(', ') }));
  return [...list.filter((entry) => entry.required), ...list.filter((entry) => !entry.required)];
}

/** Calls `visit` for each `{ env: NAME }` reference under `value`, with the key it sits at. */
function collectRefs(value: unknown, visit: (name: string, key: string) => void, key = ''): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, visit, key);
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'env' && typeof record.env === 'string') {
    visit(record.env, key);
    return;
  }
  for (const [child, inner] of Object.entries(record)) {
    // headerEnv entries are `{ env, fallback }`: optional, handled by the caller.
    if (child === 'headerEnv') continue;
    collectRefs(inner, visit, snakeCase(child));
  }
}

/** `apiKey` → `api_key`, so comments use the config's spelling. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
