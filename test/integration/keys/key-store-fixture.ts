/**
 * The real proxy (server, router, key store) in front of the provider simulator, with
 * PostgreSQL from the services harness (one schema per test), for virtual-key tests.
 */
import { parse } from 'yaml';
import pg from 'pg';
import { lowerToPlan } from '../../../compiler/plan/lower.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../fixtures/simulator/start-simulator.ts';
import { startProxy, type RunningProxy, type StartProxyOptions } from '../../../runtime/server/start-proxy.ts';

/** The master key of every test config. */
export const masterKey = 'sk-master-for-key-tests';

/** Per-token prices of the test deployments (USD), so costs are exact. */
export const prices = { input: 0.001, output: 0.002 };

/** A config with two priced model groups, the master key and the database from DATABASE_URL. */
export function keyStoreConfig(generalSettings = ''): string {
  return `
model_list:
  - model_name: gpt-4o
    litellm_params: {model: openai/gpt-4o, api_key: sk-upstream, input_cost_per_token: ${prices.input}, output_cost_per_token: ${prices.output}}
  - model_name: gpt-4o-mini
    litellm_params: {model: openai/gpt-4o-mini, api_key: sk-upstream, input_cost_per_token: ${prices.input}, output_cost_per_token: ${prices.output}}
general_settings:
  master_key: ${masterKey}
  database_url: os.environ/DATABASE_URL
${
  // Tests flush explicitly unless they set an interval: the timer must not race them.
  generalSettings.includes('proxy_batch_write_at') ? '' : '  proxy_batch_write_at: 3600'
}
${generalSettings
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => `  ${line.trim()}`)
  .join('\n')}
`;
}

/** A response, read completely. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or the text of any other body (SSE). */
  readonly body: any;
}

/** Sends a JSON request to the proxy with a bearer key. */
export async function call(url: string, method: string, path: string, key: string | undefined, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, headers: response.headers, body: json && text !== '' ? JSON.parse(text) : text };
}

/** A running simulator + proxy + a direct database client on the test schema. */
export interface KeyStack {
  readonly proxy: RunningProxy;
  readonly simulator: Simulator;
  readonly db: pg.Client;
  /** Master-key management call. */
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  /** A chat completion with `key`. */
  chat(key: string, model?: string, extra?: Record<string, unknown>): Promise<Answer>;
  /** Generates a key and returns the raw key. */
  generate(body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** Starts the simulator and a proxy whose database is `databaseUrl` (the proxy's own URL may differ, e.g. through a relay). */
export async function startKeyStack(
  databaseUrl: string,
  options: {
    readonly generalSettings?: string;
    readonly proxyDatabaseUrl?: string;
    readonly keyStore?: StartProxyOptions['keyStore'];
    readonly logger?: StartProxyOptions['logger'];
    readonly scenario?: SimulatorOptions['scenario'];
  } = {},
): Promise<KeyStack> {
  const simulator = await startSimulator(options.scenario === undefined ? {} : { scenario: options.scenario });
  const plan = lowerToPlan(parse(keyStoreConfig(options.generalSettings)) as Record<string, unknown>, '/test/keys.yaml');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let proxy: RunningProxy;
  try {
    proxy = await startProxy({
      plan,
      port: 0,
      simulatorOrigin: simulator.url,
      env: { DATABASE_URL: options.proxyDatabaseUrl ?? databaseUrl },
      ...(options.keyStore ? { keyStore: options.keyStore } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  } catch (error) {
    await db.end();
    await simulator.close();
    throw error;
  }
  const admin = (method: string, path: string, body?: unknown) => call(proxy.url, method, path, masterKey, body);
  return {
    proxy,
    simulator,
    db,
    admin,
    chat: (key, model = 'gpt-4o', extra = {}) => call(proxy.url, 'POST', '/v1/chat/completions', key, { model, messages: [{ role: 'user', content: 'hello there' }], ...extra }),
    async generate(body = {}) {
      const answer = await admin('POST', '/key/generate', body);
      if (answer.status !== 200) throw new Error(`/key/generate answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body.key as string;
    },
    async close() {
      await proxy.close();
      await simulator.close();
      await db.end();
    },
  };
}

/** The usage a stream reported in its chunks (stream_options.include_usage). */
export function streamUsage(sse: string): { prompt_tokens: number; completion_tokens: number } {
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const chunk = JSON.parse(line.slice(6)) as { usage?: { prompt_tokens: number; completion_tokens: number } | null };
    if (chunk.usage) return chunk.usage;
  }
  throw new Error('the stream reported no usage');
}

/** Cost of a response at the test prices. */
export function costOf(usage: { prompt_tokens: number; completion_tokens: number }): number {
  return usage.prompt_tokens * prices.input + usage.completion_tokens * prices.output;
}
