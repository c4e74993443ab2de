/**
 * Writes `docker-compose.yml` for a bundle: the proxy, plus Redis when the plan uses Redis
 * (shared limits, cooldowns, response cache) and PostgreSQL when it names a database, like
 * the seed guide's litellm-proxy + redis + postgres, minus the services the plan would never
 * talk to. Secrets are passed through from the caller's environment (`${NAME}`), never written.
 */
import { Scalar, stringify } from 'yaml';
import type { MaybeSecret, RedisSettings, RoutingPlan } from '../plan/routing-plan.ts';
import type { PlanEnvVar } from './plan-env-vars.ts';
import type { ExtraEnvVar } from './emit-env-example.ts';

/** The compose file and what else it needs. */
export interface ComposeOutput {
  readonly text: string;
  /** Which of the optional services it contains. */
  readonly services: { readonly redis: boolean; readonly postgres: boolean };
  /** Variables the compose file itself introduces (for .env.example). */
  readonly extraVars: readonly ExtraEnvVar[];
  /** Settings that will not work inside compose as written (literal hosts …). */
  readonly warnings: readonly string[];
}

const redisPort = 6379;

/** Builds docker-compose.yml for `plan`. */
export function emitCompose(plan: RoutingPlan, vars: readonly PlanEnvVar[], configName: string): ComposeOutput {
  const environment: Record<string, string> = {};
  // Pass-through first; the wiring below replaces the variables that must point at services.
  // Required ones as plain `${NAME}` (compose warns when unset, the proxy then names it);
  // optional ones as `${NAME:-}` so an unset one stays quiet (the runtime treats '' as unset).
  for (const entry of vars) environment[entry.name] = entry.required ? `\${${entry.name}}` : `\${${entry.name}:-}`;
  const warnings: string[] = [];
  const extraVars: ExtraEnvVar[] = [];
  let redisPassword: string | undefined;

  const redisSettings: { settings: RedisSettings | undefined; where: string }[] = [];
  if (plan.router.redis && (plan.router.redis.url !== undefined || plan.router.redis.host !== undefined)) {
    redisSettings.push({ settings: plan.router.redis, where: 'router_settings.redis_' });
  }
  const redisCache = plan.cache.enabled && plan.cache.type === 'redis';
  if (redisCache) redisSettings.push({ settings: plan.cache.redis, where: 'cache_params.' });
  const redis = redisSettings.length > 0;
  for (const { settings, where } of redisSettings) {
    if (settings === undefined) {
      // create-response-cache.ts reads REDIS_URL / REDIS_HOST when cache_params name no server.
      delete environment.REDIS_URL;
      environment.REDIS_HOST = 'redis';
      environment.REDIS_PORT = String(redisPort);
      continue;
    }
    wire(settings.url, `${where}url`, `redis://redis:${redisPort}`);
    wire(settings.host, `${where}host`, 'redis');
    wire(settings.port, `${where}port`, String(redisPort));
    if (settings.password !== undefined && typeof settings.password === 'object') redisPassword = settings.password.env;
  }

  let postgres = false;
  const databaseUrl = plan.auth.databaseUrl;
  if (databaseUrl !== undefined) {
    postgres = true;
    extraVars.push({ name: 'POSTGRES_PASSWORD', comment: 'password of the compose PostgreSQL service' });
    wire(databaseUrl, 'general_settings.database_url', 'postgresql://litegate:${POSTGRES_PASSWORD}@postgres:5432/litegate');
  }

  /** Points an `os.environ/NAME` setting at a compose service; warns about literals that cannot reach it. */
  function wire(value: MaybeSecret | number | undefined, setting: string, inCompose: string): void {
    if (value === undefined) return;
    if (typeof value === 'object') {
      environment[value.env] = inCompose;
      return;
    }
    if (String(value) === inCompose) return;
    warnings.push(`${setting} is written literally in the config; inside docker compose the service is at '${inCompose.replace(/\$\{[^}]*\}/g, '…')}' (use os.environ/NAME to let compose set it)`);
  }

  const dependsOn: Record<string, { condition: string }> = {};
  if (redis) dependsOn.redis = { condition: 'service_healthy' };
  if (postgres) dependsOn.postgres = { condition: 'service_healthy' };
  const services: Record<string, unknown> = {
    'litegate-proxy': {
      build: '.',
      image: 'litegate-proxy:latest',
      ports: [quoted('4000:4000')],
      ...(Object.keys(environment).length > 0 ? { environment } : {}),
      ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
      restart: 'unless-stopped',
    },
  };
  if (redis) {
    services.redis = {
      image: 'redis:7-alpine',
      ...(redisPassword ? { command: ['redis-server', '--requirepass', `\${${redisPassword}}`] } : {}),
      healthcheck: { test: redisPassword ? ['CMD-SHELL', `redis-cli -a "$$${redisPassword}" ping`] : ['CMD', 'redis-cli', 'ping'], interval: '10s', timeout: '5s', retries: 5 },
      ...(redisPassword ? { environment: { [redisPassword]: `\${${redisPassword}}` } } : {}),
      restart: 'unless-stopped',
    };
  }
  if (postgres) {
    services.postgres = {
      image: 'postgres:16-alpine',
      environment: { POSTGRES_DB: 'litegate', POSTGRES_USER: 'litegate', POSTGRES_PASSWORD: '${POSTGRES_PASSWORD}' },
      volumes: ['postgres-data:/var/lib/postgresql/data'],
      healthcheck: { test: ['CMD-SHELL', 'pg_isready -U litegate -d litegate'], interval: '10s', timeout: '5s', retries: 5 },
      restart: 'unless-stopped',
    };
  }
  const document = { services, ...(postgres ? { volumes: { 'postgres-data': {} } } : {}) };
  const header = [
    `# generated by \`litegate build\` from ${configName}; do not edit (rebuild instead)`,
    '# Secrets are read from your shell or a .env file next to this one (see .env.example).',
    `# Services: litegate-proxy${redis ? ' + redis' : ''}${postgres ? ' + postgres' : ''} (redis and postgres are added only when the config uses them).`,
    '',
  ].join('\n');
  return { text: header + stringify(document, { lineWidth: 0 }), services: { redis, postgres }, extraVars, warnings };
}

/** A double-quoted scalar: `host:container` pairs are quoted so no YAML 1.1 parser reads them as base-60 numbers. */
function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
