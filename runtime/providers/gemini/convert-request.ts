import type { Operation } from '../adapter.ts';
import { badRequest } from '../shared/provider-error.ts';
import {
  contentParts, imageUrlOf, isRecord, parseDataUrl, parseToolCalls, promptMessages, readMessages, readToolChoice,
  readTools, responseFormat, textContent,
} from '../shared/openai-messages.ts';
import type { ContentPart, OpenAIMessage } from '../shared/openai-messages.ts';
import { checkUnsupportedParams, isSet, maxTokens, stopList } from '../shared/request-params.ts';
import { cleanSchema } from './clean-schema.ts';
import { decodeToolCallId } from './tool-call-ids.ts';

/** OpenAI parameters Gemini can express (LiteLLM's Google AI Studio config). */
const SUPPORTED: ReadonlySet<string> = new Set([
  'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'n', 'seed', 'presence_penalty',
  'frequency_penalty', 'logprobs', 'top_logprobs', 'response_format', 'tools', 'tool_choice', 'functions',
  'function_call', 'parallel_tool_calls', 'reasoning_effort',
  // `user` only tags the request for the caller's own bookkeeping; Gemini has no field for it.
  'user',
]);

/** Gemini 2.5 thinking budgets per `reasoning_effort` (LiteLLM's presets); `none` turns thinking off. */
const THINKING_BUDGETS: Readonly<Record<string, number>> = { none: 0, minimal: 128, low: 1024, medium: 2048, high: 4096 };

/** File extensions whose URLs Gemini can fetch itself as `fileData` (others it cannot type). */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', heic: 'image/heic',
  pdf: 'application/pdf', mp3: 'audio/mpeg', wav: 'audio/wav', mp4: 'video/mp4', txt: 'text/plain',
};

type Part = Record<string, unknown>;
interface Content { role: 'user' | 'model'; parts: Part[] }

/** Inputs of the translation that do not come from the body. */
export interface ConvertOptions {
  readonly model: string;
  readonly provider: string;
  readonly dropParams: boolean;
}

/**
 * Translates an OpenAI chat (or legacy completion) request into a Gemini
 * `generateContent` body, following LiteLLM's mapping (providers.md §9.4). The model
 * and streaming live in the URL, not the body.
 */
export function toGeminiRequest(operation: Operation, body: Readonly<Record<string, unknown>>, options: ConvertOptions): Record<string, unknown> {
  checkUnsupportedParams(body, SUPPORTED, { provider: options.provider, model: options.model, dropParams: options.dropParams });
  const tools = readTools(body);
  // Gemini cannot limit parallel calls; LiteLLM refuses rather than silently ignoring it.
  if (body['parallel_tool_calls'] === false && (tools?.length ?? 0) > 1 && !options.dropParams) {
    throw badRequest(
      `litellm.UnsupportedParamsError: \`parallel_tool_calls=False\` is not supported by ${options.provider} when more than one tool is given. To drop it, set \`drop_params: true\`.`,
      { param: 'parallel_tool_calls', code: 'unsupported_parameter', errorClass: 'UnsupportedParamsError' },
    );
  }
  const messages = operation === 'completion' ? promptMessages(body) : readMessages(body);
  const request: Record<string, unknown> = {};

  const systemParts = messages
    .filter((message) => message.role === 'system')
    .map((message) => textContent(message.content))
    .filter((text) => text !== '')
    .map((text) => ({ text }));
  const contents = conversation(messages);
  // Gemini rejects an empty `contents`; LiteLLM adds a minimal user turn.
  if (contents.length === 0) contents.push({ role: 'user', parts: [{ text: '.' }] });
  request['contents'] = contents;
  if (systemParts.length > 0) request['systemInstruction'] = { parts: systemParts };

  const generation = generationConfig(body, options.model);
  if (Object.keys(generation).length > 0) request['generationConfig'] = generation;

  if (tools !== undefined && tools.length > 0) {
    request['tools'] = [{
      functionDeclarations: tools.map((tool) => {
        const declaration: Record<string, unknown> = { name: tool.name };
        if (tool.description !== undefined) declaration['description'] = tool.description;
        if (tool.parameters !== undefined) declaration['parameters'] = cleanSchema(tool.parameters);
        return declaration;
      }),
    }];
  }
  const choice = readToolChoice(body);
  if (choice !== undefined) {
    const config = typeof choice === 'string'
      ? { mode: choice === 'required' ? 'ANY' : choice.toUpperCase() }
      : { mode: 'ANY', allowedFunctionNames: [choice.name] };
    request['toolConfig'] = { functionCallingConfig: config };
  }
  if (isSet(body, 'safety_settings')) request['safetySettings'] = body['safety_settings'];
  if (isSet(body, 'cached_content')) request['cachedContent'] = body['cached_content'];
  return request;
}

function generationConfig(body: Readonly<Record<string, unknown>>, model: string): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const copy = (from: string, to: string): void => {
    if (isSet(body, from)) config[to] = body[from];
  };
  copy('temperature', 'temperature');
  copy('top_p', 'topP');
  copy('top_k', 'topK');
  const limit = maxTokens(body);
  if (limit !== undefined) config['maxOutputTokens'] = limit;
  const stop = stopList(body['stop']);
  if (stop !== undefined && stop.length > 0) config['stopSequences'] = stop;
  copy('n', 'candidateCount');
  copy('seed', 'seed');
  copy('presence_penalty', 'presencePenalty');
  copy('frequency_penalty', 'frequencyPenalty');
  copy('logprobs', 'responseLogprobs');
  copy('top_logprobs', 'logprobs');
  const format = responseFormat(body);
  if (format !== undefined) {
    config['responseMimeType'] = 'application/json';
    if (format.type === 'json_schema') config['responseSchema'] = cleanSchema(format.schema);
  }
  const effort = body['reasoning_effort'];
  if (typeof effort === 'string') {
    // Gemini 3 takes a level; 2.5 a token budget (providers.md §9.4).
    config['thinkingConfig'] = /gemini-3/.test(model)
      ? { thinkingLevel: effort === 'none' ? 'minimal' : effort, includeThoughts: effort !== 'none' }
      : { thinkingBudget: THINKING_BUDGETS[effort] ?? THINKING_BUDGETS['medium'], includeThoughts: effort !== 'none' };
  }
  return config;
}

/**
 * The non-system messages as Gemini turns: assistant → `model`, tool results →
 * `functionResponse` parts in a `user` turn (Gemini keys them by function name, which
 * is recovered from the assistant's earlier tool call). Consecutive turns of one role
 * are merged.
 */
function conversation(messages: readonly OpenAIMessage[]): Content[] {
  const contents: Content[] = [];
  const toolNames = new Map<string, string>();
  const push = (role: 'user' | 'model', parts: Part[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        return;
      case 'user': {
        const parts = contentParts(message.content).flatMap((part) => userPart(part, index));
        // A turn with only media needs some text for Gemini to answer to (LiteLLM adds a blank).
        if (parts.length > 0 && !parts.some((part) => 'text' in part)) parts.push({ text: ' ' });
        push('user', parts);
        return;
      }
      case 'assistant': {
        const parts: Part[] = [];
        const text = textContent(message.content);
        if (text !== '') parts.push({ text });
        for (const call of parseToolCalls(message, index)) {
          const { id, signature } = decodeToolCallId(call.id);
          toolNames.set(call.id, call.name);
          toolNames.set(id, call.name);
          const part: Part = { functionCall: { name: call.name, args: call.arguments } };
          if (signature !== undefined) part['thoughtSignature'] = signature;
          parts.push(part);
        }
        push('model', parts);
        return;
      }
      case 'tool':
      case 'function': {
        const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : '';
        const name = toolNames.get(id) ?? (typeof message.name === 'string' ? message.name : undefined);
        if (name === undefined) {
          throw badRequest(`messages[${index}]: no earlier assistant tool call has id '${id}', and Gemini needs the function name`, {
            param: `messages[${index}].tool_call_id`,
          });
        }
        push('user', [{ functionResponse: { name, response: { content: textContent(message.content) } } }]);
        return;
      }
      default:
        throw badRequest(`messages[${index}].role '${message.role}' is not supported`, { param: `messages[${index}].role` });
    }
  });
  return contents;
}

function userPart(part: ContentPart, index: number): Part[] {
  if (part.type === 'text') {
    const text = typeof part['text'] === 'string' ? part['text'] : '';
    return text === '' ? [] : [{ text }];
  }
  let url: string | undefined;
  if (part.type === 'image_url') url = imageUrlOf(part);
  else if (part.type === 'file' && isRecord(part['file'])) {
    const file = part['file'];
    url = typeof file['file_data'] === 'string' ? file['file_data'] : typeof file['file_id'] === 'string' ? file['file_id'] : undefined;
  } else if (part.type === 'input_audio' && isRecord(part['input_audio']) && typeof part['input_audio']['data'] === 'string') {
    const format = typeof part['input_audio']['format'] === 'string' ? part['input_audio']['format'] : 'wav';
    return [{ inlineData: { mimeType: `audio/${format}`, data: part['input_audio']['data'] } }];
  }
  if (url === undefined) {
    throw badRequest(`messages[${index}] has a content part of type '${String(part.type)}' that Gemini cannot take`, { param: `messages[${index}].content` });
  }
  const data = parseDataUrl(url);
  if (data) return [{ inlineData: { mimeType: data.mediaType, data: data.data } }];
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
  if (mimeType === undefined) {
    // LiteLLM downloads such URLs; an adapter does no I/O, so the client must inline them.
    throw badRequest(`messages[${index}]: Gemini cannot infer the media type of '${url}'; send it as a base64 data URL`, {
      param: `messages[${index}].content`,
    });
  }
  return [{ fileData: { mimeType, fileUri: url } }];
}
