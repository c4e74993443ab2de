/**
 * The diagnostic types of the compiler front end. A finding is first recorded against a
 * node (file + byte offsets, JSON pointer) and only turned into 1-based line/column when
 * it is reported, so rules never compute positions themselves.
 */
import type { SourceFile } from '../source/source-file.ts';

export type Severity = 'error' | 'warning' | 'info';

/** A diagnostic as users and tools see it (the JSON output shape). */
export interface Diagnostic {
  /** Stable code, e.g. `LG3004`; never reused for another meaning. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** JSON pointer of the node at fault (in the merged config, includes applied). */
  readonly path: string;
  /** A replacement value or key, when there is one obvious fix ("least-busy"). */
  readonly suggestion?: string;
}

/** A finding before positions are rendered: byte offsets into one source file. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly source: SourceFile;
  /** Byte offsets [start, end) of the key or value at fault. */
  readonly start: number;
  readonly end: number;
  readonly path: string;
  readonly suggestion?: string;
  /** Which phase produced it; schema findings give way to a rule's finding at the same path. */
  readonly phase: 'source' | 'schema' | 'rule';
}

/** Converts a finding to the public form, computing line/column from the source lazily. */
export function toDiagnostic(finding: Finding): Diagnostic {
  const start = finding.source.position(finding.start);
  // The end offset is exclusive; report the column just past the last character, as
  // editors and SARIF expect (endColumn is exclusive there too).
  const end = finding.source.position(Math.max(finding.end, finding.start));
  const diagnostic: Diagnostic = {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    file: finding.source.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    path: finding.path,
  };
  return finding.suggestion === undefined ? diagnostic : { ...diagnostic, suggestion: finding.suggestion };
}

/** Orders diagnostics by file, then position, then code, for stable output. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
