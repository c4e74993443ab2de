/**
 * ajv errors → findings a person can act on. Each keyword gets its own sentence (unknown
 * key → the key underlined with "did you mean"; enum → the value quoted with the nearest
 * allowed one; type → expected vs got), and several errors about one node collapse into
 * the most useful one. No ajv message text reaches the user.
 */
import type { Finding } from '../diagnostics/diagnostic.ts';
import { makeFinding } from '../diagnostics/finding-builder.ts';
import { nearestName, suggestValue } from '../diagnostics/suggest.ts';
import { childPointer, parentPointer } from '../source/json-pointer.ts';
import type { SourceMap } from '../source/source-map.ts';
import { classifyKey } from './classify-key.ts';
import { schemaFor, type Section } from './schema-facts.ts';
import { describePath, describeType, quote, valueAt } from './value-at.ts';

/** The fields of an ajv ErrorObject this translation reads. */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * model_info is free-form metadata to LiteLLM (pydantic `extra="allow"`, values only used by
 * health checks, cost lookups and /model/info), so a bad value there misleads but does not
 * break routing: reported as a warning.
 */
const advisory = /^\/model_list\/\d+\/model_info\//;

/** Lower rank wins when several errors concern one node. */
const keywordRank: Readonly<Record<string, number>> = { additionalProperties: 0, required: 1, enum: 2, type: 3, const: 4, pattern: 5 };

/** Translates ajv errors for `config` into findings positioned through `map`. */
export function translateErrors(errors: readonly SchemaError[], config: unknown, map: SourceMap): Finding[] {
  const best = new Map<string, SchemaError>();
  for (const error of errors) {
    const pointer = targetPointer(error);
    const current = best.get(pointer);
    if (!current || rank(error) < rank(current)) best.set(pointer, error);
  }
  const findings: Finding[] = [];
  for (const [pointer, error] of best) {
    // An error inside a node that already has a shape error is a consequence of it.
    if (hasAncestorIn(pointer, best)) continue;
    const finding = translate(error, pointer, config, map);
    if (!finding) continue;
    findings.push(advisory.test(pointer) && finding.severity === 'error' ? { ...finding, severity: 'warning' } : finding);
  }
  return findings;
}

function rank(error: SchemaError): number {
  return keywordRank[error.keyword] ?? 9;
}

function targetPointer(error: SchemaError): string {
  if (error.keyword === 'additionalProperties') return childPointer(error.instancePath, String(error.params.additionalProperty));
  return error.instancePath;
}

function hasAncestorIn(pointer: string, errors: ReadonlyMap<string, SchemaError>): boolean {
  for (let current = pointer; current !== ''; ) {
    current = parentPointer(current);
    const ancestor = errors.get(current);
    // Only a wrong type makes the inner errors meaningless; a missing key does not.
    if (ancestor && (ancestor.keyword === 'type' || ancestor.keyword === 'enum')) return true;
  }
  return false;
}

/** Which named section an object at `pointer` is, for misplacement and suggestions. */
function sectionOf(pointer: string): Section | undefined {
  if (pointer === '') return 'root';
  if (pointer === '/router_settings' || pointer === '/litellm_settings' || pointer === '/general_settings') return pointer.slice(1) as Section;
  if (pointer === '/litellm_settings/cache_params') return 'cache_params';
  if (/^\/model_list\/\d+\/litellm_params$/.test(pointer)) return 'litellm_params';
  if (/^\/model_list\/\d+\/model_info$/.test(pointer)) return 'model_info';
  return undefined;
}

function translate(error: SchemaError, pointer: string, config: unknown, map: SourceMap): Finding | undefined {
  const where = describePath(pointer);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const parent = error.instancePath;
      const section = sectionOf(parent);
      const known = Object.keys(schemaFor(parent)?.properties ?? {});
      const verdict = classifyKey(section, key, known);
      const span = map.span(pointer, 'key');
      if (!span) return undefined;
      const container = parent === '' ? 'at the top level' : `in ${describePath(parent)}`;
      const dropped = parent === '' ? 'LiteLLM silently ignores the whole section' : 'LiteLLM silently ignores it';
      if (verdict.kind === 'misplaced') {
        return makeFinding('misplaced-setting', span, { message: `'${key}' is not read ${container}; it belongs in ${verdict.homeLabel} (${dropped})`, path: pointer }, 'schema');
      }
      if (verdict.kind === 'typo') {
        return makeFinding(
          'unknown-key',
          span,
          { message: `unknown key '${key}' ${container}; did you mean '${verdict.suggestion}'? (${dropped})`, path: pointer, suggestion: verdict.suggestion },
          'schema',
        );
      }
      const hint = section === 'router_settings' ? ' (only Router arguments are read here)' : '';
      return makeFinding('unknown-key', span, { message: `unknown key '${key}' ${container}${hint}; ${dropped}`, path: pointer }, 'schema');
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      // `litellm-params` for `litellm_params`: point at the misspelt key, not the object.
      const present = valueAt(config, pointer);
      const misspelt = present !== null && typeof present === 'object' ? Object.keys(present).find((key) => nearestName(key, [missing]) === missing) : undefined;
      if (misspelt !== undefined) {
        const keySpan = map.span(childPointer(pointer, misspelt), 'key');
        if (keySpan) {
          return makeFinding(
            'unknown-key',
            keySpan,
            { message: `unknown key '${misspelt}' in ${where}; did you mean '${missing}'? (it is required here)`, path: childPointer(pointer, misspelt), suggestion: missing },
            'schema',
          );
        }
      }
      const span = map.span(pointer, 'auto');
      if (!span) return undefined;
      return makeFinding('missing-key', span, { message: `${where} is missing the required key '${missing}'`, path: pointer }, 'schema');
    }
    case 'enum': {
      const value = valueAt(config, pointer);
      const allowed = (error.params.allowedValues as unknown[] | undefined) ?? schemaFor(pointer)?.enum ?? [];
      const names = allowed.filter((item): item is string => typeof item === 'string');
      const suggestion = typeof value === 'string' ? suggestValue(value, names) : undefined;
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
      return makeFinding(
        'invalid-value',
        span,
        { message: `${quote(value)} is not a valid ${lastName(pointer)}${hint} (expected one of: ${names.join(', ')})`, path: pointer, ...(suggestion ? { suggestion } : {}) },
        'schema',
      );
    }
    case 'type': {
      const value = valueAt(config, pointer);
      const owner = schemaFor(pointer);
      // A mapping or list in the wrong place is pointed at by its key: the value may span many lines.
      const span = map.span(pointer, 'auto');
      if (!span) return undefined;
      const expected = owner?.title && !isPlainSectionTitle(owner.title, pointer) ? owner.title : describeExpected(error.params.type);
      return makeFinding('invalid-type', span, { message: `${where} must be ${withArticle(expected)}, got ${describeGot(value)}`, path: pointer }, 'schema');
    }
    case 'pattern':
    case 'format':
    case 'const': {
      const value = valueAt(config, pointer);
      const owner = schemaFor(pointer);
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      const expected = owner?.title ?? 'a value of the documented form';
      return makeFinding('invalid-value', span, { message: `${where} must be ${withArticle(expected)}, got ${quote(value)}`, path: pointer }, 'schema');
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const value = valueAt(config, pointer);
      const limit = error.params.limit;
      const comparison = String(error.params.comparison ?? (error.keyword === 'minimum' ? '>=' : error.keyword === 'maximum' ? '<=' : error.keyword === 'exclusiveMinimum' ? '>' : '<'));
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      return makeFinding('out-of-range', span, { message: `${where} must be ${comparison} ${String(limit)}, got ${quote(value)}`, path: pointer }, 'schema');
    }
    case 'minLength':
    case 'minItems':
    case 'minProperties': {
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      const limit = Number(error.params.limit);
      const what = error.keyword === 'minLength' ? 'characters' : error.keyword === 'minItems' ? 'items' : 'keys';
      const message = limit === 1 ? `${where} must not be empty` : `${where} must have at least ${limit} ${what}`;
      return makeFinding('out-of-range', span, { message, path: pointer }, 'schema');
    }
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties': {
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      const what = error.keyword === 'maxLength' ? 'characters' : error.keyword === 'maxItems' ? 'items' : 'keys';
      return makeFinding('out-of-range', span, { message: `${where} must have at most ${String(error.params.limit)} ${what}`, path: pointer }, 'schema');
    }
    case 'uniqueItems': {
      const span = map.span(pointer, 'value');
      if (!span) return undefined;
      return makeFinding('invalid-value', span, { message: `${where} lists the same item twice`, path: pointer }, 'schema');
    }
    default: {
      const span = map.span(pointer, 'auto');
      if (!span) return undefined;
      const owner = schemaFor(pointer);
      const expected = owner?.title ? `; expected ${withArticle(owner.title)}` : '';
      return makeFinding('invalid-shape', span, { message: `${where} does not have the shape LiteLLM expects${expected}`, path: pointer }, 'schema');
    }
  }
}

function lastName(pointer: string): string {
  const token = pointer.slice(pointer.lastIndexOf('/') + 1);
  return /^\d+$/.test(token) ? 'value' : token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** A section's own title ("router_settings") says nothing about the expected type. */
function isPlainSectionTitle(title: string, pointer: string): boolean {
  return title === lastName(pointer) || /^[a-z_]+$/.test(title);
}

const typeWords: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true/false)',
  object: 'a mapping',
  array: 'a list',
};

function describeExpected(type: unknown): string {
  const names = (Array.isArray(type) ? type : String(type).split(',')).map(String).filter((name) => name !== 'null');
  const words = names.map((name) => typeWords[name] ?? name);
  if (words.length <= 1) return words[0] ?? 'nothing';
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function describeGot(value: unknown): string {
  const type = describeType(value);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `${type} (${quote(value)})` : type;
}

function withArticle(phrase: string): string {
  return /^(a|an|the|nothing)\b/i.test(phrase) ? phrase : /^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

