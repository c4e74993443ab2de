/**
 * `litegate serve --config FILE [--host H] [--port P] [--simulate] [--log-format F]`:
 * compiles the config and lowers it to a RoutingPlan in a child process (serve-plan.ts; a
 * config with lint errors does not start, the diagnostics are printed as `lint` prints
 * them), then runs the proxy until SIGINT/SIGTERM. `--simulate` starts the provider simulator in the same process and sends
 * every upstream request to it, so a config runs with no API keys, Redis or PostgreSQL.
 */
import { resolve } from 'node:path';
import { parseCommandLine } from '../parse-command-line.ts';
import { compileServePlan, type ServePlanMessage } from '../serve-plan.ts';
import { parseLogFormat, parsePort, proxyServerFlags, reportSkippedDeployments, runWorkers, untilShutdownSignal } from '../proxy-options.ts';

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

function fail(message: string, code = 1): number {
  process.stderr.write(`litegate serve: ${message}\n`);
  return code;
}

/** Runs `litegate serve`; resolves with the exit code once the server has stopped. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { ...proxyServerFlags, config: { type: 'string', short: 'c' }, simulate: { type: 'boolean' } },
    help,
    fail,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  if (!values.config) return fail(`--config is required\n\n${help}`, 2);

  // --workers N: the primary only supervises; each worker re-runs this same command line
  // and continues below as an ordinary single-process server.
  if (values.workers !== undefined) {
    const exitCode = await runWorkers(values.workers, help, fail);
    if (exitCode !== undefined) return exitCode;
  }
  const port = parsePort(values.port);
  if (port === undefined) return fail(`--port must be an integer between 0 and 65535, got '${values.port}'`, 2);
  const format = parseLogFormat(values['log-format']);
  if (typeof format !== 'string') return fail(format.error, 2);
  const simulate = values.simulate === true;
  const configPath = resolve(values.config);

  // Compiled in a child process (serve-plan.ts): the compiler never stays in this one's memory.
  let compiled: ServePlanMessage;
  try {
    // Under --simulate, unset API-key variables are expected (placeholders are used).
    compiled = await compileServePlan(configPath, !simulate);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (compiled.kind === 'unreadable') return fail(compiled.message, 2);
  if (compiled.kind === 'invalid') return fail(`${configPath} has ${compiled.errorCount} error(s); not starting`);

  const { applyEnvironment } = await import('../../../runtime/secrets/resolve-targets.ts');
  const { startProxy } = await import('../../../runtime/server/start-proxy.ts');
  const { createLogger } = await import('../../../runtime/server/logger.ts');
  const plan = compiled.plan;
  applyEnvironment(plan, process.env);
  const logger = createLogger(format);
  reportSkippedDeployments(plan, 'litegate serve');

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
  // Every module is loaded now: write the compile cache at once rather than at exit, so the
  // next process (another --workers worker, a restart) starts from it without the TypeScript
  // stripper, which otherwise stays in that process's memory (10+ MB).
  process.getBuiltinModule('node:module').flushCompileCache?.();
  if (simulator) process.stderr.write(`litegate serve: --simulate: every provider is served by the simulator at ${simulator.url}; no API keys are used\n`);
  for (const warning of proxy.warnings) process.stderr.write(`litegate serve: warning: ${warning}\n`);
  if (!proxy.runtime.auth.enabled) {
    process.stderr.write(
      '\nlitegate serve: WARNING: no master key is configured (general_settings.master_key or LITELLM_MASTER_KEY).\n' +
        'litegate serve: WARNING: the proxy is OPEN: anyone who can reach it can use your provider keys.\n\n',
    );
  }

  return untilShutdownSignal('litegate serve', async () => {
    await proxy.close();
    await simulator?.close();
  });
}
