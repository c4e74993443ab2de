import { badRequest } from './provider-error.ts';

/** One OpenAI chat message as clients send it (loosely typed: the body is untrusted JSON). */
export interface OpenAIMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly name?: unknown;
  readonly tool_calls?: unknown;
  readonly tool_call_id?: unknown;
  readonly thinking_blocks?: unknown;
  readonly reasoning_content?: unknown;
}

/** One content part (`{type:"text",text}`, `{type:"image_url",image_url}` …). */
export type ContentPart = Readonly<Record<string, unknown>> & { readonly type?: unknown };

/** An assistant tool call in OpenAI's shape, arguments already parsed. */
export interface ParsedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request's messages, checked just enough to translate them safely; `developer`
 * becomes `system` as LiteLLM does for every non-OpenAI provider.
 */
export function readMessages(body: Readonly<Record<string, unknown>>): OpenAIMessage[] {
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    throw badRequest('messages must be a non-empty array', { param: 'messages' });
  }
  return messages.map((message, index) => {
    if (!isRecord(message) || typeof message['role'] !== 'string') {
      throw badRequest(`messages[${index}] must be an object with a string role`, { param: `messages[${index}]` });
    }
    const role = message['role'] === 'developer' ? 'system' : message['role'];
    return { ...message, role } as OpenAIMessage;
  });
}

/**
 * For `/v1/completions`: the prompt as one user message (LiteLLM sends text
 * completions to chat-only providers this way). Several prompts would need several
 * choices, which these providers cannot produce in one call.
 */
export function promptMessages(body: Readonly<Record<string, unknown>>): OpenAIMessage[] {
  let prompt = body['prompt'];
  if (Array.isArray(prompt) && prompt.length === 1) prompt = prompt[0];
  if (typeof prompt !== 'string') {
    throw badRequest('prompt must be a string (one prompt per request for this provider)', { param: 'prompt' });
  }
  return [{ role: 'user', content: prompt }];
}

/** Content as a list of parts: a string is one text part, null/absent none. */
export function contentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (Array.isArray(content)) return content.filter(isRecord) as ContentPart[];
  return [];
}

/** The text of a message's content, parts concatenated (non-text parts ignored). */
export function textContent(content: unknown): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of contentParts(content)) if (part.type === 'text' && typeof part['text'] === 'string') text += part['text'];
  return text;
}

/** The URL of an `image_url` part (`{url}` object or, leniently, a bare string). */
export function imageUrlOf(part: ContentPart): string | undefined {
  const image = part['image_url'];
  if (typeof image === 'string') return image;
  if (isRecord(image) && typeof image['url'] === 'string') return image['url'];
  return undefined;
}

/** Splits a `data:<media type>;base64,<data>` URL (RFC 2397); undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]+)*);base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] ?? 'application/octet-stream', data: match[3] ?? '' };
}

/**
 * An assistant message's tool calls with arguments parsed. An empty arguments string
 * means `{}`; invalid JSON is the client's error (400), not something to forward.
 */
export function parseToolCalls(message: OpenAIMessage, messageIndex: number): ParsedToolCall[] {
  if (!Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.filter(isRecord).map((call, index) => {
    const fn = isRecord(call['function']) ? call['function'] : {};
    const raw = fn['arguments'];
    let parsed: unknown = {};
    if (typeof raw === 'string' && raw.trim() !== '') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw badRequest(`messages[${messageIndex}].tool_calls[${index}].function.arguments is not valid JSON`, {
          param: `messages[${messageIndex}].tool_calls[${index}].function.arguments`,
        });
      }
    } else if (isRecord(raw)) parsed = raw;
    return {
      id: typeof call['id'] === 'string' ? call['id'] : '',
      name: typeof fn['name'] === 'string' ? fn['name'] : '',
      arguments: isRecord(parsed) ? parsed : { value: parsed },
    };
  });
}

/** An OpenAI function tool definition, normalised. */
export interface FunctionTool {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: Record<string, unknown>;
}

/** The request's function tools (`tools[{type:"function",function}]`, or legacy `functions`). */
export function readTools(body: Readonly<Record<string, unknown>>): FunctionTool[] | undefined {
  const raw = Array.isArray(body['tools'])
    ? (body['tools'] as unknown[]).filter(isRecord).map((tool) => (isRecord(tool['function']) ? tool['function'] : undefined))
    : Array.isArray(body['functions'])
      ? (body['functions'] as unknown[]).filter(isRecord)
      : undefined;
  if (raw === undefined) return undefined;
  return raw.filter(isRecord).map((fn, index) => {
    if (typeof fn['name'] !== 'string') throw badRequest(`tools[${index}].function.name must be a string`, { param: `tools[${index}]` });
    const tool: { name: string; description?: string; parameters?: Record<string, unknown> } = { name: fn['name'] };
    if (typeof fn['description'] === 'string') tool.description = fn['description'];
    if (isRecord(fn['parameters'])) tool.parameters = fn['parameters'];
    return tool;
  });
}

/** `tool_choice` normalised: 'auto' | 'none' | 'required' | { name }. */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };

/** Reads `tool_choice` (or legacy `function_call`); undefined when unset or unrecognised. */
export function readToolChoice(body: Readonly<Record<string, unknown>>): ToolChoice | undefined {
  const choice = body['tool_choice'] ?? body['function_call'];
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (choice === 'any') return 'required';
  if (isRecord(choice)) {
    const fn = isRecord(choice['function']) ? choice['function'] : choice;
    if (typeof fn['name'] === 'string') return { name: fn['name'] };
  }
  return undefined;
}

/** The JSON schema of `response_format: {type:"json_schema", json_schema:{schema}}`, if any. */
export function responseFormat(body: Readonly<Record<string, unknown>>): { type: 'json_object' } | { type: 'json_schema'; name: string; schema: Record<string, unknown> } | undefined {
  const format = body['response_format'];
  if (!isRecord(format)) return undefined;
  if (format['type'] === 'json_object') return { type: 'json_object' };
  if (format['type'] === 'json_schema' && isRecord(format['json_schema'])) {
    const spec = format['json_schema'];
    const schema = isRecord(spec['schema']) ? spec['schema'] : { type: 'object', properties: {} };
    return { type: 'json_schema', name: typeof spec['name'] === 'string' ? spec['name'] : 'response', schema };
  }
  return undefined;
}

