/**
 * Small factories shared by the translating adapters' tests: a resolved target, a
 * request context, and a way to push raw wire text (SSE or NDJSON) through the real
 * de-framing decoders into a StreamTranslator, as the runtime does.
 */
import type { AdapterTarget, RequestContext, StreamTranslator } from '../../../../runtime/providers/adapter.ts';
import { NdjsonDecoder } from '../../../../runtime/providers/shared/ndjson-decoder.ts';
import { SseDecoder } from '../../../../runtime/providers/shared/sse-decoder.ts';
import { UpstreamFailure } from '../../../../runtime/router/types.ts';
import type { NormalizedError } from '../../../../runtime/providers/adapter.ts';

export function makeTarget(overrides: Partial<AdapterTarget> = {}): AdapterTarget {
  return { provider: 'anthropic', model: 'claude-sonnet-4-20250514', apiBase: 'https://api.anthropic.com', apiKey: 'sk-test-key', params: {}, dropParams: false, ...overrides };
}

export function makeContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return { callId: 'call-1', requestedModel: 'claude', created: 1_700_000_000, stream: false, includeUsage: false, ...overrides };
}

/** Feeds SSE text through the SseDecoder in small slices (so events straddle reads), collecting chunks. */
export function runSse(translator: StreamTranslator, text: string, sliceSize = 7): object[] {
  const decoder = new SseDecoder();
  const chunks: object[] = [];
  for (let at = 0; at < text.length; at += sliceSize) {
    for (const event of decoder.push(text.slice(at, at + sliceSize))) chunks.push(...translator.push(event));
  }
  for (const event of decoder.end()) chunks.push(...translator.push(event));
  chunks.push(...translator.end());
  return chunks;
}

/** Feeds NDJSON text through the NdjsonDecoder in slices, collecting chunks. */
export function runNdjson(translator: StreamTranslator, text: string, sliceSize = 11): object[] {
  const decoder = new NdjsonDecoder();
  const chunks: object[] = [];
  for (let at = 0; at < text.length; at += sliceSize) {
    for (const line of decoder.push(text.slice(at, at + sliceSize))) chunks.push(...translator.push({ data: line }));
  }
  for (const line of decoder.end()) chunks.push(...translator.push({ data: line }));
  chunks.push(...translator.end());
  return chunks;
}

interface ChunkChoice {
  index: number;
  delta?: { role?: string; content?: string; reasoning_content?: string; tool_calls?: { index: number; id?: string; type?: string; function: { name?: string; arguments: string } }[] };
  text?: string;
  finish_reason: string | null;
}

/** What an OpenAI client would assemble from the chunks of choice 0. */
export function assemble(chunks: readonly object[]): { role?: string; content: string; reasoning: string; toolCalls: { id?: string; name?: string; arguments: string }[]; finishReason: string | null; usage?: unknown } {
  const result = { content: '', reasoning: '', toolCalls: [] as { id?: string; name?: string; arguments: string }[], finishReason: null as string | null } as ReturnType<typeof assemble>;
  for (const chunk of chunks as { choices: ChunkChoice[]; usage?: unknown }[]) {
    if (chunk.choices.length === 0) result.usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      if (choice.delta?.role) result.role = choice.delta.role;
      result.content += choice.delta?.content ?? choice.text ?? '';
      result.reasoning += choice.delta?.reasoning_content ?? '';
      for (const call of choice.delta?.tool_calls ?? []) {
        const slot = (result.toolCalls[call.index] ??= { arguments: '' });
        if (call.id !== undefined) slot.id = call.id;
        if (call.function.name !== undefined) slot.name = call.function.name;
        slot.arguments += call.function.arguments;
      }
      if (choice.finish_reason !== null) result.finishReason = choice.finish_reason;
    }
  }
  return result;
}

/** Runs `action`, expecting it to throw an UpstreamFailure; returns its normalised error. */
export function failureOf(action: () => unknown): NormalizedError {
  try {
    action();
  } catch (error) {
    if (error instanceof UpstreamFailure) return error.error;
    throw error;
  }
  throw new Error('expected an UpstreamFailure, nothing was thrown');
}
