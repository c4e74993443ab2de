/**
 * The body of `litegate lint` (see ../lint.ts): parses the options, compiles each file,
 * prints the findings in the chosen format and returns the exit code.
 */
import { compileConfig, ConfigReadError } from '../../../compile.ts';
import type { LintReport } from '../../../report/report-input.ts';
import { countSeverities } from '../../../report/report-input.ts';
import type { SourceFile } from '../../../source/source-file.ts';
import { wantsColor } from '../../wants-color.ts';

// (process.getBuiltinModule, not `import`: see compiler/source/read-config-file.ts.)
const { readFileSync } = process.getBuiltinModule('node:fs');
const { parseArgs } = process.getBuiltinModule('node:util');

const formats = ['pretty', 'json', 'sarif', 'github'] as const;
type Format = (typeof formats)[number];

const help = `usage: litegate lint [options] <config.yaml>...

Checks LiteLLM proxy configs (litellm_config.yaml) against the JSON Schema and the
semantic rules; prints file:line:col diagnostics.

options:
  -f, --format <pretty|json|sarif|github>  output format (default: pretty)
      --check-env                          report os.environ/ references to unset variables
  -q, --quiet                              report errors only
      --max-warnings <n>                   exit 1 when there are more than n warnings
      --color / --no-color                 force colour on or off (default: on for a TTY)
  -h, --help                               show this help

exit status: 0 no errors, 1 errors found, 2 usage or I/O error
`;

/** Runs `litegate lint` with its arguments; returns the exit code. */
export async function runLint(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'pretty' },
        'check-env': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const format = values.format as Format;
  if (!formats.includes(format)) return usageError(`unknown format '${values.format}' (expected ${formats.join(', ')})`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usageError(`--max-warnings takes a non-negative integer, got '${values['max-warnings']}'`);
  }
  if (positionals.length === 0) return usageError('no config file given');

  const reports: LintReport[] = [];
  const sources = new Map<string, SourceFile>();
  let ioFailure = false;
  for (const path of positionals) {
    try {
      const result = await compileConfig(path, { checkEnv: values['check-env'] });
      for (const source of result.sources) sources.set(source.path, source);
      for (const file of result.files) {
        reports.push({ file: file.file, diagnostics: values.quiet ? file.diagnostics.filter((d) => d.severity === 'error') : file.diagnostics });
      }
    } catch (error) {
      if (!(error instanceof ConfigReadError)) throw error;
      ioFailure = true;
      process.stderr.write(`litegate lint: ${error.message}\n`);
    }
  }

  const input = { reports, source: (file: string) => sources.get(file) };
  const color = values['no-color'] ? false : (values.color ?? wantsColor(process.stdout));
  // Only the chosen format's module is loaded (start-up time matters in CI).
  let output: string;
  if (format === 'json') output = (await import('../../../report/format-json.ts')).formatJson(input);
  else if (format === 'sarif') output = (await import('../../../report/format-sarif.ts')).formatSarif(input, { version: packageVersion() });
  else if (format === 'github') output = (await import('../../../report/format-github.ts')).formatGithub(input);
  else output = (await import('../../../report/format-pretty.ts')).formatPretty(input, { color });
  process.stdout.write(output);

  if (ioFailure) return 2;
  const { errors, warnings } = countSeverities(reports);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    process.stderr.write(`litegate lint: ${warnings} warnings (more than --max-warnings ${maxWarnings})\n`);
    return 1;
  }
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`litegate lint: ${message}\nRun 'litegate lint --help' for usage.\n`);
  return 2;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
