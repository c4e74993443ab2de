/**
 * LiteLLM's `include:` (reference §1.2): a list of paths relative to the main file; each
 * included file's top-level keys are merged in, in order. A list value whose key the main
 * config already has is appended (main entries first); any other value replaces the main
 * value wholesale (no deep merge). `include` inside an included file is not processed, and
 * the key is removed afterwards.
 */
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import { childPointer } from './json-pointer.ts';
import { loadYaml } from './load-yaml.ts';
import { readConfigFile } from './read-config-file.ts';
import { SourceFile } from './source-file.ts';
import type { SourceMap } from './source-map.ts';

// (process.getBuiltinModule, not `import`: see read-config-file.ts.)
const { dirname, isAbsolute, join } = process.getBuiltinModule('node:path');

export interface IncludeResult {
  readonly config: Record<string, unknown>;
  /** Every file that contributed, main file first. */
  readonly sources: SourceFile[];
  readonly findings: Finding[];
}

/** Applies `include:` to a loaded main config, grafting the included files' source maps into `map`. */
export function resolveIncludes(mainPath: string, config: Record<string, unknown>, map: SourceMap): IncludeResult {
  const findings: Finding[] = [];
  const sources: SourceFile[] = [];
  if (!Object.hasOwn(config, 'include')) return { config, sources, findings };
  const include = config.include;
  const merged: Record<string, unknown> = { ...config };
  delete merged.include;

  if (include === null) return { config: merged, sources, findings };
  if (!Array.isArray(include)) {
    const span = map.span('/include', 'value')!;
    findings.push(makeFinding('include-invalid', span, { message: '`include` must be a list of file paths; LiteLLM refuses to start otherwise', path: '/include' }, 'source'));
    return { config: merged, sources, findings };
  }

  const base = dirname(mainPath);
  include.forEach((item, index) => {
    const pointer = childPointer('/include', index);
    const span = map.span(pointer, 'value')!;
    if (typeof item !== 'string' || item.trim() === '') {
      findings.push(makeFinding('include-invalid', span, { message: 'each `include` item must be a file path', path: pointer }, 'source'));
      return;
    }
    // Joined, not resolved: a relative main path keeps included paths relative in reports.
    const path = isAbsolute(item) ? item : join(base, item);
    const outcome = readConfigFile(path);
    if (outcome.kind !== 'text') {
      const id = outcome.kind === 'not-found' ? 'include-not-found' : 'include-invalid';
      const message =
        outcome.kind === 'not-found'
          ? `included file '${item}' does not exist (looked for ${path}); LiteLLM aborts startup if it is still missing when deployed`
          : `included file '${item}' cannot be used: ${outcome.message}`;
      findings.push(makeFinding(id, span, { message, path: pointer }, 'source'));
      return;
    }
    const source = new SourceFile(path, outcome.text);
    sources.push(source);
    const loaded = loadYaml(source);
    findings.push(...loaded.findings);
    if (loaded.value === undefined) return;
    if (loaded.value === null) return;
    if (typeof loaded.value !== 'object' || Array.isArray(loaded.value)) {
      findings.push(
        makeFinding('include-not-mapping', map.span(pointer, 'value')!, { message: `included file '${item}' must hold a mapping of config sections`, path: pointer }, 'source'),
      );
      return;
    }
    for (const [key, value] of Object.entries(loaded.value as Record<string, unknown>)) {
      const target = childPointer('', key);
      if (key === 'include') {
        const nested = loaded.map.span(target, 'key')!;
        findings.push(makeFinding('include-nested', nested, { message: 'LiteLLM does not process `include` inside an included file; this list is ignored', path: target }, 'source'));
        continue;
      }
      const existing = merged[key];
      const includedNode = loaded.map.root?.child(key);
      const mainNode = map.root?.child(key);
      if (Array.isArray(value) && Object.hasOwn(merged, key) && Array.isArray(existing)) {
        // Appended: the merged list's items keep their own files' locations.
        if (Array.isArray(mainNode?.children) && Array.isArray(includedNode?.children)) mainNode.children.push(...includedNode.children);
        merged[key] = [...existing, ...value];
      } else {
        const lost = droppedBy(existing, value);
        const replaced = lost === undefined ? undefined : map.span(target, 'key');
        if (replaced) {
          findings.push(
            makeFinding(
              'include-replaces-section',
              replaced,
              { message: `${key} is replaced wholesale by the one in '${item}' (LiteLLM merges included files section by section, appending only lists), so ${lost} written here ${lost!.includes(',') ? 'are' : 'is'} dropped; move ${lost!.includes(',') ? 'them' : 'it'} into '${item}' or keep the section in one file`, path: target },
              'source',
            ),
          );
        }
        const rootChildren = map.root?.children;
        if (rootChildren instanceof Map && includedNode) rootChildren.set(key, includedNode);
        merged[key] = value;
      }
    }
  });
  return { config: merged, sources, findings };
}

/**
 * What an included section that replaces `existing` silently drops (keys of a mapping not
 * repeated in `replacement`, or the whole value), for the message; undefined when nothing
 * written in the earlier file is lost (absent or empty, or every key repeated: an override).
 */
function droppedBy(existing: unknown, replacement: unknown): string | undefined {
  if (existing === undefined || existing === null) return undefined;
  if (typeof existing === 'object' && !Array.isArray(existing)) {
    const kept = replacement !== null && typeof replacement === 'object' && !Array.isArray(replacement) ? replacement : {};
    const lost = Object.keys(existing).filter((name) => !Object.hasOwn(kept, name));
    if (lost.length === 0) return undefined;
    const shown = lost.slice(0, 4).join(', ');
    return lost.length > 4 ? `${shown} and ${lost.length - 4} more` : shown;
  }
  if (Array.isArray(existing)) return existing.length === 0 ? undefined : 'the list';
  return 'the value';
}
