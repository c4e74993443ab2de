import type { Operation, RequestContext, StreamTranslator, Usage } from '../adapter.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { ChunkWriter, responseIdPrefix } from '../shared/openai-output.ts';
import type { OpenAIUsage } from '../shared/openai-output.ts';
import { adapterFailure } from '../shared/provider-error.ts';
import { mapUsage, readToolCalls } from './convert-response.ts';
import { streamError } from './errors.ts';
import { mapFinishReason } from './map-finish-reason.ts';
import { ThinkTagSplitter } from './think-tags.ts';

/**
 * Translates Ollama's NDJSON stream (one JSON object per line) from `/api/chat`
 * (`message.content`, `message.thinking`, `message.tool_calls`) or `/api/generate`
 * (`response`, `thinking`) into OpenAI chunks; inline `<think>` blocks become
 * reasoning. The normal end is the line with
 * `done: true`, which carries `done_reason` and the token counts.
 */
export class OllamaStreamTranslator implements StreamTranslator {
  readonly #writer: ChunkWriter;
  readonly #callId: string;
  readonly #thinkTags = new ThinkTagSplitter();
  #started = false;
  #toolCount = 0;
  #usage: OpenAIUsage | undefined;
  #finished = false;

  constructor(operation: Operation, context: RequestContext) {
    this.#writer = new ChunkWriter(operation, context, `${responseIdPrefix(operation)}${context.callId}`);
    this.#callId = context.callId;
  }

  push(event: { readonly event?: string; readonly data: string }): object[] {
    const line: unknown = JSON.parse(event.data);
    if (!isRecord(line)) return [];
    if (line['error'] !== undefined) {
      const error = line['error'];
      throw adapterFailure(streamError(typeof error === 'string' ? error : JSON.stringify(error)));
    }
    const chunks: object[] = [];
    if (!this.#started) {
      this.#started = true;
      chunks.push(...this.#writer.role());
    }
    const message = isRecord(line['message']) ? line['message'] : undefined;
    const thinking = message ? message['thinking'] : line['thinking'];
    const content = message ? message['content'] : line['response'];
    if (typeof thinking === 'string') chunks.push(...this.#writer.reasoning(thinking));
    if (typeof content === 'string') {
      const split = this.#thinkTags.push(content);
      chunks.push(...this.#writer.reasoning(split.reasoning), ...this.#writer.text(split.content));
    }
    for (const call of readToolCalls(message, this.#callId, this.#toolCount)) {
      chunks.push(...this.#writer.toolCall(this.#toolCount++, { id: call.id, name: call.name, arguments: call.arguments }));
    }
    if (line['done'] === true && !this.#finished) {
      this.#finished = true;
      this.#usage = mapUsage(line);
      chunks.push(...this.#writer.finish(mapFinishReason(line['done_reason'], this.#toolCount > 0)));
    }
    return chunks;
  }

  end(): object[] {
    return this.#finished ? this.#writer.usage(this.#usage) : [];
  }

  usage(): Usage | undefined {
    return this.#usage;
  }

  finished(): boolean {
    return this.#finished;
  }
}
