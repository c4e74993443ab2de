/**
 * Ollama `done_reason` → OpenAI `finish_reason`. A reply with tool calls finishes with
 * `tool_calls`; `length` (num_predict reached) is `length`; everything else (`stop`,
 * `load`, `unload`, absent) is `stop`. LiteLLM reports `stop` even for `length`, which
 * hides truncation from clients.
 */
export function mapFinishReason(doneReason: unknown, hasToolCalls: boolean): string {
  if (hasToolCalls) return 'tool_calls';
  return doneReason === 'length' ? 'length' : 'stop';
}
