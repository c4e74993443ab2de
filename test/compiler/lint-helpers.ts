/**
 * Shared helpers for the compiler tests: compile YAML text in memory and describe a
 * diagnostic's span compactly (`line:column-endLine:endColumn`), so tables assert codes
 * and exact spans rather than message text.
 */
import { compileText, type CompileOptions, type Diagnostic } from '../../compiler/compile.ts';

/** All diagnostics for a config given as text (file name `config.yaml` under the repo root). */
export function lintText(text: string, options: CompileOptions = {}): Diagnostic[] {
  return compileText('config.yaml', text, { env: {}, ...options }).files.flatMap((file) => [...file.diagnostics]);
}

/** `line:column-endLine:endColumn` of a diagnostic. */
export function spanOf(diagnostic: Diagnostic): string {
  return `${diagnostic.line}:${diagnostic.column}-${diagnostic.endLine}:${diagnostic.endColumn}`;
}

/** `CODE@span` for each diagnostic, the form the rule tables compare. */
export function codesAndSpans(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.code}@${spanOf(diagnostic)}`);
}

/** Joins lines into YAML text (keeps test tables readable). */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
