/**
 * The command-line parsing `serve`, `build` and a built bundle's `node server.mjs` share:
 * strict `node:util` parseArgs with no positionals; a bad flag prints its message and the
 * usage text (exit 2), `--help` prints the usage text on stdout (exit 0).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** What parseArgs yields for these options (strict, no positionals). */
type ParsedOptions<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];

/** How a command reports a failure: writes the message with its own prefix, returns the exit code. */
export type FailCommand = (message: string, code?: number) => number;

/**
 * Parses `argv` against `options` (which must declare `help`). Resolves with the values to
 * go on with, or with the exit code when the command is already done (bad flag, --help).
 * `allowNegative` accepts `--no-<flag>` for boolean options.
 */
export function parseCommandLine<const T extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: T,
  help: string,
  fail: FailCommand,
  allowNegative = false,
): { readonly values: ParsedOptions<T> } | { readonly exitCode: number } {
  let values: ParsedOptions<T>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, allowNegative, strict: true, allowPositionals: false }) as { values: ParsedOptions<T> });
  } catch (error) {
    return { exitCode: fail(`${error instanceof Error ? error.message : String(error)}\n\n${help}`, 2) };
  }
  if ((values as { help?: boolean }).help) {
    process.stdout.write(help);
    return { exitCode: 0 };
  }
  return { values };
}
