/**
 * OpenAI-style error responses, shaped as LiteLLM's proxy sends them
 * (litellm-config.md §7.10): `{"error":{"message","type","param","code"}}` with `code` the
 * HTTP status as a string.
 */
import type { ServerResponse } from 'node:http';
import type { NormalizedError } from '../providers/adapter.ts';

/** One error to send to a client. */
export interface ClientError {
  readonly status: number;
  readonly message: string;
  readonly type: string;
  readonly param: string | null;
}

/** The JSON body for an error. */
export function errorJson(error: ClientError): string {
  return JSON.stringify({ error: { message: error.message, type: error.type, param: error.param, code: String(error.status) } });
}

/**
 * Status LiteLLM returns for a normalised error: its message rule turns "No deployments
 * available" / "No healthy deployment available" into 429 whatever the class said.
 */
export function clientStatus(error: NormalizedError): number {
  if (error.message.includes('No deployments available') || error.message.includes('No healthy deployment available')) return 429;
  return error.status >= 400 && error.status <= 599 ? error.status : 500;
}

/** Converts a normalised upstream/router error for the client; upstream ones get LiteLLM's class prefix. */
export function fromNormalized(error: NormalizedError, fromUpstream: boolean): ClientError {
  const message = fromUpstream && !error.message.startsWith('litellm.') ? `litellm.${error.errorClass}: ${error.message}` : error.message;
  return { status: clientStatus(error), message, type: error.type, param: error.param };
}

/** Writes an error response unless the client is gone or headers already went out. */
export function sendError(response: ServerResponse, error: ClientError, headers?: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  const body = errorJson(error);
  response.writeHead(error.status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Shorthand for request errors the proxy raises itself (400, 401, 404, 413 …). */
export function requestError(status: number, message: string, type = 'invalid_request_error', param: string | null = null): ClientError {
  return { status, message, type, param };
}

/** The SSE event that reports an error after a stream has started (OpenAI clients throw on it). */
export function streamErrorEvent(error: ClientError): string {
  return `data: ${errorJson(error)}\n\n`;
}
