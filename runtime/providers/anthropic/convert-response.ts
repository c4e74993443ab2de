import type { Operation, RequestContext } from '../adapter.ts';
import { buildResponse, responseIdPrefix } from '../shared/openai-output.ts';
import type { OpenAIUsage, OutputToolCall } from '../shared/openai-output.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { JSON_TOOL_NAME } from './convert-request.ts';
import { mapFinishReason } from './map-finish-reason.ts';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Anthropic usage → OpenAI usage. `input_tokens` excludes cached tokens, so the prompt
 * total adds cache writes and reads (LiteLLM 2026); cache reads are also reported as
 * `prompt_tokens_details.cached_tokens`.
 */
export function mapUsage(usage: unknown): OpenAIUsage {
  const source = isRecord(usage) ? usage : {};
  const cacheRead = count(source['cache_read_input_tokens']);
  const prompt = count(source['input_tokens']) + count(source['cache_creation_input_tokens']) + cacheRead;
  const completion = count(source['output_tokens']);
  const result: OpenAIUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  result.prompt_tokens_details = { cached_tokens: cacheRead };
  const details = source['output_tokens_details'];
  if (isRecord(details) && typeof details['thinking_tokens'] === 'number') {
    result.completion_tokens_details = { reasoning_tokens: details['thinking_tokens'] };
  }
  return result;
}

/** Maps an Anthropic Message (non-streaming) to an OpenAI chat.completion / text_completion. */
export function fromAnthropicResponse(operation: Operation, json: unknown, context: RequestContext): object {
  const message = isRecord(json) ? json : {};
  const blocks = Array.isArray(message['content']) ? message['content'].filter(isRecord) : [];
  let text: string | null = null;
  let reasoning = '';
  let jsonOutput: string | undefined;
  const toolCalls: OutputToolCall[] = [];
  for (const block of blocks) {
    if (block['type'] === 'text' && typeof block['text'] === 'string') text = (text ?? '') + block['text'];
    else if (block['type'] === 'thinking' && typeof block['thinking'] === 'string') reasoning += block['thinking'];
    else if (block['type'] === 'tool_use') {
      const input = block['input'] ?? {};
      if (block['name'] === JSON_TOOL_NAME) {
        // response_format was carried by the forced JSON tool: its input is the answer.
        jsonOutput = JSON.stringify(isRecord(input) && isRecord(input['values']) && Object.keys(input).length === 1 ? input['values'] : input);
        continue;
      }
      toolCalls.push({ id: String(block['id'] ?? ''), name: String(block['name'] ?? ''), arguments: JSON.stringify(input) });
    }
  }
  let finishReason = mapFinishReason(message['stop_reason']);
  if (jsonOutput !== undefined) {
    text = jsonOutput;
    if (toolCalls.length === 0 && finishReason === 'tool_calls') finishReason = 'stop';
  }
  const id = typeof message['id'] === 'string' ? message['id'] : `${responseIdPrefix(operation)}${context.callId}`;
  const choice = reasoning === '' ? { content: text, toolCalls, finishReason } : { content: text, toolCalls, reasoning, finishReason };
  return buildResponse(operation, context, id, [choice], mapUsage(message['usage']));
}
