/**
 * GitHub Actions workflow commands, one per diagnostic, which the runner turns into
 * annotations on the pull request:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. Data and
 * property values are escaped as the runner expects (%, CR, LF; plus `:` and `,` in
 * properties).
 */
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { ReportInput } from './report-input.ts';

const commands: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Renders one workflow command per diagnostic. */
export function formatGithub(input: ReportInput): string {
  const lines: string[] = [];
  for (const report of input.reports) {
    for (const d of report.diagnostics) {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`litegate ${d.code}`)}`,
      ];
      lines.push(`::${commands[d.severity]} ${properties.join(',')}::${escapeData(d.message)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
