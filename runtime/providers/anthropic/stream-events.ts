import type { Operation, RequestContext, StreamTranslator, Usage } from '../adapter.ts';
import { ChunkWriter, responseIdPrefix } from '../shared/openai-output.ts';
import type { OpenAIUsage } from '../shared/openai-output.ts';
import { isRecord } from '../shared/openai-messages.ts';
import { adapterFailure } from '../shared/provider-error.ts';
import { JSON_TOOL_NAME } from './convert-request.ts';
import { mapUsage } from './convert-response.ts';
import { streamError } from './errors.ts';
import { mapFinishReason } from './map-finish-reason.ts';

type BlockState =
  | { readonly kind: 'text' | 'thinking' | 'other' }
  | { readonly kind: 'tool'; readonly toolIndex: number; sawArguments: boolean }
  | { readonly kind: 'json'; sawArguments: boolean };

/**
 * Translates an Anthropic Messages stream into OpenAI chunks (providers.md §9.3).
 * Events are dispatched on their JSON `type`, not the SSE `event:` name, so a stream
 * without `event:` lines still works. Tool calls are numbered from 0 in the order their
 * blocks start (not by Anthropic's block index); a tool block that streamed no
 * arguments gets `"{}"` so the client's concatenated arguments are valid JSON.
 */
export class AnthropicStreamTranslator implements StreamTranslator {
  readonly #writer: ChunkWriter;
  readonly #blocks = new Map<number, BlockState>();
  #toolCount = 0;
  #usage: Record<string, unknown> = {};
  #sawUsage = false;
  #sawJsonTool = false;
  #finishSent = false;
  #finished = false;

  constructor(operation: Operation, context: RequestContext) {
    this.#writer = new ChunkWriter(operation, context, `${responseIdPrefix(operation)}${context.callId}`);
  }

  push(event: { readonly event?: string; readonly data: string }): object[] {
    const payload: unknown = JSON.parse(event.data);
    if (!isRecord(payload)) return [];
    switch (payload['type']) {
      case 'message_start':
        return this.#messageStart(payload);
      case 'content_block_start':
        return this.#blockStart(payload);
      case 'content_block_delta':
        return this.#blockDelta(payload);
      case 'content_block_stop':
        return this.#blockStop(payload);
      case 'message_delta':
        return this.#messageDelta(payload);
      case 'message_stop':
        this.#finished = true;
        if (this.#finishSent) return [];
        // A stream that ended without message_delta still needs a finish_reason for the client.
        this.#finishSent = true;
        return this.#writer.finish('stop');
      case 'error':
        throw adapterFailure(streamError(payload));
      default:
        // ping and event types added later carry nothing for an OpenAI client.
        return [];
    }
  }

  end(): object[] {
    return this.#finished ? this.#writer.usage(this.usage()) : [];
  }

  usage(): Usage | undefined {
    return this.#sawUsage ? (mapUsage(this.#usage) as OpenAIUsage) : undefined;
  }

  finished(): boolean {
    return this.#finished;
  }

  #messageStart(payload: Record<string, unknown>): object[] {
    const message = isRecord(payload['message']) ? payload['message'] : {};
    if (typeof message['id'] === 'string') this.#writer.setId(message['id']);
    this.#mergeUsage(message['usage']);
    return this.#writer.role();
  }

  #blockStart(payload: Record<string, unknown>): object[] {
    const index = typeof payload['index'] === 'number' ? payload['index'] : this.#blocks.size;
    const block = isRecord(payload['content_block']) ? payload['content_block'] : {};
    switch (block['type']) {
      case 'text':
        this.#blocks.set(index, { kind: 'text' });
        return this.#writer.text(typeof block['text'] === 'string' ? block['text'] : '');
      case 'thinking':
        this.#blocks.set(index, { kind: 'thinking' });
        return this.#writer.reasoning(typeof block['thinking'] === 'string' ? block['thinking'] : '');
      case 'tool_use':
      case 'server_tool_use': {
        if (block['name'] === JSON_TOOL_NAME) {
          this.#sawJsonTool = true;
          this.#blocks.set(index, { kind: 'json', sawArguments: false });
          return [];
        }
        const toolIndex = this.#toolCount++;
        this.#blocks.set(index, { kind: 'tool', toolIndex, sawArguments: false });
        return this.#writer.toolCall(toolIndex, { id: String(block['id'] ?? ''), name: String(block['name'] ?? ''), arguments: '' });
      }
      default:
        this.#blocks.set(index, { kind: 'other' });
        return [];
    }
  }

  #blockDelta(payload: Record<string, unknown>): object[] {
    const state = this.#blocks.get(typeof payload['index'] === 'number' ? payload['index'] : -1);
    const delta = isRecord(payload['delta']) ? payload['delta'] : {};
    switch (delta['type']) {
      case 'text_delta':
        return typeof delta['text'] === 'string' ? this.#writer.text(delta['text']) : [];
      case 'thinking_delta':
        return typeof delta['thinking'] === 'string' ? this.#writer.reasoning(delta['thinking']) : [];
      case 'input_json_delta': {
        const partial = typeof delta['partial_json'] === 'string' ? delta['partial_json'] : '';
        if (partial === '' || state === undefined) return [];
        if (state.kind === 'json') {
          state.sawArguments = true;
          return this.#writer.text(partial);
        }
        if (state.kind !== 'tool') return [];
        state.sawArguments = true;
        return this.#writer.toolCall(state.toolIndex, { arguments: partial });
      }
      default:
        // signature_delta and citations_delta have no OpenAI equivalent.
        return [];
    }
  }

  #blockStop(payload: Record<string, unknown>): object[] {
    const state = this.#blocks.get(typeof payload['index'] === 'number' ? payload['index'] : -1);
    if (state?.kind === 'tool' && !state.sawArguments) return this.#writer.toolCall(state.toolIndex, { arguments: '{}' });
    if (state?.kind === 'json' && !state.sawArguments) return this.#writer.text('{}');
    return [];
  }

  #messageDelta(payload: Record<string, unknown>): object[] {
    this.#mergeUsage(payload['usage']);
    const delta = isRecord(payload['delta']) ? payload['delta'] : {};
    if (delta['stop_reason'] === undefined || delta['stop_reason'] === null || this.#finishSent) return [];
    let reason = mapFinishReason(delta['stop_reason']);
    // The forced JSON tool answers response_format: to the client it is plain content.
    if (reason === 'tool_calls' && this.#sawJsonTool && this.#toolCount === 0) reason = 'stop';
    this.#finishSent = true;
    return this.#writer.finish(reason);
  }

  /** message_delta usage is cumulative; a null field means "unchanged" (providers.md §4.4). */
  #mergeUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    this.#sawUsage = true;
    for (const [key, value] of Object.entries(usage)) if (value !== null && value !== undefined) this.#usage[key] = value;
  }
}
