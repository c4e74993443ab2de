/**
 * The machine format other tools read (issue 2):
 * `{"files":[{"file":"…","diagnostics":[{"code","severity","message","line","column",
 * "endLine","endColumn","path"}]}]}`, plus `suggestion` on a diagnostic that has one.
 */
import type { ReportInput } from './report-input.ts';

/** Renders the JSON document (one line per call, newline-terminated). */
export function formatJson(input: ReportInput): string {
  const files = input.reports.map((report) => ({
    file: report.file,
    diagnostics: report.diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      line: diagnostic.line,
      column: diagnostic.column,
      endLine: diagnostic.endLine,
      endColumn: diagnostic.endColumn,
      path: diagnostic.path,
      ...(diagnostic.suggestion !== undefined ? { suggestion: diagnostic.suggestion } : {}),
    })),
  }));
  return `${JSON.stringify({ files })}\n`;
}
