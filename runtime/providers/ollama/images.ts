import { badRequest } from '../shared/provider-error.ts';
import { parseDataUrl } from '../shared/openai-messages.ts';

/**
 * An image for Ollama's `images` field: the raw base64 of a data URL. Ollama cannot
 * fetch URLs and an adapter does no I/O, so remote URLs are the client's to inline.
 */
export function ollamaImage(url: string, messageIndex: number): string {
  const data = parseDataUrl(url);
  if (data) return data.data;
  if (/^https?:\/\//i.test(url)) {
    throw badRequest(`messages[${messageIndex}]: Ollama needs images inline; send '${url}' as a base64 data URL`, {
      param: `messages[${messageIndex}].content`,
    });
  }
  // A bare base64 string is what Ollama wants already.
  return url;
}
