import { createHash } from 'node:crypto';

/**
 * A tool-call id for providers that give none (Gemini, Ollama): `call_` + 24 hex
 * characters derived from the request's call id and the call's position, so a replayed
 * request gets the same ids (deterministic simulator runs, cache hits) while different
 * calls never collide.
 */
export function toolCallId(callId: string, position: number): string {
  return `call_${createHash('sha256').update(`${callId}:${position}`).digest('hex').slice(0, 24)}`;
}
