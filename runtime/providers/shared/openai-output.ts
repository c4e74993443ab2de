import type { Operation, RequestContext, Usage } from '../adapter.ts';

/** Usage in OpenAI's shape with the optional detail objects. */
export interface OpenAIUsage extends Usage {
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** One tool call to report in OpenAI's shape (arguments already a JSON string). */
export interface OutputToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** One translated choice of a non-streamed reply. */
export interface OutputChoice {
  readonly content: string | null;
  readonly toolCalls: readonly OutputToolCall[];
  readonly reasoning?: string;
  readonly finishReason: string;
}

/** Response id prefix per operation, as OpenAI names them. */
export function responseIdPrefix(operation: Operation): string {
  return operation === 'completion' ? 'cmpl-' : 'chatcmpl-';
}

/**
 * Builds the OpenAI response object for a translated reply: `chat.completion` for chat,
 * `text_completion` for the legacy completions API (tool calls have no place there).
 * `model` is the name the client asked for.
 */
export function buildResponse(
  operation: Operation,
  context: RequestContext,
  id: string,
  choices: readonly OutputChoice[],
  usage: OpenAIUsage,
): object {
  if (operation === 'completion') {
    return {
      id,
      object: 'text_completion',
      created: context.created,
      model: context.requestedModel,
      choices: choices.map((choice, index) => ({
        text: choice.content ?? '',
        index,
        logprobs: null,
        finish_reason: choice.finishReason === 'tool_calls' ? 'stop' : choice.finishReason,
      })),
      usage,
    };
  }
  return {
    id,
    object: 'chat.completion',
    created: context.created,
    model: context.requestedModel,
    choices: choices.map((choice, index) => {
      const message: Record<string, unknown> = { role: 'assistant', content: choice.content, refusal: null };
      if (choice.toolCalls.length > 0) {
        message['tool_calls'] = choice.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        }));
      }
      if (choice.reasoning) message['reasoning_content'] = choice.reasoning;
      return { index, message, logprobs: null, finish_reason: choice.finishReason };
    }),
    usage,
  };
}

/**
 * Writes OpenAI stream chunks for one response: `chat.completion.chunk` objects for
 * chat, `text_completion` chunks for legacy completions. Each method returns the
 * chunks to emit (possibly none) so translators can concatenate them. Per the OpenAI
 * spec every chunk carries `finish_reason` (null until the end) and, when the client
 * asked for usage, `usage: null` until the final usage-only chunk.
 */
export class ChunkWriter {
  readonly #operation: Operation;
  readonly #context: RequestContext;
  #id: string;

  constructor(operation: Operation, context: RequestContext, id: string) {
    this.#operation = operation;
    this.#context = context;
    this.#id = id;
  }

  /** Replaces the id (Anthropic names its message only in `message_start`). */
  setId(id: string): void {
    this.#id = id;
  }

  /** The first chunk: announces the assistant role (chat only). */
  role(index = 0): object[] {
    if (this.#operation === 'completion') return [];
    return [this.#chat(index, { role: 'assistant', content: '' }, null)];
  }

  /** A text fragment. Empty fragments are not sent. */
  text(text: string, index = 0): object[] {
    if (text === '') return [];
    if (this.#operation === 'completion') return [this.#completion(index, text, null)];
    return [this.#chat(index, { content: text }, null)];
  }

  /** A reasoning fragment (non-standard `reasoning_content`, as LiteLLM sends it); chat only. */
  reasoning(text: string, index = 0): object[] {
    if (text === '' || this.#operation === 'completion') return [];
    return [this.#chat(index, { reasoning_content: text }, null)];
  }

  /**
   * A tool-call fragment. The first fragment of a call must carry id, type and name
   * (the openai SDK's stream helper throws otherwise); later ones only arguments.
   */
  toolCall(toolIndex: number, fragment: { id?: string; name?: string; arguments: string }, index = 0): object[] {
    if (this.#operation === 'completion') return [];
    const call: Record<string, unknown> = { index: toolIndex };
    if (fragment.id !== undefined) {
      call['id'] = fragment.id;
      call['type'] = 'function';
      call['function'] = { name: fragment.name ?? '', arguments: fragment.arguments };
    } else call['function'] = { arguments: fragment.arguments };
    return [this.#chat(index, { tool_calls: [call] }, null)];
  }

  /** The chunk that ends a choice: empty delta plus the finish reason. */
  finish(reason: string, index = 0): object[] {
    if (this.#operation === 'completion') return [this.#completion(index, '', reason === 'tool_calls' ? 'stop' : reason)];
    return [this.#chat(index, {}, reason)];
  }

  /** The usage-only chunk (`choices: []`), sent only when the client asked for it. */
  usage(usage: OpenAIUsage | undefined): object[] {
    if (!this.#context.includeUsage || usage === undefined) return [];
    return [{ ...this.#base(), choices: [], usage }];
  }

  #base(): Record<string, unknown> {
    return {
      id: this.#id,
      object: this.#operation === 'completion' ? 'text_completion' : 'chat.completion.chunk',
      created: this.#context.created,
      model: this.#context.requestedModel,
    };
  }

  #chat(index: number, delta: object, finishReason: string | null): object {
    const chunk: Record<string, unknown> = { ...this.#base(), choices: [{ index, delta, logprobs: null, finish_reason: finishReason }] };
    if (this.#context.includeUsage) chunk['usage'] = null;
    return chunk;
  }

  #completion(index: number, text: string, finishReason: string | null): object {
    const chunk: Record<string, unknown> = { ...this.#base(), choices: [{ text, index, logprobs: null, finish_reason: finishReason }] };
    if (this.#context.includeUsage) chunk['usage'] = null;
    return chunk;
  }
}


/**
 * The OpenAI embeddings response (`object: "list"`) for vectors in input order, as float
 * arrays; the runtime base64-encodes them when the client asked for `encoding_format: base64`.
 */
export function buildEmbeddingResponse(context: RequestContext, vectors: readonly (readonly number[])[], promptTokens: number): object {
  return {
    object: 'list',
    model: context.requestedModel,
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
