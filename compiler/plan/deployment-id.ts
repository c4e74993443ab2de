/**
 * The deployment id LiteLLM derives when `model_info.id` is absent (reference
 * litellm-config.md §2.3): SHA-256 hex of `model_name` followed by every
 * `litellm_params` key and value, concatenated in insertion order. Values are rendered
 * as Python's `str()` would (mappings as `json.dumps`), so two identical entries get the
 * same id.
 *
 * Deviation, on purpose: `os.environ/NAME` references are hashed as written, not
 * resolved, so the id never depends on (or leaks anything about) a secret's value.
 */
import { createHash } from 'node:crypto';

/** Python `repr` of a float, for the shapes YAML produces. */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    // Python writes at least two exponent digits: 2e-06, 1e+16.
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return pythonStr(value);
}

/** Python `str()` of a YAML value (strings verbatim, mappings via json.dumps). */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') return pythonJsonDumps(value);
  return String(value);
}

/** `json.dumps` with Python's default separators (", " and ": ") and ASCII escaping. */
function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`);
  return `{${entries.join(', ')}}`;
}

/** Deterministic deployment id for a model_list entry without `model_info.id`. */
export function deploymentId(modelName: string, litellmParams: Readonly<Record<string, unknown>>): string {
  let text = modelName;
  for (const [key, value] of Object.entries(litellmParams)) text += key + pythonStr(value);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
