import type { Operation, RequestContext } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { buildEmbeddingResponse, buildResponse, responseIdPrefix } from '../shared/openai-output.ts';
import type { OpenAIUsage, OutputToolCall } from '../shared/openai-output.ts';
import { toolCallId } from '../shared/tool-call-id.ts';
import { mapFinishReason } from './map-finish-reason.ts';
import { splitThinkTags } from './think-tags.ts';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** `prompt_eval_count` / `eval_count` → OpenAI usage. */
export function mapUsage(reply: Readonly<Record<string, unknown>>): OpenAIUsage {
  const prompt = count(reply['prompt_eval_count']);
  const completion = count(reply['eval_count']);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * Tool calls of an `/api/chat` message (`[{function:{name, arguments: object}}]`) in
 * OpenAI's shape, with ids minted from the call id (Ollama gives none) starting at `position`.
 */
export function readToolCalls(message: unknown, callId: string, position: number): OutputToolCall[] {
  const calls = isRecord(message) && Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isRecord) : [];
  return calls.map((call, offset) => {
    const fn = isRecord(call['function']) ? call['function'] : {};
    const args = fn['arguments'];
    return {
      id: typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : toolCallId(callId, position + offset),
      name: String(fn['name'] ?? ''),
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    };
  });
}

/**
 * Maps an Ollama reply to OpenAI's shape: `/api/chat` replies carry `message`,
 * `/api/generate` replies `response`; `thinking` becomes `reasoning_content`.
 */
export function fromOllamaResponse(operation: Operation, json: unknown, context: RequestContext): object {
  const reply = isRecord(json) ? json : {};
  const message = isRecord(reply['message']) ? reply['message'] : undefined;
  const raw = message ? message['content'] : reply['response'];
  let thinking = message ? message['thinking'] : reply['thinking'];
  let content = raw;
  if (typeof raw === 'string' && typeof thinking !== 'string') {
    const split = splitThinkTags(raw);
    content = split.content;
    if (split.reasoning !== '') thinking = split.reasoning;
  }
  const toolCalls = readToolCalls(message, context.callId, 0);
  const text = typeof content === 'string' && (content !== '' || toolCalls.length === 0) ? content : null;
  const choice = {
    content: text,
    toolCalls,
    finishReason: mapFinishReason(reply['done_reason'], toolCalls.length > 0),
    ...(typeof thinking === 'string' && thinking !== '' ? { reasoning: thinking } : {}),
  };
  return buildResponse(operation, context, `${responseIdPrefix(operation)}${context.callId}`, [choice], mapUsage(reply));
}

/** Maps an `/api/embed` reply (`{embeddings: number[][], prompt_eval_count}`) to OpenAI's embeddings list. */
export function fromOllamaEmbeddings(json: unknown, context: RequestContext): object {
  const reply = isRecord(json) ? json : {};
  const vectors = Array.isArray(reply['embeddings']) ? (reply['embeddings'] as unknown[]).map((vector) => (Array.isArray(vector) ? (vector as number[]) : [])) : [];
  return buildEmbeddingResponse(context, vectors, count(reply['prompt_eval_count']));
}
