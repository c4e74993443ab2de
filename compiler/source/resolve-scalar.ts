/**
 * Plain-scalar typing as PyYAML's SafeLoader does it (YAML 1.1), which is what LiteLLM
 * sees: `yes/no/on/off` are booleans (but not `y`/`n`), `80_000` is 80000, `0755` is
 * octal, `1:30` is 90 (base 60), `~`/`null`/empty are null. One deliberate difference:
 * PyYAML needs a dot in a float, so `2e-6` is a string there; LiteLLM's pydantic models
 * coerce such strings to numbers anyway, so it is read as the number here.
 * Timestamps stay strings (JSON has no date type).
 */

const booleans: Readonly<Record<string, boolean>> = Object.assign(Object.create(null) as Record<string, boolean>, {
  yes: true, Yes: true, YES: true, true: true, True: true, TRUE: true, on: true, On: true, ON: true,
  no: false, No: false, NO: false, false: false, False: false, FALSE: false, off: false, Off: false, OFF: false,
});
const nulls = new Set(['', '~', 'null', 'Null', 'NULL']);

const binaryInt = /^[-+]?0b[01_]+$/;
const octalInt = /^[-+]?0[0-7_]+$/;
const decimalInt = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const hexInt = /^[-+]?0x[0-9a-fA-F_]+$/;
const sexagesimalInt = /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/;
const decimalFloat = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/;
const exponentFloat = /^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/;
const sexagesimalFloat = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;
const infinity = /^[-+]?\.(?:inf|Inf|INF)$/;
const notANumber = /^\.(?:nan|NaN|NAN)$/;

function sign(text: string): { negative: boolean; digits: string } {
  const negative = text.startsWith('-');
  return { negative, digits: text.replace(/^[-+]/, '').replaceAll('_', '') };
}

function base60(digits: string): number {
  return digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function asInteger(text: string): number | undefined {
  const { negative, digits } = sign(text);
  let value: number | undefined;
  if (binaryInt.test(text)) value = Number.parseInt(digits.slice(2), 2);
  else if (hexInt.test(text)) value = Number.parseInt(digits.slice(2), 16);
  else if (octalInt.test(text) && digits !== '0') value = Number.parseInt(digits, 8);
  else if (decimalInt.test(text)) value = Number(digits);
  else if (sexagesimalInt.test(text)) value = base60(digits);
  if (value === undefined || Number.isNaN(value)) return undefined;
  return negative ? -value : value;
}

function asFloat(text: string): number | undefined {
  if (infinity.test(text)) return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (notANumber.test(text)) return Number.NaN;
  const { negative, digits } = sign(text);
  let value: number | undefined;
  if (decimalFloat.test(text) && /[0-9]/.test(digits)) value = Number(digits);
  else if (exponentFloat.test(text)) value = Number(digits);
  else if (sexagesimalFloat.test(text)) {
    const [whole, fraction] = digits.split('.');
    value = base60(whole!) + Number(`0.${fraction ?? ''}`);
  }
  if (value === undefined || Number.isNaN(value)) return undefined;
  return negative ? -value : value;
}

/**
 * The value of a plain scalar; with `tag` (`int`, `float`, `bool`, `null` from `!!int`…),
 * the scalar is read as that type when it can be, else kept as text.
 */
export function resolvePlainScalar(text: string, tag?: string): unknown {
  if (tag === 'int') return asInteger(text) ?? asFloat(text) ?? text;
  if (tag === 'float') return asFloat(text) ?? asInteger(text) ?? text;
  if (tag === 'bool') return booleans[text] ?? text;
  if (tag === 'null') return null;
  if (tag !== undefined) return text;
  const first = text.charCodeAt(0);
  // Booleans and nulls are at most five characters; most config strings are longer
  // (model names, os.environ/ references, URLs) and skip the table lookups.
  if (text.length <= 5) {
    if (nulls.has(text)) return null;
    const boolean = booleans[text];
    if (boolean !== undefined) return boolean;
  }
  const numeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!numeric) return text;
  // Plain decimal integers (rpm: 60, port: 6379) are the common numeric case.
  if (first !== 48 && text.length < 16 && /^[1-9][0-9]*$/.test(text)) return Number(text);
  return asInteger(text) ?? asFloat(text) ?? text;
}
