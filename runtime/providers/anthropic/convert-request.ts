import type { Operation } from '../adapter.ts';
import { badRequest } from '../shared/provider-error.ts';
import {
  contentParts, imageUrlOf, isRecord, parseDataUrl, parseToolCalls, promptMessages, readMessages, readToolChoice,
  readTools, responseFormat, textContent,
} from '../shared/openai-messages.ts';
import type { ContentPart, OpenAIMessage } from '../shared/openai-messages.ts';
import { checkUnsupportedParams, isSet, maxTokens, stopList } from '../shared/request-params.ts';

/**
 * max_tokens sent when the client gives none (Anthropic requires it). LiteLLM 2025
 * sends 4096; newer LiteLLM uses the model's maximum, which can trip the Anthropic
 * SDK's 10-minute guard and long latencies, so one explicit value is used
 * (providers.md §9.1). A deployment's `max_tokens` litellm_param overrides it.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Name of the forced tool that carries `response_format` JSON (LiteLLM's convention). */
export const JSON_TOOL_NAME = 'json_tool_call';

/** Thinking budgets for `reasoning_effort` (LiteLLM's presets). */
const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 1024, medium: 2048, high: 4096 };

/** OpenAI parameters Anthropic can express (LiteLLM AnthropicConfig.get_supported_openai_params). */
const SUPPORTED: ReadonlySet<string> = new Set([
  'stop', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'tools', 'tool_choice', 'functions',
  'function_call', 'parallel_tool_calls', 'response_format', 'user', 'reasoning_effort',
]);

/** Anthropic-native fields a client or deployment may set directly, passed through (service_tier is not: OpenAI's values differ; use extra_body). */
const NATIVE_FIELDS: readonly string[] = ['top_k', 'thinking', 'output_config', 'container', 'context_management'];

type Block = Record<string, unknown>;
interface AnthropicMessage { role: 'user' | 'assistant'; content: Block[] }

/** Inputs of the translation that do not come from the body. */
export interface ConvertOptions {
  readonly model: string;
  readonly provider: string;
  readonly dropParams: boolean;
  readonly stream: boolean;
}

/**
 * Translates an OpenAI chat (or legacy completion) request into an Anthropic Messages
 * request, following LiteLLM's mapping (providers.md §9.1).
 */
export function toAnthropicRequest(operation: Operation, body: Readonly<Record<string, unknown>>, options: ConvertOptions): Record<string, unknown> {
  checkUnsupportedParams(body, SUPPORTED, {
    provider: options.provider,
    model: options.model,
    dropParams: options.dropParams,
    // `logprobs: false` asks for nothing Anthropic lacks.
    allowValue: (key, value) => key === 'logprobs' && value === false,
  });
  const messages = operation === 'completion' ? promptMessages(body) : readMessages(body);
  const request: Record<string, unknown> = { model: options.model };

  const system = systemBlocks(messages);
  request['messages'] = conversation(messages);
  if (system.length > 0) request['system'] = system;

  const limit = maxTokens(body);
  request['max_tokens'] = limit === undefined ? DEFAULT_MAX_TOKENS : Math.max(1, Math.round(limit));

  const stop = stopList(body['stop']);
  if (stop !== undefined) {
    // Anthropic rejects whitespace-only stop sequences; LiteLLM drops them only under drop_params.
    const kept = options.dropParams ? stop.filter((entry) => entry.trim() !== '') : stop;
    if (kept.length > 0) request['stop_sequences'] = kept;
  }
  if (isSet(body, 'temperature')) request['temperature'] = body['temperature'];
  if (isSet(body, 'top_p')) request['top_p'] = body['top_p'];
  for (const field of NATIVE_FIELDS) if (isSet(body, field)) request[field] = body[field];

  const user = body['user'];
  if (typeof user === 'string' && isOpaqueUserId(user)) request['metadata'] = { user_id: user };

  const effort = body['reasoning_effort'];
  if (typeof effort === 'string' && effort !== 'none' && !isSet(body, 'thinking')) {
    request['thinking'] = { type: 'enabled', budget_tokens: THINKING_BUDGETS[effort] ?? THINKING_BUDGETS['medium'] };
  }

  applyTools(request, body, request['messages'] as AnthropicMessage[]);
  if (options.stream) request['stream'] = true;
  return request;
}

/** LiteLLM does not forward a `user` that looks like an e-mail address or a phone number. */
function isOpaqueUserId(user: string): boolean {
  return user !== '' && !user.includes('@') && !/^\+?[\d\s()-]{7,}$/.test(user);
}

/** Every system message, wherever it sits, becomes top-level system text blocks (empty ones dropped). */
function systemBlocks(messages: readonly OpenAIMessage[]): Block[] {
  const blocks: Block[] = [];
  for (const message of messages) {
    if (message.role !== 'system') continue;
    for (const part of contentParts(message.content)) {
      if (part.type !== 'text' || typeof part['text'] !== 'string' || part['text'] === '') continue;
      const block: Block = { type: 'text', text: part['text'] };
      if (part['cache_control'] !== undefined) block['cache_control'] = part['cache_control'];
      blocks.push(block);
    }
  }
  return blocks;
}

/**
 * The non-system messages as Anthropic turns. Tool results travel in user turns;
 * consecutive turns of the same role are merged because the API wants alternation.
 */
function conversation(messages: readonly OpenAIMessage[]): AnthropicMessage[] {
  const turns: AnthropicMessage[] = [];
  const push = (role: 'user' | 'assistant', blocks: Block[]): void => {
    // An empty turn (e.g. an assistant message with neither text nor tool calls) is a 400 upstream.
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        return;
      case 'user':
        push('user', userBlocks(message.content, index));
        return;
      case 'tool':
      case 'function':
        push('user', [toolResult(message, index)]);
        return;
      case 'assistant':
        push('assistant', assistantBlocks(message, index));
        return;
      default:
        throw badRequest(`messages[${index}].role '${message.role}' is not supported`, { param: `messages[${index}].role` });
    }
  });
  // A final assistant turn is a prefill; the API rejects one ending in whitespace.
  const last = turns.at(-1);
  const tail = last?.role === 'assistant' ? last.content.at(-1) : undefined;
  if (tail && tail['type'] === 'text' && typeof tail['text'] === 'string') tail['text'] = tail['text'].trimEnd();
  return turns;
}

function userBlocks(content: unknown, index: number): Block[] {
  return contentParts(content).map((part) => partBlock(part, index));
}

function partBlock(part: ContentPart, index: number): Block {
  if (part.type === 'text') {
    const block: Block = { type: 'text', text: typeof part['text'] === 'string' ? part['text'] : '' };
    if (part['cache_control'] !== undefined) block['cache_control'] = part['cache_control'];
    return block;
  }
  if (part.type === 'image_url') {
    const url = imageUrlOf(part);
    if (url === undefined) throw badRequest(`messages[${index}] has an image_url part without a url`, { param: `messages[${index}].content` });
    const data = parseDataUrl(url);
    const source = data ? { type: 'base64', media_type: data.mediaType, data: data.data } : { type: 'url', url };
    return { type: 'image', source };
  }
  if (part.type === 'file' && isRecord(part['file']) && typeof part['file']['file_data'] === 'string') {
    const data = parseDataUrl(part['file']['file_data']);
    if (data) return { type: 'document', source: { type: 'base64', media_type: data.mediaType, data: data.data } };
  }
  throw badRequest(`messages[${index}] has a content part of type '${String(part.type)}' that Anthropic cannot take`, {
    param: `messages[${index}].content`,
  });
}

function toolResult(message: OpenAIMessage, index: number): Block {
  const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : typeof message.name === 'string' ? message.name : '';
  const content = typeof message.content === 'string'
    ? message.content
    : contentParts(message.content).map((part) => partBlock(part, index));
  return { type: 'tool_result', tool_use_id: id, content };
}

function assistantBlocks(message: OpenAIMessage, index: number): Block[] {
  const blocks: Block[] = [];
  // Thinking blocks must come first and be passed back unmodified (tool loops with thinking on).
  if (Array.isArray(message.thinking_blocks)) blocks.push(...message.thinking_blocks.filter(isRecord));
  const text = textContent(message.content);
  if (text !== '') blocks.push({ type: 'text', text });
  for (const call of parseToolCalls(message, index)) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
  }
  return blocks;
}

/** Maps tools, tool_choice, parallel_tool_calls and response_format (the forced JSON tool). */
function applyTools(request: Record<string, unknown>, body: Readonly<Record<string, unknown>>, turns: readonly AnthropicMessage[]): void {
  const tools: Block[] = (readTools(body) ?? []).map((tool) => {
    const block: Block = { name: tool.name, input_schema: tool.parameters ?? { type: 'object', properties: {} } };
    if (tool.description !== undefined) block['description'] = tool.description;
    return block;
  });

  let choice: Block | undefined;
  const requested = readToolChoice(body);
  if (requested === 'auto') choice = { type: 'auto' };
  else if (requested === 'required') choice = { type: 'any' };
  else if (requested === 'none') choice = { type: 'none' };
  else if (requested !== undefined) choice = { type: 'tool', name: requested.name };

  const format = responseFormat(body);
  if (format !== undefined) {
    const schema = format.type === 'json_schema' ? format.schema : { type: 'object', properties: {}, additionalProperties: true };
    tools.push({ name: JSON_TOOL_NAME, description: 'Respond with a JSON object.', input_schema: schema });
    // With extended thinking the API refuses a forced tool, so the model is left to choose.
    if (!isRecord(request['thinking'])) choice = { type: 'tool', name: JSON_TOOL_NAME };
  }

  const parallel = body['parallel_tool_calls'];
  if (typeof parallel === 'boolean' && choice?.['type'] !== 'none') {
    choice = { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: !parallel };
  }

  // The API rejects tool_use/tool_result blocks unless tools are declared.
  if (tools.length === 0 && turns.some((turn) => turn.content.some((block) => block['type'] === 'tool_use' || block['type'] === 'tool_result'))) {
    tools.push({ name: 'dummy_tool', description: 'Placeholder: earlier turns used tools, none are offered now.', input_schema: { type: 'object', properties: {} } });
  }
  if (tools.length > 0) request['tools'] = tools;
  // tool_choice without tools is a 400 upstream; with nothing to choose from it means nothing.
  if (choice !== undefined && tools.length > 0) request['tool_choice'] = choice;
}
