/**
 * `litegate serve --config FILE [--host H] [--port P] [--simulate] [--log-format F]`:
 * compiles the config (a config with lint errors does not start; the diagnostics are
 * printed as `lint` prints them), lowers it to a RoutingPlan and runs the proxy until
 * SIGINT/SIGTERM. `--simulate` starts the provider simulator in the same process and sends
 * every upstream request to it, so a config runs with no API keys, Redis or PostgreSQL.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompileResult } from '../../compile.ts';

const help = `usage: litegate serve --config FILE [options]

Runs the OpenAI-compatible proxy for a litellm_config.yaml.

options:
  -c, --config FILE      the config file (required)
      --host HOST        address to listen on (default 127.0.0.1)
  -p, --port PORT        port to listen on (default 4000)
      --simulate         serve every provider from the built-in simulator (no API keys needed)
      --log-format FMT   pretty | json | silent (default: pretty on a terminal, else json)
      --workers N        run N proxy processes sharing the port (node:cluster; 'auto' = one per CPU);
                         in-memory limits and cooldowns are per process unless Redis is configured
  -h, --help             show this help
`;

/** Prints diagnostics exactly as `lint` prints them (its pretty reporter, on stderr). */
async function printDiagnostics(result: CompileResult): Promise<void> {
  const { formatPretty } = await import('../../report/format-pretty.ts');
  const sources = new Map(result.sources.map((source) => [source.path, source]));
  const input = { reports: result.files, source: (file: string) => sources.get(file) };
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forceColor = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  process.stderr.write(formatPretty(input, { color: !noColor && (forceColor || process.stderr.isTTY === true) }));
}

function fail(message: string, code = 1): number {
  process.stderr.write(`litegate serve: ${message}\n`);
  return code;
}

/** Runs `litegate serve`; resolves with the exit code once the server has stopped. */
export async function run(argv: string[]): Promise<number> {
  let values: { config?: string; host?: string; port?: string; simulate?: boolean; 'log-format'?: string; workers?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        simulate: { type: 'boolean' },
        'log-format': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${help}`, 2);
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (!values.config) return fail(`--config is required\n\n${help}`, 2);

  // --workers N (runtime/server/cluster.ts): the primary only supervises; each worker re-runs
  // this same command line and continues below as an ordinary single-process server.
  if (values.workers !== undefined) {
    const { isClusterWorker, parseWorkerCount, releaseWorkerOnShutdown, runClusterPrimary } = await import('../../../runtime/server/cluster.ts');
    const workers = parseWorkerCount(values.workers);
    if (typeof workers !== 'number') return fail(`${workers.error}\n\n${help}`, 2);
    if (!isClusterWorker()) return runClusterPrimary({ workers });
    releaseWorkerOnShutdown();
  }
  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be an integer between 0 and 65535, got '${values.port}'`, 2);
  const format = values['log-format'] ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format !== 'pretty' && format !== 'json' && format !== 'silent') return fail(`--log-format must be pretty, json or silent, got '${format}'`, 2);
  const simulate = values.simulate === true;
  const configPath = resolve(values.config);

  const { compileConfig } = await import('../../compile.ts');
  let result: CompileResult;
  try {
    // Under --simulate, unset API-key variables are expected (placeholders are used).
    result = await compileConfig(configPath, { checkEnv: !simulate });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 2);
  }
  if (result.errorCount > 0 || !result.config) {
    await printDiagnostics(result);
    return fail(`${configPath} has ${result.errorCount} error(s); not starting`);
  }
  // Warnings do not stop the proxy, but they are worth seeing once at startup.
  if (result.files.some((file) => file.diagnostics.length > 0)) await printDiagnostics(result);

  const { lowerToPlan } = await import('../../plan/lower.ts');
  const { applyEnvironment } = await import('../../../runtime/secrets/resolve-targets.ts');
  const { startProxy } = await import('../../../runtime/server/start-proxy.ts');
  const { createLogger } = await import('../../../runtime/server/logger.ts');
  const plan = lowerToPlan(result.config, configPath);
  applyEnvironment(plan, process.env);
  const logger = createLogger(format);
  for (const skipped of plan.unsupported ?? []) {
    process.stderr.write(`litegate serve: skipping model_list[${skipped.index}] '${skipped.group}' (${skipped.model}): ${skipped.reason}\n`);
  }

  let simulator: { url: string; close(): Promise<void> } | undefined;
  if (simulate) {
    const { startSimulator } = (await import('../../../fixtures/simulator/start-simulator.ts')) as {
      startSimulator: (options: { port?: number; host?: string }) => Promise<{ url: string; close(): Promise<void> }>;
    };
    simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
  }

  let proxy: Awaited<ReturnType<typeof startProxy>>;
  try {
    proxy = await startProxy({ plan, host: values.host ?? '127.0.0.1', port, logger, ...(simulator ? { simulatorOrigin: simulator.url } : {}) });
  } catch (error) {
    await simulator?.close();
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} is already in use (try --port)`);
    return fail(message.split('\n').join('\nlitegate serve: '));
  }

  // The plan as served: model_info.supported_environments may have left deployments out.
  const served = proxy.runtime.plan;
  const groups = Object.keys(served.groups).length;
  process.stderr.write(`litegate serve: listening on ${proxy.url} (${served.deployments.length} deployment(s) in ${groups} model group(s))\n`);
  if (simulator) process.stderr.write(`litegate serve: --simulate: every provider is served by the simulator at ${simulator.url}; no API keys are used\n`);
  for (const warning of proxy.warnings) process.stderr.write(`litegate serve: warning: ${warning}\n`);
  if (!proxy.runtime.auth.enabled) {
    process.stderr.write(
      '\nlitegate serve: WARNING: no master key is configured (general_settings.master_key or LITELLM_MASTER_KEY).\n' +
        'litegate serve: WARNING: the proxy is OPEN: anyone who can reach it can use your provider keys.\n\n',
    );
  }

  return new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`litegate serve: ${signal} received, shutting down\n`);
      void (async () => {
        await proxy.close();
        await simulator?.close();
        done(0);
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
