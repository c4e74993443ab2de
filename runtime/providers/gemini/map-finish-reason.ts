/** Gemini finish reasons that mean a safety or policy block (LiteLLM 2026 `_FINISH_REASON_MAP`). */
const CONTENT_FILTER: ReadonlySet<string> = new Set([
  'SAFETY', 'RECITATION', 'LANGUAGE', 'OTHER', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION', 'IMAGE_OTHER', 'NO_IMAGE', 'ESCALATION',
]);

/**
 * Reasons after which LiteLLM drops the candidate's content and tool calls
 * (`get_flagged_finish_reasons`): the client gets `content: null`.
 */
export const FLAGGED_FINISH_REASONS: ReadonlySet<string> = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY',
]);

/**
 * Gemini `finishReason` → OpenAI `finish_reason` (providers.md §9.5): a candidate that
 * produced tool calls finishes with `tool_calls` (Gemini itself says STOP), MAX_TOKENS is
 * `length`, safety/policy reasons `content_filter`, the rest `stop`.
 */
export function mapFinishReason(reason: unknown, hasToolCalls: boolean): string {
  if (typeof reason === 'string' && CONTENT_FILTER.has(reason)) return 'content_filter';
  if (hasToolCalls) return 'tool_calls';
  return reason === 'MAX_TOKENS' ? 'length' : 'stop';
}
