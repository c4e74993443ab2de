/**
 * URL joining rules LiteLLM applies to OpenAI-compatible bases (providers.md, "URL
 * composition": transport families A and B). Kept exact, including the double slashes
 * LiteLLM keeps, so requests land where LiteLLM's would.
 */
import type { ProviderSpec, UrlFamily } from '../../../compiler/plan/provider-table.ts';
import type { Operation } from '../adapter.ts';

/** Family A (OpenAI Python SDK): ensure one trailing `/`, then append the relative path. */
export function joinSdkStyle(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

/** Strips every trailing `/`. */
export function stripTrailingSlashes(base: string): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47 /* '/' */) end--;
  return end === base.length ? base : base.slice(0, end);
}

/** Family B (LiteLLM's handler): strip trailing `/`, append unless the base already contains the path. */
export function joinHandlerStyle(base: string, path: string): string {
  if (base.includes(path)) return base;
  return `${stripTrailingSlashes(base)}/${path}`;
}

const paths: Readonly<Record<Operation, string>> = { chat: 'chat/completions', completion: 'completions', embedding: 'embeddings' };

function join(family: UrlFamily, base: string, path: string): string {
  return family === 'B' ? joinHandlerStyle(base, path) : joinSdkStyle(base, path);
}

/**
 * The upstream URL for an OpenAI-compatible provider and operation, or undefined when
 * LiteLLM has no such route for the provider (e.g. groq embeddings).
 */
export function composeOpenAiUrl(spec: ProviderSpec | undefined, base: string, operation: Operation): string | undefined {
  let root = base;
  // Mistral: a base not ending in /v1 gets one ("…/v1/" becomes "…/v1//v1", as LiteLLM does).
  if (spec?.appendV1 && !root.endsWith('/v1')) root += '/v1';
  const chatFamily = spec?.chatFamily ?? 'A';
  if (operation === 'embedding') {
    const family = spec ? spec.embeddingFamily : 'A';
    return family === undefined ? undefined : join(family, root, paths.embedding);
  }
  return join(chatFamily, root, paths[operation]);
}
