/**
 * The files `litegate build` writes next to the bundle, checked as text (no Docker engine
 * here): which modules a plan selects, which environment variables it reads, the
 * Dockerfile, docker-compose.yml (services only when the config uses them, secrets passed
 * through by name), .env.example (names, never values), and the generated contract tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileText } from '../../../compiler/compile.ts';
import { selectModules } from '../../../compiler/emit/bundle-selection.ts';
import { emitCompose } from '../../../compiler/emit/emit-compose.ts';
import { contractGroups, emitContractTests } from '../../../compiler/emit/emit-contract-tests.ts';
import { emitDockerfile } from '../../../compiler/emit/emit-dockerfile.ts';
import { emitEntry } from '../../../compiler/emit/emit-entry.ts';
import { emitEnvExample } from '../../../compiler/emit/emit-env-example.ts';
import { exclusionsFor } from '../../../compiler/emit/exclude-unused-plugin.ts';
import { planEnvVars } from '../../../compiler/emit/plan-env-vars.ts';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import type { RoutingPlan } from '../../../compiler/plan/routing-plan.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function planOf(yaml: string, path = `${root}fixtures/configs/inline.yaml`): RoutingPlan {
  const result = compileText(path, yaml);
  expect(result.errorCount, JSON.stringify(result.files)).toBe(0);
  return lowerToPlan(result.config!, path);
}

function planOfFile(relative: string): RoutingPlan {
  const path = `${root}${relative}`;
  return planOf(readFileSync(path, 'utf8'), path);
}

const seed = planOfFile('fixtures/configs/seed-guide.yaml');

const redisAndDatabase = planOf(`
model_list:
  - model_name: fast
    litellm_params:
      model: openai/gpt-4o-mini
      api_key: os.environ/OPENAI_API_KEY
  - model_name: fast
    litellm_params:
      model: azure/gpt-4o-mini
      api_base: os.environ/AZURE_API_BASE
      api_key: os.environ/AZURE_API_KEY
      api_version: "2024-10-21"
router_settings:
  routing_strategy: latency-based-routing
  redis_host: os.environ/REDIS_HOST
  redis_port: os.environ/REDIS_PORT
  redis_password: os.environ/REDIS_PASSWORD
litellm_settings:
  cache: true
  cache_params:
    type: redis
    host: os.environ/REDIS_HOST
    port: os.environ/REDIS_PORT
    password: os.environ/REDIS_PASSWORD
general_settings:
  database_url: os.environ/DATABASE_URL
  master_key: os.environ/PROXY_MASTER_KEY
`);

describe('selectModules', () => {
  it('selects the seed guide’s three adapters, least-busy and no Redis', () => {
    expect(selectModules(seed)).toEqual({ adapters: ['openai', 'deepseek', 'anthropic'], allAdapters: false, strategy: 'least-busy', redisState: false, redisCache: false });
  });

  it('selects the Redis state and cache when router_settings and cache_params name a server', () => {
    const selection = selectModules(redisAndDatabase);
    expect(selection).toMatchObject({ adapters: ['openai', 'azure'], strategy: 'latency-based-routing', redisState: true, redisCache: true });
  });

  it('keeps every adapter for a deployment that takes its provider from the request (model: "*")', () => {
    const plan = planOf('model_list:\n  - model_name: "*"\n    litellm_params:\n      model: "*"\n');
    const selection = selectModules(plan);
    expect(selection.allAdapters).toBe(true);
    expect(selection.adapters).toHaveLength(7);
    expect(exclusionsFor(selection).filter((exclusion) => exclusion.what.includes('adapter'))).toEqual([]);
  });
});

describe('exclusionsFor (what the bundle leaves out)', () => {
  it('stubs every other adapter and strategy, and both Redis modules, for the seed guide', () => {
    const what = exclusionsFor(selectModules(seed)).map((exclusion) => exclusion.what);
    expect(what).toEqual([
      "the 'azure' provider adapter",
      "the 'gemini' provider adapter",
      "the 'ollama' provider adapter",
      "the 'ollama_chat' provider adapter",
      "the 'simple-shuffle' routing strategy",
      "the 'latency-based-routing' routing strategy",
      "the 'usage-based-routing' routing strategy",
      "the 'usage-based-routing-v2' routing strategy",
      "the 'cost-based-routing' routing strategy",
      'Redis router state',
      'the Redis response cache',
    ]);
  });

  it('keeps the Redis modules when the plan uses them', () => {
    const what = exclusionsFor(selectModules(redisAndDatabase)).map((exclusion) => exclusion.what);
    expect(what.some((entry) => entry.includes('Redis'))).toBe(false);
  });
});

describe('emitEntry', () => {
  it('imports exactly the selected adapters and strategy and embeds the plan', () => {
    const entry = emitEntry(seed, selectModules(seed), { configName: 'seed-guide.yaml', version: 'litegate-9.9.9' });
    const imports = [...entry.matchAll(/^import \w+ from '([^']+)';$/gm)].map((match) => match[1]);
    expect(imports).toEqual(['./runtime/providers/openai/adapter.ts', './runtime/providers/deepseek/adapter.ts', './runtime/providers/anthropic/adapter.ts']);
    expect(entry).toContain(`import strategy from "./runtime/router/strategies/least-busy.ts";`);
    expect(entry.split('\n')[0]).toBe('// generated by `litegate build` from seed-guide.yaml; do not edit');
    const embedded = /^const plan = (.*);$/m.exec(entry)![1]!;
    expect(JSON.parse(embedded)).toEqual(seed);
    expect(entry).toContain('const version = "litegate-9.9.9";');
  });
});

describe('planEnvVars', () => {
  it('lists the seed guide’s keys as required and the fallbacks as optional', () => {
    const vars = planEnvVars(seed);
    expect(vars.filter((entry) => entry.required).map((entry) => entry.name)).toEqual(['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'DEEPSEEK_API_KEY']);
    expect(vars.find((entry) => entry.name === 'LITELLM_MASTER_KEY')).toMatchObject({ required: false });
    expect(vars.find((entry) => entry.name === 'OPENAI_API_KEY')?.usedBy).toBe('model_list[0] (gpt-4o) api_key');
  });

  it('merges a variable used in several places into one entry', () => {
    const vars = planEnvVars(redisAndDatabase);
    const host = vars.filter((entry) => entry.name === 'REDIS_HOST');
    expect(host).toHaveLength(1);
    expect(host[0]).toMatchObject({ required: true, usedBy: 'router_settings host, cache host' });
    expect(vars.map((entry) => entry.name)).toContain('PROXY_MASTER_KEY');
    // The master key is configured, so LITELLM_MASTER_KEY is not read.
    expect(vars.map((entry) => entry.name)).not.toContain('LITELLM_MASTER_KEY');
  });
});

describe('emitDockerfile', () => {
  const dockerfile = emitDockerfile({ configName: 'seed-guide.yaml' });

  it('runs the bundle on Node 24 as the unprivileged node user with no install step', () => {
    expect(dockerfile).toMatch(/^FROM node:24-alpine$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^COPY --chown=node:node server\.mjs server\.mjs\.map plan\.json \.\/$/m);
    expect(dockerfile).not.toMatch(/npm (install|ci)/);
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "--max-semi-space-size=8", "--heap-growing-percent=30", "--no-maglev", "server\.mjs"\]$/m);
    // USER comes before CMD, so the server never runs as root.
    expect(dockerfile.indexOf('USER node')).toBeLessThan(dockerfile.indexOf('CMD ["node", "--enable'));
  });

  it('listens on 0.0.0.0:4000 and checks /health/liveliness', () => {
    expect(dockerfile).toMatch(/^EXPOSE 4000$/m);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["node", "-e", ".*\/health\/liveliness.*"\]$/m);
  });
});

describe('emitCompose', () => {
  it('runs only the proxy for the seed guide (in-memory cache, no database) and passes keys through', () => {
    const compose = emitCompose(seed, planEnvVars(seed), 'seed-guide.yaml');
    const document = parse(compose.text) as { services: Record<string, { environment?: Record<string, string>; ports?: string[]; build?: string }> };
    expect(Object.keys(document.services)).toEqual(['litegate-proxy']);
    expect(compose.services).toEqual({ redis: false, postgres: false });
    const proxy = document.services['litegate-proxy']!;
    expect(proxy.build).toBe('.');
    expect(proxy.ports).toEqual(['4000:4000']);
    expect(proxy.environment).toMatchObject({
      OPENAI_API_KEY: '${OPENAI_API_KEY}',
      ANTHROPIC_API_KEY: '${ANTHROPIC_API_KEY}',
      DEEPSEEK_API_KEY: '${DEEPSEEK_API_KEY}',
      LITELLM_MASTER_KEY: '${LITELLM_MASTER_KEY:-}',
    });
    // Every value is a reference to the caller's environment.
    for (const value of Object.values(proxy.environment!)) expect(value).toMatch(/^\$\{[A-Z_]+(:-)?\}$/);
    expect(compose.text).toMatch(/^ {6}- "4000:4000"$/m);
  });

  it('adds redis and postgres when the config uses them and points the variables at them', () => {
    const compose = emitCompose(redisAndDatabase, planEnvVars(redisAndDatabase), 'inline.yaml');
    const document = parse(compose.text) as {
      services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown>; command?: string[]; image?: string }>;
      volumes?: Record<string, unknown>;
    };
    expect(Object.keys(document.services)).toEqual(['litegate-proxy', 'redis', 'postgres']);
    const proxy = document.services['litegate-proxy']!;
    expect(proxy.environment).toMatchObject({
      REDIS_HOST: 'redis',
      REDIS_PORT: '6379',
      REDIS_PASSWORD: '${REDIS_PASSWORD}',
      DATABASE_URL: 'postgresql://litegate:${POSTGRES_PASSWORD}@postgres:5432/litegate',
      AZURE_API_KEY: '${AZURE_API_KEY}',
      PROXY_MASTER_KEY: '${PROXY_MASTER_KEY}',
    });
    expect(Object.keys(proxy.depends_on!)).toEqual(['redis', 'postgres']);
    expect(document.services.redis!.command).toEqual(['redis-server', '--requirepass', '${REDIS_PASSWORD}']);
    expect(document.services.postgres!.image).toMatch(/^postgres:/);
    expect(document.volumes).toHaveProperty('postgres-data');
    expect(compose.extraVars.map((entry) => entry.name)).toEqual(['POSTGRES_PASSWORD']);
  });

  it('warns when a literal Redis host cannot reach the compose service (the standard port is fine)', () => {
    const plan = planOf('model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: os.environ/OPENAI_API_KEY\nrouter_settings:\n  redis_host: localhost\n  redis_port: 6379\n');
    const compose = emitCompose(plan, planEnvVars(plan), 'inline.yaml');
    expect(compose.services.redis).toBe(true);
    expect(compose.warnings).toEqual([
      "router_settings.redis_host is written literally in the config; inside docker compose the service is at 'redis' (use os.environ/NAME to let compose set it)",
    ]);
  });
});

describe('emitEnvExample', () => {
  it('lists names with empty values: required ones set, optional ones commented out', () => {
    const text = emitEnvExample(planEnvVars(seed), [], 'seed-guide.yaml');
    // HOST and PORT are shown with their defaults; every other variable is a name only.
    const assignments = text.split('\n').filter((line) => /^#? ?[A-Z_]+=/.test(line) && !/^# (HOST|PORT)=/.test(line));
    expect(assignments.length).toBeGreaterThanOrEqual(6);
    for (const line of assignments) expect(line).toMatch(/=$/);
    expect(text).toMatch(/^OPENAI_API_KEY=$/m);
    expect(text).toMatch(/^DEEPSEEK_API_KEY=$/m);
    expect(text).toMatch(/^# LITELLM_MASTER_KEY=$/m);
    expect(text.indexOf('OPENAI_API_KEY=')).toBeLessThan(text.indexOf('# optional'));
  });
});

describe('emitContractTests', () => {
  it('tests every exact group in its mode and the unknown-model error', () => {
    const gemini = planOfFile('fixtures/configs/providers/gemini.yaml');
    expect(contractGroups(gemini)).toEqual([
      { name: 'gemini-flash', mode: 'chat' },
      { name: 'gemini-embedding', mode: 'embedding' },
    ]);
    const text = emitContractTests(gemini, 'gemini.yaml');
    expect(text).toContain("import { test } from 'node:test';");
    expect(text).toContain('const unknownModelSkip = "";');
  });

  it('skips the unknown-model test, with the reason, when a wildcard group serves every name', () => {
    const plan = planOf('model_list:\n  - model_name: "*"\n    litellm_params:\n      model: "*"\n');
    expect(contractGroups(plan)).toEqual([]);
    expect(emitContractTests(plan, 'x.yaml')).toContain('const unknownModelSkip = "a wildcard model group serves every model name";');
  });
});
