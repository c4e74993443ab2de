/**
 * DeepSeek: the OpenAI adapter with LiteLLM's DeepSeek URL rule and body quirks
 * (providers.md §6 and the `deepseek/` URL row): `{base}/chat/completions` unless the base
 * already ends with it, no slash normalisation, Bearer only when a key is set; list-form
 * message content is flattened to a string, and `reasoning_effort`/`thinking` become
 * `thinking: {type: "enabled"}`. No embeddings route (as in LiteLLM's dispatch).
 */
import type { Operation, ProviderAdapter } from '../adapter.ts';
import { createOpenAiAdapter } from '../openai/adapter.ts';

/** The DeepSeek URL for an operation, or undefined when LiteLLM has none. */
export function composeDeepSeekUrl(base: string, operation: Operation): string | undefined {
  if (operation === 'embedding') return undefined;
  const path = operation === 'chat' ? '/chat/completions' : '/completions';
  return base.endsWith(path) ? base : base + path;
}

function flattenContent(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  // "DeepSeek does not support content in list format": join the text parts.
  return content
    .map((part) => (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}

function adjustBody(body: Record<string, unknown>, operation: Operation): void {
  if (operation !== 'chat') return;
  if (Array.isArray(body.messages) && body.messages.some((m) => Array.isArray((m as { content?: unknown } | null)?.content))) {
    body.messages = body.messages.map((message) => {
      const m = message as Record<string, unknown>;
      return Array.isArray(m.content) ? { ...m, content: flattenContent(m.content) } : m;
    });
  }
  const effort = body.reasoning_effort;
  if (effort !== undefined) {
    delete body.reasoning_effort;
    if (effort !== 'none') body.thinking = { type: 'enabled' };
  } else if (body.thinking !== undefined && typeof body.thinking === 'object' && body.thinking !== null) {
    const type = (body.thinking as { type?: unknown }).type;
    if (type !== 'disabled') body.thinking = { type: 'enabled' };
  }
}

const deepSeekAdapter: ProviderAdapter = createOpenAiAdapter({
  kind: 'deepseek',
  url: (operation, target) => composeDeepSeekUrl(target.apiBase, operation),
  adjustBody,
});
export default deepSeekAdapter;
