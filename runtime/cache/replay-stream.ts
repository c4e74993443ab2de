/**
 * Turns a cached final response into the SSE stream a `stream: true` client expects
 * (litellm-config.md §8: a hit for a streaming request is replayed as a synthetic stream):
 * per choice one chunk carrying the whole message, then one chunk with its finish reason,
 * a usage chunk when the request asked for `stream_options.include_usage`, and `[DONE]`.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function event(chunk: object): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The full SSE text for a cached chat.completion or text_completion response. */
export function replayAsSse(response: Readonly<Record<string, unknown>>, includeUsage: boolean): string {
  const text = response.object === 'text_completion';
  const head: Record<string, unknown> = {
    id: response.id,
    object: text ? 'text_completion' : 'chat.completion.chunk',
    created: response.created,
    model: response.model,
  };
  if (response.system_fingerprint !== undefined) head.system_fingerprint = response.system_fingerprint;
  const choices = Array.isArray(response.choices) ? response.choices.filter(isRecord) : [];
  let out = '';
  for (const choice of choices) {
    const index = typeof choice.index === 'number' ? choice.index : 0;
    if (text) {
      out += event({ ...head, choices: [{ index, text: typeof choice.text === 'string' ? choice.text : '', logprobs: null, finish_reason: null }] });
      continue;
    }
    const message = isRecord(choice.message) ? choice.message : {};
    const delta: Record<string, unknown> = { role: message.role ?? 'assistant', content: message.content ?? null };
    if (message.reasoning_content !== undefined) delta.reasoning_content = message.reasoning_content;
    if (message.refusal !== undefined && message.refusal !== null) delta.refusal = message.refusal;
    if (Array.isArray(message.tool_calls)) {
      // Stream deltas number their tool calls; the final message does not.
      delta.tool_calls = message.tool_calls.map((call, at) => (isRecord(call) ? { index: at, ...call } : call));
    }
    if (message.function_call !== undefined) delta.function_call = message.function_call;
    out += event({ ...head, choices: [{ index, delta, logprobs: null, finish_reason: null }] });
  }
  for (const choice of choices) {
    const index = typeof choice.index === 'number' ? choice.index : 0;
    const finish = choice.finish_reason ?? 'stop';
    out += event({ ...head, choices: [text ? { index, text: '', logprobs: null, finish_reason: finish } : { index, delta: {}, logprobs: null, finish_reason: finish }] });
  }
  if (includeUsage && isRecord(response.usage)) out += event({ ...head, choices: [], usage: response.usage });
  return `${out}data: [DONE]\n\n`;
}
