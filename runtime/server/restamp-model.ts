/**
 * The response `model` field, restamped with the name the client asked for — what LiteLLM's
 * proxy does since v1.81.7 for OpenAI-shaped responses, whole and streamed (reference §7.11:
 * "often restamped to match the client"), and what the translating adapters already do.
 * Without it a client saw `gpt-4o-mini-2024-07-18` from an OpenAI deployment but its own
 * group name from an Anthropic one.
 *
 * OpenAI-shaped bodies are relayed as bytes, so the rewrite works on bytes too: it finds the
 * top-level `"model"` key with a small scanner (no JSON.parse) and splices in the new value.
 * Scanning for ASCII structure bytes is safe in UTF-8: multi-byte sequences never contain them.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const MODEL_KEY = Buffer.from('"model"');

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Index just past the string whose opening quote is at `start` (or `end` if unterminated). */
function stringEnd(bytes: Buffer, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  return end;
}

/**
 * Where the string value of the top-level `"model"` key of the JSON object in
 * `bytes[start, end)` lies (quotes included), or undefined when there is none.
 */
export function findTopLevelModel(bytes: Buffer, start = 0, end = bytes.length): { start: number; end: number } | undefined {
  let depth = 0;
  // At depth 1, a string right after `{` or `,` is a key.
  let expectKey = false;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      const close = stringEnd(bytes, i, end);
      if (depth === 1 && expectKey && close - i === MODEL_KEY.length && bytes.compare(MODEL_KEY, 0, MODEL_KEY.length, i, close) === 0) {
        let j = close;
        while (j < end && isSpace(bytes[j]!)) j++;
        if (bytes[j] !== COLON) return undefined;
        j++;
        while (j < end && isSpace(bytes[j]!)) j++;
        return bytes[j] === QUOTE ? { start: j, end: stringEnd(bytes, j, end) } : undefined;
      }
      expectKey = false;
      i = close - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      expectKey = depth === 1 && byte === OPEN_BRACE;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth <= 0) return undefined;
    } else if (byte === COMMA) {
      expectKey = depth === 1;
    } else if (!isSpace(byte)) {
      expectKey = false;
    }
  }
  return undefined;
}

/** `bytes` with the top-level `model` value replaced by `quoted` (a JSON string literal); undefined when absent or already equal. */
function spliced(bytes: Buffer, quoted: Buffer): Buffer | undefined {
  const found = findTopLevelModel(bytes);
  if (!found || bytes.compare(quoted, 0, quoted.length, found.start, found.end) === 0) return undefined;
  return Buffer.concat([bytes.subarray(0, found.start), quoted, bytes.subarray(found.end)]);
}

// The quoted bytes of each requested model name, built once: a proxy serves a handful of names.
const quotedNames = new Map<string, Buffer>();

function quotedName(model: string): Buffer {
  let quoted = quotedNames.get(model);
  if (quoted === undefined) {
    quoted = Buffer.from(JSON.stringify(model));
    if (quotedNames.size < 1000) quotedNames.set(model, quoted);
  }
  return quoted;
}

/** A whole JSON response with its top-level `model` set to `model` (the same bytes when absent or equal). */
export function restampJson(raw: Buffer, model: string): Buffer {
  return spliced(raw, quotedName(model)) ?? raw;
}

/**
 * Restamps the `data:` events of an OpenAI SSE stream as it passes. Network chunks are cut
 * anywhere, so the bytes after the last newline wait for the next chunk (an event is one
 * line; it is never held back past its own end).
 */
export class StreamModelRestamper {
  readonly #quoted: Buffer;
  readonly #rewriteLine: ((line: Buffer) => Buffer | undefined) | undefined;
  #pending: Buffer | undefined;

  /** `rewriteLine` may change a whole `data:` line further (usage-cost.ts stamps the cost); undefined = unchanged. */
  constructor(model: string, rewriteLine?: (line: Buffer) => Buffer | undefined) {
    this.#quoted = quotedName(model);
    this.#rewriteLine = rewriteLine;
  }

  /** The restamped bytes that can go out now (possibly empty). */
  push(chunk: Buffer): Buffer {
    const bytes = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    const cut = bytes.lastIndexOf(NEWLINE) + 1;
    this.#pending = cut < bytes.length ? bytes.subarray(cut) : undefined;
    return this.#restampLines(bytes, cut);
  }

  /** Whatever is left once the upstream stream ended (a last line without its newline). */
  end(): Buffer {
    const rest = this.#pending;
    this.#pending = undefined;
    return rest ? this.#restampLines(rest, rest.length) : Buffer.alloc(0);
  }

  #restampLines(bytes: Buffer, end: number): Buffer {
    const parts: Buffer[] = [];
    let changed = false;
    let lineStart = 0;
    while (lineStart < end) {
      let lineEnd = bytes.indexOf(NEWLINE, lineStart);
      lineEnd = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
      const line = bytes.subarray(lineStart, lineEnd);
      // Only `data: {…}` lines carry a chunk; comments, `event:` lines and [DONE] pass as they are.
      let restamped: Buffer | undefined;
      if (line.toString('latin1', 0, 5) === 'data:' && line.includes(OPEN_BRACE)) {
        restamped = spliced(line, this.#quoted);
        restamped = this.#rewriteLine?.(restamped ?? line) ?? restamped;
      }
      if (restamped) changed = true;
      parts.push(restamped ?? line);
      lineStart = lineEnd;
    }
    return changed ? Buffer.concat(parts) : bytes.subarray(0, end);
  }
}
