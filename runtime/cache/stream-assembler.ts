/**
 * Rebuilds the final response from the OpenAI SSE stream a client received, so a streamed
 * answer can be cached "once the full response has been assembled" (litellm-config.md §8).
 * It reads the bytes the proxy writes (relayed or translated alike) and keeps only what the
 * final object needs: per choice the role, text, tool calls and finish reason, plus usage.
 *
 * `result()` returns undefined unless the stream ended with `[DONE]` and carried no error
 * event, so a broken or failed stream is never cached.
 */
import { SseDecoder } from '../providers/shared/sse-decoder.ts';

interface ToolCallParts {
  id?: string;
  type?: string;
  name: string;
  arguments: string;
}

interface ChoiceParts {
  role?: string;
  content: string;
  hasContent: boolean;
  reasoning: string;
  refusal: string;
  text: string;
  toolCalls: ToolCallParts[];
  functionCall?: { name: string; arguments: string };
  finishReason: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Collects SSE chunks of one chat or text-completion stream into its final response. */
export class StreamAssembler {
  readonly #decoder = new SseDecoder();
  readonly #choices: ChoiceParts[] = [];
  #head: Record<string, unknown> | undefined;
  #usage: unknown;
  #done = false;
  #failed = false;
  #textCompletion = false;

  /** Feeds bytes (or text) exactly as written to the client. */
  push(bytes: Uint8Array | string): void {
    if (this.#failed) return;
    for (const event of this.#decoder.push(bytes)) this.#event(event.data);
  }

  /** The assembled response, or undefined when the stream did not finish cleanly. */
  result(): Record<string, unknown> | undefined {
    for (const event of this.#decoder.end()) this.#event(event.data);
    if (!this.#done || this.#failed || !this.#head) return undefined;
    const head = this.#head;
    const choices = Array.from(this.#choices, (parts, index) => (this.#textCompletion ? textChoice(parts, index) : chatChoice(parts, index)));
    const response: Record<string, unknown> = {
      id: head.id,
      object: this.#textCompletion ? 'text_completion' : 'chat.completion',
      created: head.created,
      model: head.model,
    };
    if (head.system_fingerprint !== undefined) response.system_fingerprint = head.system_fingerprint;
    response.choices = choices;
    if (this.#usage !== undefined) response.usage = this.#usage;
    return response;
  }

  #event(data: string): void {
    if (this.#failed || this.#done) return;
    if (data.trim() === '[DONE]') {
      this.#done = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      this.#failed = true;
      return;
    }
    if (!isRecord(chunk) || 'error' in chunk) {
      this.#failed = true;
      return;
    }
    this.#head ??= chunk;
    if (chunk.object === 'text_completion') this.#textCompletion = true;
    if (isRecord(chunk.usage)) this.#usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      const parts = (this.#choices[index] ??= { content: '', hasContent: false, reasoning: '', refusal: '', text: '', toolCalls: [], finishReason: null });
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) parts.finishReason = choice.finish_reason;
      if (typeof choice.text === 'string') parts.text += choice.text;
      const delta = choice.delta;
      if (isRecord(delta)) mergeDelta(parts, delta);
    }
  }
}

function mergeDelta(parts: ChoiceParts, delta: Record<string, unknown>): void {
  if (typeof delta.role === 'string') parts.role = delta.role;
  if (typeof delta.content === 'string') {
    parts.content += delta.content;
    parts.hasContent = true;
  }
  if (typeof delta.reasoning_content === 'string') parts.reasoning += delta.reasoning_content;
  if (typeof delta.refusal === 'string') parts.refusal += delta.refusal;
  if (Array.isArray(delta.tool_calls)) {
    for (const call of delta.tool_calls) {
      if (!isRecord(call)) continue;
      const at = typeof call.index === 'number' ? call.index : parts.toolCalls.length;
      const target = (parts.toolCalls[at] ??= { name: '', arguments: '' });
      if (typeof call.id === 'string') target.id = call.id;
      if (typeof call.type === 'string') target.type = call.type;
      const fn = call.function;
      if (isRecord(fn)) {
        if (typeof fn.name === 'string') target.name += fn.name;
        if (typeof fn.arguments === 'string') target.arguments += fn.arguments;
      }
    }
  }
  if (isRecord(delta.function_call)) {
    const target = (parts.functionCall ??= { name: '', arguments: '' });
    if (typeof delta.function_call.name === 'string') target.name += delta.function_call.name;
    if (typeof delta.function_call.arguments === 'string') target.arguments += delta.function_call.arguments;
  }
}

function chatChoice(parts: ChoiceParts | undefined, index: number): Record<string, unknown> {
  const message: Record<string, unknown> = { role: parts?.role ?? 'assistant', content: parts?.hasContent ? parts.content : null };
  if (parts?.reasoning) message.reasoning_content = parts.reasoning;
  if (parts?.refusal) message.refusal = parts.refusal;
  const calls = parts?.toolCalls.filter((call) => call !== undefined) ?? [];
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({ id: call.id, type: call.type ?? 'function', function: { name: call.name, arguments: call.arguments } }));
  }
  if (parts?.functionCall) message.function_call = parts.functionCall;
  return { index, message, logprobs: null, finish_reason: parts?.finishReason ?? null };
}

function textChoice(parts: ChoiceParts | undefined, index: number): Record<string, unknown> {
  return { index, text: parts?.text ?? '', logprobs: null, finish_reason: parts?.finishReason ?? null };
}
