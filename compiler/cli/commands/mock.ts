/**
 * `litegate mock`: runs the offline provider simulator on loopback until Ctrl-C, printing
 * its URL, the base URL each official SDK takes, and (with --config) where each
 * deployment's upstream lives on the simulator.
 */
import { parseArgs } from 'node:util';

const help = `usage: litegate mock [--config FILE] [--scenario FILE] [--port N] [--host H]

Serves simulated OpenAI, Azure OpenAI, Anthropic, Gemini, DeepSeek, Ollama and
OpenAI-compatible APIs on one port, with the providers' real paths and wire formats.

options:
  -c, --config FILE    litellm_config.yaml: also print each deployment's simulated base URL
  -s, --scenario FILE  fault-injection scenario (JSON or YAML)
  -p, --port N         port (default 4010; 0 picks a free one)
      --host H         interface (default 127.0.0.1, loopback only)
  -h, --help           show this help
`;

function fail(message: string): number {
  process.stderr.write(`litegate mock: ${message}\n`);
  return 2;
}

/** Runs the command; resolves with the exit code once the simulator stops. */
export async function run(argv: string[]): Promise<number> {
  let values: { config?: string; scenario?: string; port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        scenario: { type: 'string', short: 's' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`litegate mock: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port must be an integer 0–65535, got '${values.port}'`);

  const { loadScenario, ScenarioError } = await import('../../../fixtures/simulator/scenario.ts');
  let scenario;
  try {
    scenario = values.scenario ? await loadScenario(values.scenario) : undefined;
  } catch (error) {
    if (error instanceof ScenarioError) {
      process.stderr.write(`litegate mock: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`scenario '${values.scenario}' does not exist`);
    if (code === 'EISDIR') return fail(`scenario '${values.scenario}' is a directory, not a scenario file`);
    return fail(`cannot read scenario ${values.scenario}: ${code ?? (error as Error).message}`);
  }

  let plan;
  if (values.config) {
    const { compileConfig } = await import('../../compile.ts');
    const { lowerToPlan } = await import('../../plan/lower.ts');
    let compiled;
    try {
      compiled = await compileConfig(values.config);
    } catch (error) {
      return fail((error as Error).message);
    }
    if (compiled.errorCount > 0 || !compiled.config) {
      process.stderr.write(`litegate mock: ${values.config} has ${compiled.errorCount} error(s); run 'litegate lint ${values.config}'\n`);
      return 1;
    }
    plan = lowerToPlan(compiled.config, values.config);
  }

  const { startSimulator } = await import('../../../fixtures/simulator/start-simulator.ts');
  let simulator;
  try {
    simulator = await startSimulator({ port, host: values.host, scenario, maxRecordedCalls: 1000 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0)` : (error as Error).message);
  }
  const url = simulator.url;
  const lines = [
    `litegate mock: simulating providers at ${url}${values.scenario ? ` (scenario ${values.scenario})` : ''}`,
    '',
    'SDK base URLs:',
    `  openai             new OpenAI({ baseURL: '${url}/v1', apiKey: 'any' })`,
    `  azure (openai SDK) new AzureOpenAI({ endpoint: '${url}', apiVersion: '2024-10-21', apiKey: 'any' })`,
    `  @anthropic-ai/sdk  new Anthropic({ baseURL: '${url}', apiKey: 'any' })`,
    `  @google/genai      new GoogleGenAI({ apiKey: 'any', httpOptions: { baseUrl: '${url}' } })`,
    `  ollama             ${url}/api/chat  (OpenAI-compatible: ${url}/v1)`,
  ];
  if (plan) {
    const { simulatedEndpoints } = await import('../../../fixtures/simulator/simulated-endpoints.ts');
    const rows = simulatedEndpoints(plan, url);
    lines.push('', `Deployments in ${values.config} (api_base → simulated base):`);
    const width = Math.max(0, ...rows.map((row) => `${row.group} (${row.provider}/${row.model})`.length));
    for (const row of rows) {
      const name = `${row.group} (${row.provider}/${row.model})`.padEnd(width);
      lines.push(`  ${name}  ${row.upstreamBase} → ${row.simulatedBase}${row.origin ? `  [${'x-litegate-simulated-origin'}: ${row.origin}]` : ''}`);
    }
    for (const skipped of plan.unsupported ?? []) lines.push(`  ${skipped.group} (${skipped.model}): not simulated (${skipped.reason})`);
  }
  lines.push('', 'Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await simulator.close();
  process.stdout.write(`litegate mock: stopped after ${simulator.callCount} call(s)\n`);
  return 0;
}
