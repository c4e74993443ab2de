/**
 * What every output format receives: the per-file reports of one `lint` run and a way to
 * get a file's text for code frames.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from '../source/source-file.ts';

export interface LintReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReportInput {
  readonly reports: readonly LintReport[];
  /** The source of a file named in a diagnostic, when it was read. */
  source(file: string): SourceFile | undefined;
}

/** Counts per severity over all reports. */
export function countSeverities(reports: readonly LintReport[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      if (diagnostic.severity === 'error') errors += 1;
      else if (diagnostic.severity === 'warning') warnings += 1;
      else infos += 1;
    }
  }
  return { errors, warnings, infos };
}
