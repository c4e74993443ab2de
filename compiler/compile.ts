/**
 * Front-end entry shared by every command: read a config (and its includes), validate it
 * against the JSON Schema, run the semantic rules, and return the merged config with all
 * diagnostics. `lint` stops here; `serve`, `build`, `explain` and `mock` lower the config
 * further when `errorCount` is 0.
 *
 * Pipeline: source (YAML 1.1 → value + source map, includes merged) → schema (ajv errors
 * translated) → rules. A finding of a later, more specific phase replaces a schema finding
 * for the same node, so each mistake is reported once.
 */
import { compareDiagnostics, toDiagnostic, type Diagnostic, type Finding, type Severity } from './diagnostics/diagnostic.ts';
import { codes } from './diagnostics/codes.ts';
import { makeFinding } from './diagnostics/finding-builder.ts';
import { loadYaml } from './source/load-yaml.ts';
import { readConfigFile } from './source/read-config-file.ts';
import { resolveIncludes } from './source/resolve-includes.ts';
import { SourceFile } from './source/source-file.ts';
import type { SourceMap } from './source/source-map.ts';
import { runRules } from './rules/run-rules.ts';
import { checkOpenSections } from './validate/check-open-sections.ts';
import { validateAgainstSchema } from './validate/config-validator.ts';
import { translateErrors } from './validate/translate-errors.ts';

export type { Diagnostic, Severity };

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CompileOptions {
  /** Report os.environ/ references to unset variables (never their values). */
  readonly checkEnv?: boolean;
  /** The environment `checkEnv` compares against (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CompileResult {
  /** The main file first, then every included file that has diagnostics. */
  readonly files: readonly FileReport[];
  /** The merged config (includes applied), present unless the file could not be parsed at all. */
  readonly config?: Record<string, unknown>;
  readonly errorCount: number;
  /** The text of every file read, for code frames (main file first). */
  readonly sources: readonly SourceFile[];
  /** Where each node of `config` came from (JSON pointer → file and offsets). */
  readonly sourceMap?: SourceMap;
}

/** The main config file could not be read at all (missing, a directory, unreadable): a usage/I-O error, not a finding. */
export class ConfigReadError extends Error {
  readonly code: 'not-found' | 'directory' | 'unreadable';
  constructor(code: ConfigReadError['code'], message: string) {
    super(message);
    this.name = 'ConfigReadError';
    this.code = code;
  }
}

/** Compiles the config at `path`; throws ConfigReadError when the file cannot be read. */
export async function compileConfig(path: string, options: CompileOptions = {}): Promise<CompileResult> {
  const outcome = readConfigFile(path);
  if (outcome.kind === 'not-found' || outcome.kind === 'directory' || outcome.kind === 'unreadable') {
    throw new ConfigReadError(outcome.kind, outcome.message);
  }
  if (outcome.kind !== 'text') {
    const source = new SourceFile(path, '');
    const id = outcome.kind === 'binary' ? 'not-text' : 'file-too-large';
    const finding = makeFinding(id, { source, start: 0, end: 0 }, { message: outcome.message, path: '' }, 'source');
    return finish(path, [source], [finding], undefined, undefined);
  }
  return compileText(path, outcome.text, options);
}

/** Compiles config text as if read from `path` (includes resolve relative to it). */
export function compileText(path: string, text: string, options: CompileOptions = {}): CompileResult {
  const source = new SourceFile(path, text);
  const loaded = loadYaml(source);
  const findings = [...loaded.findings];
  const map = loaded.map;
  if (loaded.value === undefined) return finish(path, [source], findings, undefined, map);

  const root = loaded.value;
  if (root === null) {
    findings.push(
      makeFinding('empty-config', { source, start: 0, end: Math.min(text.length, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')) }, {
        message: 'the config is empty; LiteLLM refuses to start ("Config cannot be None or Empty"). Start with a model_list',
        path: '',
      }, 'source'),
    );
    return finish(path, [source], findings, undefined, map);
  }
  if (typeof root !== 'object' || Array.isArray(root)) {
    const span = map.span('', 'value') ?? { source, start: 0, end: 0 };
    const what = Array.isArray(root) ? 'a list' : `the scalar ${JSON.stringify(root).slice(0, 40)}`;
    findings.push(
      makeFinding('root-not-mapping', span, { message: `the config must be a mapping of sections (model_list, router_settings, …), but it is ${what}`, path: '' }, 'source'),
    );
    return finish(path, [source], findings, undefined, map);
  }

  const included = resolveIncludes(path, root as Record<string, unknown>, map);
  findings.push(...included.findings);
  const config = included.config;
  const sources = [source, ...included.sources];

  findings.push(...translateErrors(validateAgainstSchema(config), config, map));
  findings.push(...checkOpenSections(config, map));
  const missingInclude = included.findings.some((finding) => finding.code === codes['include-not-found'].code || finding.code === codes['include-invalid'].code);
  findings.push(
    ...runRules(config, map, {
      checkEnv: options.checkEnv ?? false,
      env: options.env ?? process.env,
      ...(missingInclude ? { modelsElsewhere: 'an included file could not be read' } : {}),
    }),
  );
  return finish(path, sources, findings, config, map);
}

function finish(path: string, sources: readonly SourceFile[], findings: readonly Finding[], config: Record<string, unknown> | undefined, map: SourceMap | undefined): CompileResult {
  const diagnostics = dedupe(findings).map(toDiagnostic).sort(compareDiagnostics);
  const byFile = new Map<string, Diagnostic[]>([[path, []]]);
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file);
    if (list) list.push(diagnostic);
    else byFile.set(diagnostic.file, [diagnostic]);
  }
  const files = [...byFile].map(([file, list]) => ({ file, diagnostics: list }));
  const errorCount = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { files, errorCount, sources, ...(config ? { config } : {}), ...(map ? { sourceMap: map } : {}) };
}

/**
 * One diagnostic per mistake: a rule's finding replaces schema findings for the same node,
 * and a rule's error replaces schema findings inside the node it is about (a list-valued
 * alias is one mistake, not also a type error). Exact repeats are dropped.
 */
function dedupe(findings: readonly Finding[]): Finding[] {
  const rulePaths = new Set<string>();
  const ruleErrorPaths = new Set<string>();
  for (const finding of findings) {
    if (finding.phase !== 'rule') continue;
    rulePaths.add(finding.path);
    if (finding.severity === 'error') ruleErrorPaths.add(finding.path);
  }
  const seen = new Set<string>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    if (finding.phase === 'schema' && (rulePaths.has(finding.path) || hasAncestor(finding.path, ruleErrorPaths))) continue;
    const key = `${finding.code}\u0000${finding.source.path}\u0000${finding.start}\u0000${finding.end}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(finding);
  }
  return kept;
}

function hasAncestor(pointer: string, paths: ReadonlySet<string>): boolean {
  if (paths.size === 0) return false;
  for (let slash = pointer.lastIndexOf('/'); slash > 0; slash = pointer.lastIndexOf('/', slash - 1)) {
    if (paths.has(pointer.slice(0, slash))) return true;
  }
  return false;
}
