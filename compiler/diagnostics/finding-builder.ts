/**
 * Builds findings from a code id and a span, so every producer (loader, schema
 * translation, rules) fills the code and default severity from the one table.
 */
import { codes, type CodeId } from './codes.ts';
import type { Finding, Severity } from './diagnostic.ts';
import type { Span } from '../source/source-map.ts';

export interface FindingDetails {
  readonly message: string;
  readonly path: string;
  readonly suggestion?: string;
  /** Overrides the table's default severity (e.g. a warning-level case of an error rule). */
  readonly severity?: Severity;
}

/** A finding for `id` at `span`. */
export function makeFinding(id: CodeId, span: Span, details: FindingDetails, phase: Finding['phase']): Finding {
  const info = codes[id];
  const finding: Finding = {
    code: info.code,
    severity: details.severity ?? info.severity,
    message: details.message,
    source: span.source,
    start: span.start,
    end: span.end,
    path: details.path,
    phase,
  };
  return details.suggestion === undefined ? finding : { ...finding, suggestion: details.suggestion };
}
