/**
 * Anthropic `stop_reason` → OpenAI `finish_reason` (LiteLLM's map, providers.md §9.2).
 * `model_context_window_exceeded` is unmapped in LiteLLM (→ stop); `length` says what
 * happened, so it is used here. Unknown reasons become `stop`, as in LiteLLM.
 */
export function mapFinishReason(stopReason: unknown): string {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
    case 'compaction':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
