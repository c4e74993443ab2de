/**
 * Answers a request from the cache: the stored JSON as is, or for a streaming request the
 * stored response replayed as SSE. Headers follow litellm-config.md §7.11/§8: the request's
 * `x-litellm-call-id`, `x-litellm-cache-key`, the group as requested, and a cost of 0.
 */
import type { ServerResponse } from 'node:http';
import type { CacheDecision, CacheEntry } from './response-cache.ts';
import { replayAsSse } from './replay-stream.ts';

/** Request facts the hit headers carry. */
export interface CacheHitContext {
  readonly callId: string;
  /** The model name as requested (`x-litellm-model-group`). */
  readonly model: string;
  /** performance.now() when the request arrived (for the overhead header). */
  readonly started: number;
}

/** Writes the cached response; a client that already left gets nothing. */
export function sendCacheHit(response: ServerResponse, decision: CacheDecision, entry: CacheEntry, context: CacheHitContext): void {
  if (response.destroyed || response.headersSent) return;
  const headers: Record<string, string> = {
    'x-litellm-call-id': context.callId,
    // For list embeddings (one entry per input) this is the whole request's key: listing every
    // input's key could outgrow clients' header limits (Node's is 16 KiB).
    'x-litellm-cache-key': decision.key,
    'x-litellm-model-group': context.model,
    'x-litellm-response-cost': '0',
    'x-litellm-attempted-retries': '0',
    'x-litellm-attempted-fallbacks': '0',
  };
  if (decision.stream) {
    const body = replayAsSse(entry.response, decision.includeUsage);
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache';
    headers['x-litellm-overhead-duration-ms'] = (performance.now() - context.started).toFixed(3);
    response.writeHead(200, headers);
    response.end(body);
    return;
  }
  const body = Buffer.from(JSON.stringify(entry.response));
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(body.length);
  headers['x-litellm-overhead-duration-ms'] = (performance.now() - context.started).toFixed(3);
  response.writeHead(200, headers);
  response.end(body);
}
