/**
 * SARIF 2.1.0, the format GitHub code scanning ingests (`github/codeql-action/upload-sarif`).
 * Every code in the table becomes a reporting descriptor, so the scanning UI shows what a
 * code means; results point at artifact URIs relative to the working directory.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codes } from '../diagnostics/codes.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { ReportInput } from './report-input.ts';

const levels: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  readonly version: string;
  /** Directory URIs are made relative to (default: the working directory). */
  readonly baseDirectory?: string;
}

/** Renders one SARIF log with one run. */
export function formatSarif(input: ReportInput, options: SarifOptions): string {
  const descriptors = Object.entries(codes).map(([id, info]) => ({
    id: info.code,
    name: id,
    shortDescription: { text: info.summary },
    defaultConfiguration: { level: levels[info.severity] },
  }));
  const ruleIndex = new Map<string, number>(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const base = options.baseDirectory ?? process.cwd();
  // Relative to %SRCROOT% when the file is under it; a file outside it (`../x.yaml`) gets an
  // absolute file: URI, since a relative reference may not climb out of its base.
  const artifactLocation = (file: string): { uri: string; uriBaseId?: string } => {
    const path = relative(base, file) || file;
    if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return { uri: pathToFileURL(resolve(base, file)).href };
    return { uri: encodeURI(path.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
  };
  const results = input.reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code)! } : {}),
      level: levels[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.file),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.endLine === d.line ? d.column + 1 : 1) },
          },
          logicalLocations: d.path ? [{ fullyQualifiedName: d.path, kind: 'member' }] : [],
        },
      ],
      ...(d.suggestion !== undefined ? { properties: { suggestion: d.suggestion } } : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'litegate', version: options.version, rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(base).href.replace(/\/?$/, '/')}` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
