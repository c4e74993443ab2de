import type { NormalizedError } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import type { HeaderBag } from '../shared/retry-after.ts';
import { bodyExcerpt, upstreamError } from '../shared/upstream-error.ts';

/** Ollama's error bodies are `{"error":"<text>"}`; the status carries the meaning. */
function messageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && typeof parsed['error'] === 'string') return parsed['error'];
    if (isRecord(parsed) && isRecord(parsed['error']) && typeof parsed['error']['message'] === 'string') return parsed['error']['message'];
  } catch {
    // Not JSON: a reverse proxy's page or plain text.
  }
  return bodyExcerpt(body);
}

/** Maps a non-2xx Ollama reply; an unknown model (404 "model … not found") gets `code: model_not_found`. */
export function parseOllamaError(status: number, body: string, headers: HeaderBag): NormalizedError {
  const message = messageOf(body);
  const code = status === 404 && /model/i.test(message) ? 'model_not_found' : undefined;
  return upstreamError(status, code === undefined ? { exception: 'OllamaException', message } : { exception: 'OllamaException', message, code }, headers);
}

/** An `{"error": …}` line inside a 200 NDJSON stream (e.g. the runner crashed mid-generation). */
export function streamError(message: string): NormalizedError {
  return upstreamError(500, { exception: 'OllamaException', message });
}
