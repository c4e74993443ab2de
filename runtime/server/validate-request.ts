/**
 * Shape checks on a parsed request body, before any routing: the 400s an OpenAI client would
 * get for wrong types, naming the parameter at fault.
 */
import type { Operation } from '../providers/adapter.ts';
import { requestError, type ClientError } from './openai-error.ts';

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the request shape; returns the 400 to send, or undefined when valid. */
export function validateRequest(operation: Operation, body: Record<string, unknown>): ClientError | undefined {
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    return requestError(400, `Invalid value for 'stream': expected a boolean, got ${JSON.stringify(body.stream)}`, 'invalid_request_error', 'stream');
  }
  if (body.stream_options !== undefined && body.stream_options !== null && !isObject(body.stream_options)) {
    return requestError(400, "Invalid value for 'stream_options': expected an object", 'invalid_request_error', 'stream_options');
  }
  if (operation === 'chat') {
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return requestError(400, "Invalid value for 'messages': expected a non-empty array of messages", 'invalid_request_error', 'messages');
    }
    for (const message of body.messages) {
      if (!isObject(message) || typeof message.role !== 'string') {
        return requestError(400, "Invalid value for 'messages': every message must be an object with a string 'role'", 'invalid_request_error', 'messages');
      }
    }
  } else if (operation === 'completion') {
    if (typeof body.prompt !== 'string' && !Array.isArray(body.prompt)) {
      return requestError(400, "Invalid value for 'prompt': expected a string or an array", 'invalid_request_error', 'prompt');
    }
  } else if (typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return requestError(400, "Invalid value for 'input': expected a string or an array", 'invalid_request_error', 'input');
  }
  return undefined;
}
