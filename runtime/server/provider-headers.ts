/**
 * Relays a provider's response headers the way LiteLLM does (litellm-config.md §7.11):
 * every one as `llm_provider-<name>`, and the rate-limit ones (`x-ratelimit-*`) also as they are.
 */

/** Response headers as undici reports them. */
export type UpstreamHeaders = Readonly<Record<string, string | string[] | undefined>>;

// Names of forwarded provider headers, `llm_provider-<name>` as LiteLLM sends them (§7.11),
// cached so the hot path does not build the same strings per request.
const prefixedNames = new Map<string, string>();

/** Adds the provider's response headers: all prefixed, and `x-ratelimit-*` also as is. */
export function addProviderHeaders(headers: Record<string, string | string[]>, upstream: UpstreamHeaders): void {
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined) continue;
    let prefixed = prefixedNames.get(name);
    if (prefixed === undefined) {
      prefixed = `llm_provider-${name}`;
      if (prefixedNames.size < 1000) prefixedNames.set(name, prefixed);
    }
    headers[prefixed] = value;
    if (name.startsWith('x-ratelimit-')) headers[name] = value;
  }
}

/** `x-litellm-model-api-base`: the deployment's api_base with any query string (keys!) stripped. */
export function apiBaseHeader(apiBase: string): string {
  const at = apiBase.indexOf('?');
  return at === -1 ? apiBase : apiBase.slice(0, at);
}
