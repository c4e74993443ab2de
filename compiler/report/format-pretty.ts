/**
 * The human format: `file:line:col severity message [code]`, then the source line with the
 * range underlined `^~~~`, like a compiler. Colour only when asked (a TTY, FORCE_COLOR),
 * never when NO_COLOR is set; the caller decides.
 */
import { codes } from '../diagnostics/codes.ts';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from '../source/source-file.ts';
import { countSeverities, type ReportInput } from './report-input.ts';

export interface PrettyOptions {
  readonly color: boolean;
}

const paint = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
} as const;

/** Renders all diagnostics, followed by a one-line summary when there are any. */
export function formatPretty(input: ReportInput, options: PrettyOptions): string {
  const color = (code: string, text: string): string => (options.color ? `${code}${text}${paint.reset}` : text);
  const blocks: string[] = [];
  for (const report of input.reports) {
    for (const diagnostic of report.diagnostics) blocks.push(renderOne(diagnostic, input.source(diagnostic.file), color));
  }
  const { errors, warnings, infos } = countSeverities(input.reports);
  if (blocks.length === 0) return '';
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [plural(infos, 'note')] : [])];
  const files = input.reports.filter((report) => report.diagnostics.length > 0).length;
  const summary = `${parts.join(', ')} in ${plural(files, 'file')}`;
  return `${blocks.join('\n')}\n${color(errors > 0 ? paint.error : paint.bold, summary)}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function renderOne(diagnostic: Diagnostic, source: SourceFile | undefined, color: (code: string, text: string) => string): string {
  const severityColor: Readonly<Record<Severity, string>> = { error: paint.error, warning: paint.warning, info: paint.info };
  const head = `${color(paint.bold, `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`)} ${color(severityColor[diagnostic.severity], diagnostic.severity)} ${diagnostic.message} ${color(paint.dim, `[${diagnostic.code}]`)}`;
  const frame = source ? codeFrame(source, diagnostic, (text) => color(severityColor[diagnostic.severity], text), (text) => color(paint.dim, text)) : '';
  return frame ? `${head}\n${frame}` : head;
}

/** The offending line and an underline; a range over several lines is underlined to the end of its first line. */
export function codeFrame(source: SourceFile, diagnostic: Diagnostic, accent: (text: string) => string = (text) => text, dim: (text: string) => string = (text) => text): string {
  const text = source.lineText(diagnostic.line);
  if (text === '' && source.text.length === 0) return '';
  let shown = text.length > 200 ? text.slice(0, 200) : text;
  const startIndex = Math.min(diagnostic.column - 1, shown.length);
  const endIndex = diagnostic.endLine === diagnostic.line ? Math.min(diagnostic.endColumn - 1, shown.length) : shown.trimEnd().length;
  const width = Math.max(1, endIndex - startIndex);
  // A literal secret's own finding must not print it: lint output lands in CI logs, and
  // `serve` prints its warnings at startup, into the proxy's logs.
  if (diagnostic.code === codes['hardcoded-secret'].code) shown = shown.slice(0, startIndex) + '*'.repeat(endIndex - startIndex) + shown.slice(endIndex);
  // Keep tabs in the padding so the caret lines up however the terminal expands them.
  const padding = shown.slice(0, startIndex).replace(/[^\t]/g, ' ');
  const gutter = String(diagnostic.line);
  const blank = ' '.repeat(gutter.length);
  return `${dim(` ${gutter} |`)} ${shown}\n${dim(` ${blank} |`)} ${padding}${accent(`^${'~'.repeat(width - 1)}`)}`;
}
