import type { Operation, RequestContext } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { buildEmbeddingResponse, buildResponse, responseIdPrefix } from '../shared/openai-output.ts';
import type { OpenAIUsage, OutputChoice, OutputToolCall } from '../shared/openai-output.ts';
import { toolCallId } from '../shared/tool-call-id.ts';
import { FLAGGED_FINISH_REASONS, mapFinishReason } from './map-finish-reason.ts';
import { encodeToolCallId } from './tool-call-ids.ts';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Gemini `usageMetadata` → OpenAI usage (LiteLLM `_calculate_usage`): thinking tokens
 * count as completion tokens unless the candidate count already includes them (then
 * prompt + candidates equals the total); cached content is part of the prompt.
 */
export function mapUsage(metadata: unknown): OpenAIUsage {
  const usage = isRecord(metadata) ? metadata : {};
  const prompt = count(usage['promptTokenCount']);
  const candidates = count(usage['candidatesTokenCount']);
  const thoughts = count(usage['thoughtsTokenCount']);
  const total = typeof usage['totalTokenCount'] === 'number' ? usage['totalTokenCount'] : undefined;
  const completion = thoughts > 0 && (total === undefined || prompt + candidates !== total) ? candidates + thoughts : candidates;
  const result: OpenAIUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total ?? prompt + completion };
  if (typeof usage['cachedContentTokenCount'] === 'number') result.prompt_tokens_details = { cached_tokens: usage['cachedContentTokenCount'] };
  if (thoughts > 0) result.completion_tokens_details = { reasoning_tokens: thoughts };
  return result;
}

/** What one candidate's parts hold, in OpenAI terms. */
export interface CandidateParts {
  readonly text: string | null;
  readonly reasoning: string;
  readonly toolCalls: OutputToolCall[];
}

/**
 * Reads a candidate's parts: text (thought parts become reasoning), function calls as
 * tool calls with ids minted from the call id and `position` onwards (Gemini gives none
 * unless `functionCall.id` is set), the thought signature carried in the id.
 */
export function readCandidateParts(content: unknown, callId: string, position: number): CandidateParts {
  const parts = isRecord(content) && Array.isArray(content['parts']) ? content['parts'].filter(isRecord) : [];
  let text: string | null = null;
  let reasoning = '';
  const toolCalls: OutputToolCall[] = [];
  for (const part of parts) {
    if (typeof part['text'] === 'string') {
      if (part['thought'] === true) reasoning += part['text'];
      else text = (text ?? '') + part['text'];
    } else if (isRecord(part['functionCall'])) {
      const call = part['functionCall'];
      const id = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : toolCallId(callId, position + toolCalls.length);
      const signature = typeof part['thoughtSignature'] === 'string' ? part['thoughtSignature'] : undefined;
      toolCalls.push({ id: encodeToolCallId(id, signature), name: String(call['name'] ?? ''), arguments: JSON.stringify(call['args'] ?? {}) });
    }
  }
  return { text, reasoning, toolCalls };
}

/** Maps a `GenerateContentResponse` to an OpenAI chat.completion / text_completion. */
export function fromGeminiResponse(operation: Operation, json: unknown, context: RequestContext): object {
  const response = isRecord(json) ? json : {};
  const candidates = Array.isArray(response['candidates']) ? response['candidates'].filter(isRecord) : [];
  const choices: OutputChoice[] = [];
  let position = 0;
  for (const candidate of candidates) {
    const reason = candidate['finishReason'];
    if (typeof reason === 'string' && FLAGGED_FINISH_REASONS.has(reason)) {
      choices.push({ content: null, toolCalls: [], finishReason: 'content_filter' });
      continue;
    }
    const parts = readCandidateParts(candidate['content'], context.callId, position);
    position += parts.toolCalls.length;
    const choice: OutputChoice = { content: parts.text, toolCalls: parts.toolCalls, finishReason: mapFinishReason(reason, parts.toolCalls.length > 0) };
    choices.push(parts.reasoning === '' ? choice : { ...choice, reasoning: parts.reasoning });
  }
  // A blocked prompt comes back with no candidates at all, only promptFeedback.blockReason.
  if (choices.length === 0) choices.push({ content: null, toolCalls: [], finishReason: 'content_filter' });
  const id = typeof response['responseId'] === 'string' ? response['responseId'] : `${responseIdPrefix(operation)}${context.callId}`;
  return buildResponse(operation, context, id, choices, mapUsage(response['usageMetadata']));
}

/** Maps a `batchEmbedContents` reply (`{embeddings:[{values}]}`) to OpenAI's embeddings list. */
export function fromGeminiEmbeddings(json: unknown, context: RequestContext): object {
  const embeddings = isRecord(json) && Array.isArray(json['embeddings']) ? json['embeddings'] : [];
  const vectors = embeddings.map((entry) => (isRecord(entry) && Array.isArray(entry['values']) ? (entry['values'] as number[]) : []));
  // Gemini reports no token usage for embeddings, and the reply does not echo the input: report 0.
  return buildEmbeddingResponse(context, vectors, 0);
}
