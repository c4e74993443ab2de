/**
 * `litegate build --config FILE [--out DIR] [--minify] [--no-docker] [--no-tests]`: compiles
 * the config (lint errors stop the build and are printed as `lint` prints them), lowers it
 * to a RoutingPlan and writes a deployable directory: plan.json, a self-contained
 * server.mjs that bundles only the providers and strategy the config uses, Docker files
 * and generated contract tests. Secrets stay environment references; none is read.
 */
import { basename, relative, resolve } from 'node:path';
import type { CompileResult } from '../../compile.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { printDiagnostics } from '../print-diagnostics.ts';

const help = `usage: litegate build --config FILE [options]

Builds a deployable proxy for a litellm_config.yaml: one self-contained server.mjs
(run with plain \`node server.mjs\`, no npm install), plan.json, Dockerfile,
docker-compose.yml, .env.example and contract.test.mjs.

options:
  -c, --config FILE   the config file (required)
  -o, --out DIR       output directory (default dist/litegate-proxy)
      --minify        minify server.mjs (a source map is written either way)
      --no-docker     skip Dockerfile, docker-compose.yml and .env.example
      --no-tests      skip contract.test.mjs
  -h, --help          show this help
`;

function fail(message: string, code = 1): number {
  process.stderr.write(`litegate build: ${message}\n`);
  return code;
}

/** `1234567` → `1.2 MB`. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** Runs `litegate build`; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: 'string', short: 'c' },
      out: { type: 'string', short: 'o' },
      minify: { type: 'boolean' },
      docker: { type: 'boolean', default: true },
      tests: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h' },
    },
    help,
    fail,
    true,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  if (!values.config) return fail(`--config is required\n\n${help}`, 2);
  const configPath = resolve(values.config);
  const outDir = resolve(values.out ?? 'dist/litegate-proxy');
  const configName = basename(configPath);

  const { compileConfig } = await import('../../compile.ts');
  let result: CompileResult;
  try {
    // The build machine's environment is not the one the proxy will run in: unset
    // variables are not findings here (.env.example lists them instead).
    result = await compileConfig(configPath, { checkEnv: false });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 2);
  }
  if (result.errorCount > 0 || !result.config) {
    await printDiagnostics(result);
    return fail(`${configPath} has ${result.errorCount} error(s); nothing was built`);
  }
  if (result.files.some((file) => file.diagnostics.length > 0)) await printDiagnostics(result);
  // `serve` only warns about a literal secret; a bundle is copied into images and
  // registries, so `build` refuses to freeze one into plan.json and server.mjs.
  const { codes } = await import('../../diagnostics/codes.ts');
  const secrets = result.files.flatMap((file) => file.diagnostics.filter((diagnostic) => diagnostic.code === codes['hardcoded-secret'].code));
  if (secrets.length > 0) {
    const where = secrets.map((diagnostic) => `${relative(process.cwd(), diagnostic.file) || diagnostic.file}:${diagnostic.line}:${diagnostic.column}`).join(', ');
    return fail(`secret values are written literally in the config (${where}); a bundle would carry them into every image. Use os.environ/NAME instead; nothing was built`);
  }

  const { lowerToPlan } = await import('../../plan/lower.ts');
  const { buildProxyBundle } = await import('../../emit/build-proxy-bundle.ts');
  const plan = lowerToPlan(result.config, configPath);
  const shownOut = relative(process.cwd(), outDir) || '.';
  process.stderr.write(`litegate build: ${configName} → ${shownOut}/\n`);
  let summary: Awaited<ReturnType<typeof buildProxyBundle>>;
  try {
    summary = await buildProxyBundle({
      plan,
      configName,
      outDir,
      minify: values.minify === true,
      docker: values.docker !== false,
      tests: values.tests !== false,
      onStep: (step) => process.stderr.write(`litegate build: ${step}\n`),
    });
  } catch (error) {
    // esbuild's failures carry their messages in `errors`; show those, not a stack.
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return fail(`bundling failed:\n${errors.map((e) => `  ${e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ` : ''}${e.text}`).join('\n')}`);
    }
    return fail(error instanceof Error ? error.message : String(error));
  }

  const selection = summary.selection;
  const required = summary.envVars.filter((entry) => entry.required).map((entry) => entry.name);
  const optional = summary.envVars.length - required.length;
  const envLine = [required.length > 0 ? `required: ${required.join(', ')}` : 'none required', optional > 0 ? `${optional} optional` : ''].filter(Boolean).join('; ');
  const lines = [
    `built ${shownOut}/ from ${configName}`,
    `  server.mjs   ${formatBytes(summary.bundleBytes)}${values.minify ? ' (minified)' : ''}, source map server.mjs.map`,
    `  providers    ${selection.adapters.join(', ') || 'none'}${selection.allAdapters ? ' (all: a deployment takes its provider from each request)' : ''}`,
    `  strategy     ${selection.strategy}`,
    `  redis        ${selection.redisState || selection.redisCache ? [selection.redisState ? 'router state' : '', selection.redisCache ? 'response cache' : ''].filter(Boolean).join(' + ') : 'not used (ioredis left out)'}`,
    ...(values.docker !== false ? [`  compose      litegate-proxy${summary.services.redis ? ' + redis' : ''}${summary.services.postgres ? ' + postgres' : ''}`] : []),
    `  env vars     ${envLine} (see ${values.docker !== false ? '.env.example' : 'plan.json'})`,
    `  files        ${summary.files.join(' ')}`,
    ...(plan.unsupported ?? []).map((skipped) => `  warning: model_list[${skipped.index}] '${skipped.group}' (${skipped.model}) is left out: ${skipped.reason}`),
    ...summary.warnings.map((warning) => `  warning: ${warning}`),
    '',
    `run it:   node ${shownOut}/server.mjs --port 4000        (secrets from the environment)`,
    ...(values.docker !== false ? [`or:       cd ${shownOut} && docker compose up --build`] : []),
    ...(values.tests !== false ? [`check it: LITEGATE_URL=http://127.0.0.1:4000 node --test ${shownOut}/contract.test.mjs`] : []),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return 0;
}
