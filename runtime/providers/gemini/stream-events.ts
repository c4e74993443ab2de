import type { Operation, RequestContext, StreamTranslator, Usage } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { ChunkWriter, responseIdPrefix } from '../shared/openai-output.ts';
import { adapterFailure } from '../shared/provider-error.ts';
import { mapUsage, readCandidateParts } from './convert-response.ts';
import { geminiError } from './errors.ts';
import { FLAGGED_FINISH_REASONS, mapFinishReason } from './map-finish-reason.ts';

/**
 * Translates a Gemini `streamGenerateContent?alt=sse` stream into OpenAI chunks
 * (providers.md §9.6). Every event is a whole GenerateContentResponse holding only new
 * parts; function calls arrive complete, so each becomes one tool-call fragment with id,
 * name and all arguments. Gemini sends no terminator: the normal end is a chunk whose
 * candidates all carry `finishReason` (or a blocked prompt), which is what `finished()`
 * reports, so a connection dropped earlier reads as truncated.
 */
export class GeminiStreamTranslator implements StreamTranslator {
  readonly #writer: ChunkWriter;
  readonly #callId: string;
  readonly #started = new Set<number>();
  readonly #open = new Set<number>();
  readonly #toolCounts = new Map<number, number>();
  #toolPositions = 0;
  #usage: unknown;
  #finished = false;

  constructor(operation: Operation, context: RequestContext) {
    this.#writer = new ChunkWriter(operation, context, `${responseIdPrefix(operation)}${context.callId}`);
    this.#callId = context.callId;
  }

  push(event: { readonly event?: string; readonly data: string }): object[] {
    const payload: unknown = JSON.parse(event.data);
    if (!isRecord(payload)) return [];
    if (isRecord(payload['error'])) throw adapterFailure(geminiError(undefined, payload['error'], {}));
    if (typeof payload['responseId'] === 'string' && this.#started.size === 0) this.#writer.setId(payload['responseId']);
    if (payload['usageMetadata'] !== undefined) this.#usage = payload['usageMetadata'];

    const chunks: object[] = [];
    const candidates = Array.isArray(payload['candidates']) ? payload['candidates'].filter(isRecord) : [];
    if (candidates.length === 0) {
      const feedback = isRecord(payload['promptFeedback']) ? payload['promptFeedback'] : {};
      if (feedback['blockReason'] !== undefined) {
        // A blocked prompt ends the stream with no candidate at all.
        chunks.push(...this.#start(0), ...this.#writer.finish('content_filter'));
        this.#finished = true;
      }
      return chunks;
    }
    for (const candidate of candidates) {
      const index = typeof candidate['index'] === 'number' ? candidate['index'] : 0;
      chunks.push(...this.#start(index));
      const reason = candidate['finishReason'];
      const flagged = typeof reason === 'string' && FLAGGED_FINISH_REASONS.has(reason);
      if (!flagged) {
        const parts = readCandidateParts(candidate['content'], this.#callId, this.#toolPositions);
        this.#toolPositions += parts.toolCalls.length;
        chunks.push(...this.#writer.reasoning(parts.reasoning, index));
        if (parts.text !== null) chunks.push(...this.#writer.text(parts.text, index));
        for (const call of parts.toolCalls) {
          const toolIndex = this.#toolCounts.get(index) ?? 0;
          this.#toolCounts.set(index, toolIndex + 1);
          chunks.push(...this.#writer.toolCall(toolIndex, { id: call.id, name: call.name, arguments: call.arguments }, index));
        }
      }
      if (typeof reason === 'string' && reason !== '' && this.#open.has(index)) {
        this.#open.delete(index);
        chunks.push(...this.#writer.finish(mapFinishReason(reason, (this.#toolCounts.get(index) ?? 0) > 0), index));
      }
    }
    this.#finished = this.#open.size === 0;
    return chunks;
  }

  end(): object[] {
    return this.#finished && this.#usage !== undefined ? this.#writer.usage(mapUsage(this.#usage)) : [];
  }

  usage(): Usage | undefined {
    return this.#usage === undefined ? undefined : mapUsage(this.#usage);
  }

  finished(): boolean {
    return this.#finished;
  }

  /** The role chunk the first time a candidate appears. */
  #start(index: number): object[] {
    if (this.#started.has(index)) return [];
    this.#started.add(index);
    this.#open.add(index);
    return this.#writer.role(index);
  }
}
