import type { Operation } from '../adapter.ts';
import { badRequest } from '../shared/provider-error.ts';
import { contentParts, imageUrlOf, parseToolCalls, promptMessages, readMessages, responseFormat, textContent } from '../shared/openai-messages.ts';
import { checkUnsupportedParams, isSet, maxTokens, stopList } from '../shared/request-params.ts';
import { flattenPrompt } from './flatten-prompt.ts';
import { ollamaImage } from './images.ts';

/** OpenAI parameters `/api/generate` can express (LiteLLM OllamaConfig). */
const GENERATE_SUPPORTED: ReadonlySet<string> = new Set([
  'max_tokens', 'max_completion_tokens', 'top_p', 'temperature', 'seed', 'frequency_penalty', 'stop', 'response_format',
  'reasoning_effort', 'user',
]);

/** `/api/chat` adds tools (LiteLLM OllamaChatConfig). */
const CHAT_SUPPORTED: ReadonlySet<string> = new Set([...GENERATE_SUPPORTED, 'tools', 'tool_choice', 'functions', 'function_call']);

/**
 * Ollama runtime options a deployment (or client) may set directly, as LiteLLM passes
 * them through into `options` (e.g. `num_ctx: 8192` in litellm_params).
 */
const NATIVE_OPTIONS: readonly string[] = [
  'mirostat', 'mirostat_eta', 'mirostat_tau', 'num_ctx', 'num_gqa', 'num_gpu', 'num_thread', 'num_keep', 'num_batch',
  'repeat_last_n', 'repeat_penalty', 'tfs_z', 'top_k', 'min_p', 'typical_p', 'penalize_newline', 'numa', 'low_vram',
];

/** Inputs of the translation that do not come from the body. */
export interface ConvertOptions {
  readonly model: string;
  readonly provider: string;
  readonly dropParams: boolean;
  readonly stream: boolean;
}

/**
 * `options` and top-level fields shared by both endpoints: max_tokens → num_predict,
 * sampling parameters as they are, response_format → `format` ("json" or the schema),
 * reasoning_effort → `think`. `frequency_penalty` is sent under its own name, which
 * Ollama understands (LiteLLM's chat path renames it to repeat_penalty, whose scale
 * is multiplicative around 1.0 and so means something else).
 */
function commonFields(body: Readonly<Record<string, unknown>>, model: string): { options: Record<string, unknown>; top: Record<string, unknown> } {
  const options: Record<string, unknown> = {};
  const limit = maxTokens(body);
  if (limit !== undefined) options['num_predict'] = limit;
  for (const key of ['temperature', 'top_p', 'seed', 'frequency_penalty', ...NATIVE_OPTIONS]) if (isSet(body, key)) options[key] = body[key];
  const stop = stopList(body['stop']);
  if (stop !== undefined && stop.length > 0) options['stop'] = stop;

  const top: Record<string, unknown> = {};
  const format = responseFormat(body);
  if (format !== undefined) top['format'] = format.type === 'json_schema' ? format.schema : 'json';
  else if (isSet(body, 'format')) top['format'] = body['format'];
  const effort = body['reasoning_effort'];
  // gpt-oss takes the effort level itself; other thinking models only on/off.
  if (typeof effort === 'string') top['think'] = model.startsWith('gpt-oss') ? effort : effort !== 'none';
  else if (isSet(body, 'think')) top['think'] = body['think'];
  if (isSet(body, 'keep_alive')) top['keep_alive'] = body['keep_alive'];
  return { options, top };
}

/**
 * Builds an `/api/generate` body. Chat messages are flattened into one prompt
 * (LiteLLM's `ollama_pt`); a legacy completion sends its prompt as it is.
 */
export function toGenerateRequest(operation: Operation, body: Readonly<Record<string, unknown>>, options: ConvertOptions): Record<string, unknown> {
  checkUnsupportedParams(body, GENERATE_SUPPORTED, { provider: options.provider, model: options.model, dropParams: options.dropParams });
  const { options: runtimeOptions, top } = commonFields(body, options.model);
  let prompt: string;
  let images: string[] = [];
  if (operation === 'completion') prompt = textContent(promptMessages(body)[0]?.content);
  else ({ prompt, images } = flattenPrompt(readMessages(body)));
  const request: Record<string, unknown> = { model: options.model, prompt, options: runtimeOptions, stream: options.stream, ...top };
  if (images.length > 0) request['images'] = images;
  return request;
}

/**
 * Builds an `/api/chat` body: messages keep their roles, content becomes text with
 * images alongside, assistant tool calls carry arguments as objects, and OpenAI
 * `tools` pass through (Ollama uses the same shape). `tool_choice` is not sent —
 * LiteLLM drops it because Ollama requests hang on it.
 */
export function toChatRequest(operation: Operation, body: Readonly<Record<string, unknown>>, options: ConvertOptions): Record<string, unknown> {
  checkUnsupportedParams(body, CHAT_SUPPORTED, { provider: options.provider, model: options.model, dropParams: options.dropParams });
  const { options: runtimeOptions, top } = commonFields(body, options.model);
  const source = operation === 'completion' ? promptMessages(body) : readMessages(body);
  // Newer Ollama matches a tool result to its call by `tool_name`; OpenAI sends only the id.
  const toolNames = new Map<string, string>();
  const messages = source.map((message, index) => {
    const converted: Record<string, unknown> = { role: message.role, content: textContent(message.content) };
    const images = contentParts(message.content)
      .filter((part) => part.type === 'image_url')
      .map((part) => {
        const url = imageUrlOf(part);
        if (url === undefined) throw badRequest(`messages[${index}] has an image_url part without a url`, { param: `messages[${index}].content` });
        return ollamaImage(url, index);
      });
    if (images.length > 0) converted['images'] = images;
    const calls = parseToolCalls(message, index);
    if (calls.length > 0) converted['tool_calls'] = calls.map((call) => ({ function: { name: call.name, arguments: call.arguments } }));
    for (const call of calls) toolNames.set(call.id, call.name);
    const toolName = message.role === 'tool' && typeof message.tool_call_id === 'string' ? toolNames.get(message.tool_call_id) : undefined;
    if (toolName !== undefined) converted['tool_name'] = toolName;
    if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') converted['thinking'] = message.reasoning_content;
    return converted;
  });
  const request: Record<string, unknown> = { model: options.model, messages, options: runtimeOptions, stream: options.stream, ...top };
  const tools = body['tools'] ?? (Array.isArray(body['functions']) ? body['functions'].map((fn: unknown) => ({ type: 'function', function: fn })) : undefined);
  if (Array.isArray(tools) && tools.length > 0) request['tools'] = tools;
  return request;
}
