/**
 * Gemini 3 expects a function call's `thoughtSignature` echoed back on the same part
 * in the next turn, but OpenAI clients only keep the tool-call id. As LiteLLM does
 * (PR #18374), the signature rides inside the id: `<id>__thought__<signature>`.
 */
export const THOUGHT_SIGNATURE_SEPARATOR = '__thought__';

/** Appends a thought signature to a tool-call id. */
export function encodeToolCallId(id: string, signature: string | undefined): string {
  return signature ? `${id}${THOUGHT_SIGNATURE_SEPARATOR}${signature}` : id;
}

/** Splits a tool-call id into the id and the thought signature it may carry. */
export function decodeToolCallId(id: string): { id: string; signature?: string } {
  const at = id.indexOf(THOUGHT_SIGNATURE_SEPARATOR);
  if (at === -1) return { id };
  return { id: id.slice(0, at), signature: id.slice(at + THOUGHT_SIGNATURE_SEPARATOR.length) };
}
