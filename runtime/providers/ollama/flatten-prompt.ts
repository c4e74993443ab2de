import { badRequest } from '../shared/provider-error.ts';
import { contentParts, imageUrlOf, parseToolCalls, textContent } from '../shared/openai-messages.ts';
import type { OpenAIMessage } from '../shared/openai-messages.ts';
import { ollamaImage } from './images.ts';

/** A chat conversation flattened for `/api/generate`. */
export interface FlatPrompt {
  readonly prompt: string;
  readonly images: string[];
}

type Section = 'User' | 'System' | 'Assistant';

function sectionOf(role: string): Section {
  if (role === 'system') return 'System';
  if (role === 'assistant') return 'Assistant';
  // Tool and function results read as user input, as in LiteLLM's ollama_pt.
  return 'User';
}

/**
 * Flattens chat messages into one `/api/generate` prompt the way LiteLLM's `ollama_pt`
 * does: each run of consecutive messages of one kind becomes a `### User:` /
 * `### System:` / `### Assistant:` section followed by a blank line; assistant tool
 * calls are appended as `Tool Calls: <json>`; image parts are collected into the
 * request's `images` (base64, data-URL prefix removed).
 */
export function flattenPrompt(messages: readonly OpenAIMessage[]): FlatPrompt {
  let prompt = '';
  const images: string[] = [];
  let section: Section | undefined;
  let text = '';
  const flush = (): void => {
    if (section !== undefined && text !== '') prompt += `### ${section}:\n${text}\n\n`;
    text = '';
  };
  messages.forEach((message, index) => {
    const next = sectionOf(message.role);
    if (next !== section) {
      flush();
      section = next;
    }
    text += textContent(message.content);
    if (next === 'User') {
      for (const part of contentParts(message.content)) {
        if (part.type !== 'image_url') continue;
        const url = imageUrlOf(part);
        if (url === undefined) throw badRequest(`messages[${index}] has an image_url part without a url`, { param: `messages[${index}].content` });
        images.push(ollamaImage(url, index));
      }
    }
    if (next === 'Assistant') {
      const calls = parseToolCalls(message, index).map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
      if (calls.length > 0) text += `Tool Calls: ${JSON.stringify(calls, null, 2)}`;
    }
  });
  flush();
  return { prompt, images };
}
