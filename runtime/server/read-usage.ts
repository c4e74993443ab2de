/**
 * Token usage from OpenAI-shaped responses: from a parsed object, or from the tail of a
 * relayed SSE stream (the include_usage chunk sits just before `[DONE]`), for settling
 * tpm/spend without decoding every event.
 */
import type { Usage } from '../providers/adapter.ts';
import { isObject } from './validate-request.ts';

/** Usage of an OpenAI-shaped response object, when present. */
export function usageFromJson(value: object): Usage | undefined {
  const usage = (value as { usage?: unknown }).usage;
  if (!isObject(usage) || typeof usage.prompt_tokens !== 'number') return undefined;
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
  return { prompt_tokens: usage.prompt_tokens, completion_tokens: completion, total_tokens: usage.prompt_tokens + completion };
}

/**
 * Finds usage in the tail of a relayed OpenAI stream (the include_usage chunk sits just
 * before `[DONE]`), without decoding every event of the stream.
 */
export function usageFromTail(tail: string): Usage | undefined {
  const at = tail.lastIndexOf('"usage":{');
  if (at === -1) return undefined;
  const start = tail.lastIndexOf('data:', at);
  const end = tail.indexOf('\n', at);
  if (start === -1) return undefined;
  try {
    return usageFromJson(JSON.parse(tail.slice(start + 5, end === -1 ? undefined : end)) as object);
  } catch {
    return undefined;
  }
}

const usageKey = Buffer.from('"usage":');

/**
 * Usage from the raw bytes of an OpenAI-shaped JSON response, without parsing the whole
 * body: finds the last `"usage":` key and parses only its object (usage sits at the end of
 * chat, completion and embedding responses). Undefined when absent, null or malformed.
 */
export function usageFromRaw(raw: Buffer): Usage | undefined {
  const key = raw.lastIndexOf(usageKey);
  if (key === -1) return undefined;
  let start = key + usageKey.length;
  while (start < raw.length && (raw[start] === 0x20 || raw[start] === 0x0a || raw[start] === 0x0d || raw[start] === 0x09)) start++;
  if (raw[start] !== 0x7b /* { */) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < raw.length; i++) {
    const byte = raw[i]!;
    if (inString) {
      if (byte === 0x5c /* \ */) i++;
      else if (byte === 0x22 /* " */) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b) depth++;
    else if (byte === 0x7d /* } */ && --depth === 0) {
      try {
        return usageFromJson({ usage: JSON.parse(raw.toString('utf8', start, i + 1)) as unknown });
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
