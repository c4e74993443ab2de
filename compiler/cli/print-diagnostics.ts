/**
 * How commands that compile a config before doing something else (`serve`, `build`) show
 * its findings: exactly as `lint` prints them, with its pretty reporter, on stderr (stdout
 * stays free for the command's own output).
 */
import type { CompileResult } from '../compile.ts';
import { wantsColor } from './wants-color.ts';

/** Prints the diagnostics of a compile result on stderr, coloured as `lint` colours them. */
export async function printDiagnostics(result: CompileResult): Promise<void> {
  // Loaded on demand: a clean config never needs the reporter.
  const { formatPretty } = await import('../report/format-pretty.ts');
  const sources = new Map(result.sources.map((source) => [source.path, source]));
  const input = { reports: result.files, source: (file: string) => sources.get(file) };
  process.stderr.write(formatPretty(input, { color: wantsColor(process.stderr) }));
}
