import { appendPath } from '../shared/request-params.ts';

/** Ollama's default local address (LiteLLM's default when no api_base is set). */
export const OLLAMA_DEFAULT_BASE = 'http://localhost:11434';

/** Ollama's native endpoints LiteLLM calls. */
export type OllamaEndpoint = '/api/generate' | '/api/chat' | '/api/embed';

/**
 * `{base}{endpoint}` unless the base already ends with it; no slash normalising, so a
 * trailing slash gives `//api/chat` exactly as LiteLLM sends it.
 */
export function ollamaUrl(apiBase: string | undefined, endpoint: OllamaEndpoint): string {
  return appendPath(apiBase || OLLAMA_DEFAULT_BASE, endpoint);
}

/** `Authorization: Bearer` only when a key is configured (plain Ollama has no auth). */
export function ollamaHeaders(apiKey: string | undefined, extra: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
  if (apiKey) headers['authorization'] = `Bearer ${apiKey}`;
  return headers;
}
