/**
 * Front-end entry shared by every command: read a config (and its includes), validate it,
 * run the semantic rules, and return the merged config with all diagnostics.
 *
 * PLACEHOLDER until the lint front end lands: parses YAML 1.1 and reports nothing.
 * The signature is the contract `serve`, `build`, `explain` and `mock` rely on.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** JSON pointer of the node at fault. */
  readonly path: string;
  readonly suggestion?: string;
}

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompileOptions {
  /** Report os.environ/ references to unset variables (never their values). */
  readonly checkEnv?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CompileResult {
  readonly files: readonly FileReport[];
  /** The merged config (includes applied), present unless the file could not be parsed at all. */
  readonly config?: Record<string, unknown>;
  readonly errorCount: number;
}

export async function compileConfig(path: string, _options: CompileOptions = {}): Promise<CompileResult> {
  const text = await readFile(path, 'utf8');
  const config = parse(text, { version: '1.1' }) as Record<string, unknown>;
  return { files: [{ file: path, diagnostics: [] }], config, errorCount: 0 };
}
