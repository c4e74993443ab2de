/**
 * The `main` of a `litegate build` bundle (`node server.mjs`): the generated entry passes
 * in the frozen plan and the adapters and strategy it imported statically; this parses the
 * command line, resolves secrets from the environment exactly as `litegate serve` does
 * (same flags, same startup errors) and runs the proxy until SIGINT/SIGTERM.
 */
import type { AdapterKind, RoutingPlan } from '../plan/routing-plan.ts';
import type { ProviderAdapter } from '../../runtime/providers/adapter.ts';
import type { RoutingStrategy } from '../../runtime/router/strategies/routing-strategy.ts';
import { applyEnvironment } from '../../runtime/secrets/resolve-targets.ts';
import { createLogger } from '../../runtime/server/logger.ts';
import { startProxy, type RunningProxy } from '../../runtime/server/start-proxy.ts';
import { parseCommandLine } from '../cli/parse-command-line.ts';
import { parseLogFormat, parsePort, proxyServerFlags, reportSkippedDeployments, runWorkers, untilShutdownSignal } from '../cli/proxy-options.ts';

/** What the generated entry hands over. */
export interface BundledProxy {
  readonly plan: RoutingPlan;
  readonly adapters: ReadonlyMap<AdapterKind, ProviderAdapter>;
  readonly strategy: RoutingStrategy;
  /** The litegate version that built the bundle, e.g. `litegate-0.1.0`. */
  readonly version: string;
  readonly argv: readonly string[];
  readonly env?: Record<string, string | undefined>;
}

const help = `usage: node server.mjs [options]

Runs the litegate proxy built for one config (its plan is inside this file).
Secrets come from the environment (see .env.example); the master key from LITELLM_MASTER_KEY
unless the config sets general_settings.master_key.

options:
      --host HOST               address to listen on (default: $HOST, else 127.0.0.1)
  -p, --port PORT               port to listen on (default: $PORT, else 4000)
      --log-format FMT          pretty | json | silent (default: pretty on a terminal, else json)
      --workers N               run N proxy processes sharing the port ('auto' = one per CPU);
                                in-memory limits and cooldowns are per process unless Redis is configured
      --simulator-origin URL    send every upstream request to this origin, e.g. a running
                                \`litegate mock\` (testing only: missing API keys get placeholders)
  -h, --help                    show this help
`;

function fail(message: string, code = 1): number {
  process.stderr.write(`litegate: ${message.split('\n').join('\nlitegate: ')}\n`);
  return code;
}

/** Runs the bundled proxy; resolves with the exit code once it has stopped. */
export async function runBundledProxy(bundle: BundledProxy): Promise<number> {
  const env = bundle.env ?? process.env;
  const parsed = parseCommandLine(
    bundle.argv,
    { ...proxyServerFlags, 'simulator-origin': { type: 'string' } },
    help,
    fail,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  const portText = values.port ?? (env.PORT || undefined);
  const port = parsePort(portText);
  if (port === undefined) return fail(`--port (or PORT) must be an integer between 0 and 65535, got '${portText}'`, 2);
  const host = values.host ?? (env.HOST || '127.0.0.1');
  const format = parseLogFormat(values['log-format']);
  if (typeof format !== 'string') return fail(format.error, 2);
  const simulatorOrigin = values['simulator-origin'];
  if (simulatorOrigin !== undefined && !/^https?:\/\/[^/]+\/?$/.test(simulatorOrigin)) {
    return fail(`--simulator-origin must be an origin such as http://127.0.0.1:4010, got '${simulatorOrigin}'`, 2);
  }

  // --workers, as `serve --workers`: the primary only supervises; each worker re-runs
  // `node server.mjs` with the same arguments and continues below as a single server.
  if (values.workers !== undefined) {
    // cluster.ts words its lines for `serve`; a bundle is not run as `litegate serve`.
    const exitCode = await runWorkers(values.workers, help, fail, (line) => void process.stderr.write(`${line.replace(/^litegate serve: /, 'litegate: ')}\n`));
    if (exitCode !== undefined) return exitCode;
  }

  const plan = bundle.plan;
  // environment_variables of the config, as `serve` applies them (references read from env).
  applyEnvironment(plan, env);
  reportSkippedDeployments(plan, 'litegate');
  let proxy: RunningProxy;
  try {
    proxy = await startProxy({
      plan,
      env,
      host,
      port,
      logger: createLogger(format),
      adapters: bundle.adapters,
      strategy: bundle.strategy,
      version: bundle.version,
      ...(simulatorOrigin !== undefined ? { simulatorOrigin } : {}),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') return fail(`port ${port} is already in use (set --port or PORT)`);
    return fail(error instanceof Error ? error.message : String(error));
  }

  const served = proxy.runtime.plan;
  process.stderr.write(`litegate: listening on ${proxy.url} (${served.deployments.length} deployment(s) in ${Object.keys(served.groups).length} model group(s))\n`);
  if (simulatorOrigin !== undefined) process.stderr.write(`litegate: every upstream request goes to the simulator at ${simulatorOrigin}\n`);
  for (const warning of proxy.warnings) process.stderr.write(`litegate: warning: ${warning}\n`);
  if (!proxy.runtime.auth.enabled) {
    process.stderr.write('litegate: WARNING: no master key is configured (LITELLM_MASTER_KEY); the proxy is OPEN to anyone who can reach it\n');
  }

  return untilShutdownSignal('litegate', () => proxy.close());
}
