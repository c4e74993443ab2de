/**
 * Builds a proxy runtime from a plan and starts listening: resolves secrets (failing fast
 * on unset variables), loads only the adapters the plan uses, creates the router, the
 * upstream client (pointed at the simulator under `--simulate`) and the HTTP server.
 * Used by `litegate serve` and by the end-to-end tests.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { AdapterKind, RoutingPlan } from '../../compiler/plan/routing-plan.ts';
import type { ProviderAdapter } from '../providers/adapter.ts';
import type { RoutingStrategy } from '../router/strategies/routing-strategy.ts';
import { createResponseCache, type CreateResponseCacheOptions } from '../cache/create-response-cache.ts';
import { RequestRecorder } from '../metrics/request-recorder.ts';
import { resolveDatabaseUrl } from '../store/database-url.ts';
import type { CreateVirtualKeysOptions } from '../store/create-virtual-keys.ts';
import { loadAdapters } from '../providers/load-adapter.ts';
import { litegateVersion } from './litegate-version.ts';
import { createRouter } from '../router/create-router.ts';
import type { Router } from '../router/types.ts';
import { DynamicTargets } from '../secrets/dynamic-targets.ts';
import { MissingSecretError, resolveMasterKey, resolveTargets, type MissingVariable, type ResolvedTargets } from '../secrets/resolve-targets.ts';
import { environmentVariable, selectEnvironment } from '../secrets/select-environment.ts';
import { UpstreamClient } from '../upstream/upstream-client.ts';
import { Authenticator } from './authenticate.ts';
import { createProxyServer } from './create-proxy-server.ts';
import { createLogger } from './logger.ts';
import { HealthMonitor } from './handle-health.ts';
import { ModelDirectory } from './model-directory.ts';
import { apiBaseHeader } from './provider-headers.ts';
import type { ProxyRuntime } from './proxy-runtime.ts';

/** Default request body limit when general_settings.max_request_size_mb is not set. */
export const defaultMaxBodyBytes = 32 * 1024 * 1024;

/** Options for startProxy. */
export interface StartProxyOptions {
  readonly plan: RoutingPlan;
  /** Where os.environ/ references are read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly host?: string;
  /** 0 picks a free port. Default 4000, as LiteLLM. */
  readonly port?: number;
  /** `--simulate`: every upstream request goes to this origin; missing credentials get placeholders. */
  readonly simulatorOrigin?: string;
  readonly logger?: Logger;
  /** Router factory (default: runtime/router/create-router.ts). */
  readonly createRouter?: (plan: RoutingPlan) => Promise<Router>;
  /** Response-cache options (clock, Redis key prefix); only used when the plan turns caching on. */
  readonly cache?: Omit<CreateResponseCacheOptions, 'env' | 'logger'>;
  /** Virtual-key store options (clock, queue bound); only used when a database URL is set. */
  readonly keyStore?: Omit<CreateVirtualKeysOptions, 'logger'>;
  /**
   * Adapters already imported (a `litegate build` bundle imports the ones its plan uses
   * statically, so esbuild can leave the others out). Kinds not given are loaded by kind.
   */
  readonly adapters?: ReadonlyMap<AdapterKind, ProviderAdapter>;
  /** The plan's routing strategy, already imported (same reason); default: loaded by name. */
  readonly strategy?: RoutingStrategy;
  /** Reported version, e.g. `litegate-0.1.0` (a bundle has no package.json beside it); default: read from package.json. */
  readonly version?: string;
}

/** A listening proxy. */
export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly runtime: ProxyRuntime;
  /** Non-fatal startup notes (deployments without keys …), already logged. */
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

/** Builds the shared runtime (no socket yet). Throws MissingSecretError / EnvironmentConfigError / AdapterLoadError. */
export async function buildRuntime(options: StartProxyOptions): Promise<{ runtime: ProxyRuntime; warnings: string[] }> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger('silent');
  // Collect every unset variable (environment, deployments, master key) so one restart fixes them all.
  const missing: MissingVariable[] = [];
  // model_info.supported_environments: the deployments this environment serves (§2.3).
  let plan = options.plan;
  try {
    plan = selectEnvironment(options.plan, env[environmentVariable]);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    missing.push(...error.missing);
  }
  let resolved: ResolvedTargets = { byIndex: [], timeouts: [], warnings: [] };
  let masterKey: string | undefined;
  try {
    resolved = resolveTargets(plan, env, { simulate: options.simulatorOrigin !== undefined });
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    missing.push(...error.missing);
  }
  try {
    masterKey = resolveMasterKey(plan, env);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    missing.push(...error.missing);
  }
  let databaseUrl: string | undefined;
  try {
    databaseUrl = resolveDatabaseUrl(plan, env);
  } catch (error) {
    if (!(error instanceof MissingSecretError)) throw error;
    missing.push(...error.missing);
  }
  if (missing.length > 0) throw new MissingSecretError(missing);
  const given = options.adapters;
  const loaded = await loadAdapters(plan.deployments.map((deployment) => deployment.adapter).filter((kind) => !given?.has(kind)));
  const adapters: ReadonlyMap<AdapterKind, ProviderAdapter> = given ? new Map([...given, ...loaded]) : loaded;
  // The router's Redis outage/recovery lines go through the proxy's logger (same format and
  // destination as the request lines), and its os.environ/ Redis settings read the same env.
  const router = options.createRouter
    ? await options.createRouter(plan)
    : await createRouter(plan, { env, logger: { warn: (message) => logger.warn(message), info: (message) => logger.info(message) }, ...(options.strategy ? { strategy: options.strategy } : {}) });
  const apiBaseHeaders: (string | undefined)[] = [];
  for (const deployment of plan.deployments) {
    const target = resolved.byIndex[deployment.index];
    if (target?.apiBase) apiBaseHeaders[deployment.index] = apiBaseHeader(target.apiBase);
  }
  // Response cache (runtime/cache): nothing is built, imported or checked per request when off.
  const responseCache = plan.cache.enabled
    ? await createResponseCache(plan.cache, { ...options.cache, env, logger: { warn: (message) => logger.warn(message), info: (message) => logger.info(message) } })
    : undefined;
  // Virtual keys and spend (runtime/store): pg is imported, and the tables created, only with a database URL.
  const keys =
    databaseUrl === undefined ? undefined : await (await import('../store/create-virtual-keys.ts')).createVirtualKeys(plan, databaseUrl, { ...options.keyStore, logger });
  if (keys !== undefined && masterKey === undefined) logger.warn('general_settings.database_url is set but master_key is not: the proxy is open and virtual keys are not checked');
  const maxMb = plan.server.maxRequestSizeMb;
  const runtime: ProxyRuntime & { healthMonitor?: HealthMonitor } = {
    plan,
    targets: resolved.byIndex,
    envTimeouts: resolved.timeouts,
    ...(resolved.routerTimeouts ? { routerTimeouts: resolved.routerTimeouts } : {}),
    apiBaseHeaders,
    adapters,
    router,
    upstream: new UpstreamClient(options.simulatorOrigin === undefined ? {} : { simulatorOrigin: options.simulatorOrigin }),
    auth: new Authenticator(masterKey, plan.auth.keyHeaderName),
    models: new ModelDirectory(plan),
    logger,
    maxBodyBytes: maxMb !== undefined && maxMb > 0 ? Math.floor(maxMb * 1024 * 1024) : defaultMaxBodyBytes,
    version: options.version ?? litegateVersion(),
    inFlight: { count: 0 },
    recorder: new RequestRecorder(plan),
    ...(responseCache ? { responseCache } : {}),
    ...(keys ? { keys } : {}),
    ...(plan.deployments.some((deployment) => deployment.dynamicProvider) ? { dynamicTargets: new DynamicTargets(env, options.simulatorOrigin !== undefined) } : {}),
  };
  if (plan.server.backgroundHealthChecks) runtime.healthMonitor = new HealthMonitor(runtime, plan.server.healthCheckInterval);
  return { runtime, warnings: [...resolved.warnings] };
}

/** Starts the proxy and resolves once it listens. */
export async function startProxy(options: StartProxyOptions): Promise<RunningProxy> {
  const { runtime, warnings } = await buildRuntime(options);
  for (const warning of warnings) runtime.logger.warn(warning);
  const server = createProxyServer(runtime);
  runtime.healthMonitor?.start();
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    // The key store's pool would otherwise keep the process alive after a failed start.
    await runtime.keys?.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    runtime,
    warnings,
    async close() {
      runtime.healthMonitor?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.router.close();
      await runtime.upstream.close();
      await runtime.responseCache?.close();
      // Last spend flush after the server stopped taking requests.
      await runtime.keys?.close();
    },
  };
}
