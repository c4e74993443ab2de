/**
 * LiteLLM's key-management and spend routes (docs: proxy/virtual_keys), master key only:
 * POST /key/generate, /key/update, /key/delete, /key/block, /key/unblock; GET /key/info,
 * /key/list, /spend/logs. Keys in bodies and queries may be given raw (`sk-…`, hashed on
 * arrival) or as their stored hash. Answers never contain a raw key except the one
 * /key/generate creates, once.
 *
 * This module does not import `pg`: without a database URL these routes answer 400
 * `no_db_connection` after the master-key check, as LiteLLM does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authMessages } from '../server/authenticate.ts';
import { requestError, sendError, type ClientError } from '../server/openai-error.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';
import { BodyTooLargeError, readBody } from '../server/read-body.ts';
import { parseKeyFields } from './key-fields.ts';
import { keyJson } from './key-record.ts';
import { keyAliasIndex } from './migrate-schema.ts';
import { hashKey, isKeyHash } from './key-token.ts';
import type { VirtualKeys } from './virtual-keys.ts';

const postRoutes = new Set(['/key/generate', '/key/update', '/key/delete', '/key/block', '/key/unblock']);
const getRoutes = new Set(['/key/info', '/key/list', '/spend/logs']);

/** Management bodies are small; this bounds what an admin request may buffer. */
const maxManagementBody = 1024 * 1024;

/** True for the routes this module answers. */
export function isKeyManagementPath(path: string): boolean {
  return postRoutes.has(path) || getRoutes.has(path);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** The stored token for a key given raw or as a hash; undefined when it is neither. */
function tokenOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.startsWith('sk-')) return hashKey(value);
  return isKeyHash(value) ? value : undefined;
}

function notFound(what: string): ClientError {
  return requestError(404, `Key not found in database: ${what}`, 'not_found_error', 'key');
}

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown> | ClientError> {
  let raw: Buffer;
  try {
    raw = await readBody(request, maxManagementBody);
  } catch (error) {
    return error instanceof BodyTooLargeError ? requestError(413, error.message) : requestError(400, 'Could not read the request body');
  }
  if (raw.length === 0) return {};
  try {
    const body: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  return requestError(400, 'Invalid JSON in request body: the body must be a JSON object');
}

function isClientError(value: unknown): value is ClientError {
  return typeof value === 'object' && value !== null && 'status' in value && 'type' in value && 'message' in value;
}

/** A positive integer query parameter, clamped. */
function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}

function dateParam(params: URLSearchParams, name: string): Date | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The 400 for a duplicate key or alias (PostgreSQL unique_violation), else undefined. */
function uniqueViolation(error: unknown, alias: string | null | undefined): ClientError | undefined {
  const failure = error as { code?: unknown; constraint?: unknown };
  if (failure?.code !== '23505') return undefined;
  if (failure.constraint === keyAliasIndex) {
    return requestError(400, `Unique key aliases across all keys are required: key_alias=${JSON.stringify(alias)} is already in use`, 'invalid_request_error', 'key_alias');
  }
  return requestError(400, 'A key with this value already exists', 'invalid_request_error', 'key');
}

/**
 * Answers a key-management route. The caller has matched the path; this checks the
 * master key, then serves it (or 400 without a database).
 */
export async function handleKeyManagement(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse, path: string, query: string): Promise<void> {
  const method = request.method ?? 'GET';
  const expected = postRoutes.has(path) ? 'POST' : 'GET';
  if (method !== expected) {
    request.resume();
    return sendError(response, requestError(405, `Method ${method} not allowed on ${path}`));
  }
  // Only the master key manages keys (LiteLLM's admin routes); a virtual key is refused here.
  const auth = runtime.auth.check(request.headers);
  if (!runtime.auth.enabled || auth !== 'ok') {
    request.resume();
    const message = !runtime.auth.enabled
      ? 'Virtual keys need general_settings.master_key: set it to manage keys.'
      : auth === 'missing'
        ? authMessages.missing
        : `Authentication Error, only the master key can call ${path}.`;
    return sendError(response, requestError(401, message, 'auth_error'));
  }
  const keys = runtime.keys;
  if (keys === undefined) {
    request.resume();
    return sendError(response, requestError(400, 'No connected db. Virtual keys and spend tracking need general_settings.database_url (PostgreSQL).', 'no_db_connection'));
  }
  try {
    if (expected === 'GET') {
      request.resume();
      return await handleGet(keys, response, path, new URLSearchParams(query));
    }
    const body = await readJsonBody(request);
    if (isClientError(body)) return sendError(response, body);
    return await handlePost(keys, response, path, body);
  } catch (error) {
    runtime.logger.error({ route: path, err: error instanceof Error ? error.message : String(error) }, 'key management failed');
    return sendError(response, requestError(503, `The virtual-key database is unavailable: ${path} did not complete. Retry shortly.`, 'service_unavailable'));
  }
}

async function handleGet(keys: VirtualKeys, response: ServerResponse, path: string, params: URLSearchParams): Promise<void> {
  switch (path) {
    case '/key/info': {
      const token = tokenOf(params.get('key'));
      if (token === undefined) return sendError(response, requestError(400, 'key is required: pass ?key=sk-… or the stored token', 'invalid_request_error', 'key'));
      const found = await keys.info(token);
      if (found === undefined) return sendError(response, notFound('key'));
      return sendJson(response, 200, { key: token, info: keyJson(found.record, found.spend) });
    }
    case '/key/list': {
      const page = intParam(params, 'page', 1, 1_000_000);
      const size = intParam(params, 'size', 10, 100);
      const keyAlias = params.get('key_alias') ?? undefined;
      const { keys: records, total } = await keys.list({ offset: (page - 1) * size, limit: size, ...(keyAlias !== undefined ? { keyAlias } : {}) });
      const full = params.get('return_full_object') === 'true';
      return sendJson(response, 200, {
        keys: full ? records.map((record) => keyJson(record, record.spend + keys.queue.pendingSpend(record.token))) : records.map((record) => record.token),
        total_count: total,
        current_page: page,
        total_pages: Math.ceil(total / size),
      });
    }
    case '/spend/logs': {
      const apiKey = params.get('api_key');
      const token = apiKey === null ? undefined : tokenOf(apiKey);
      if (apiKey !== null && token === undefined) return sendError(response, requestError(400, 'api_key must be a key (sk-…) or a stored token', 'invalid_request_error', 'api_key'));
      const requestId = params.get('request_id') ?? undefined;
      const start = dateParam(params, 'start_date');
      const end = dateParam(params, 'end_date');
      const rows = await keys.spendLogs({
        limit: intParam(params, 'limit', 100, 1000),
        ...(token !== undefined ? { apiKey: token } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
      });
      return sendJson(response, 200, rows);
    }
  }
}

async function handlePost(keys: VirtualKeys, response: ServerResponse, path: string, body: Record<string, unknown>): Promise<void> {
  switch (path) {
    case '/key/generate': {
      const parsed = parseKeyFields(body);
      if ('error' in parsed) return sendError(response, requestError(400, parsed.error.message, 'invalid_request_error', parsed.error.param));
      let custom: string | undefined;
      if (body.key !== undefined && body.key !== null) {
        // LiteLLM lets an admin choose the key; it must look like one.
        if (typeof body.key !== 'string' || !/^sk-[A-Za-z0-9._~-]{8,}$/.test(body.key)) {
          return sendError(response, requestError(400, 'key must start with "sk-" followed by at least 8 URL-safe characters', 'invalid_request_error', 'key'));
        }
        custom = body.key;
      }
      try {
        const { key, record } = await keys.generate(parsed.fields, custom);
        return sendJson(response, 200, { key, ...keyJson(record), token_id: record.token });
      } catch (error) {
        const conflict = uniqueViolation(error, parsed.fields.keyAlias);
        if (conflict) return sendError(response, conflict);
        throw error;
      }
    }
    case '/key/update': {
      const token = tokenOf(body.key);
      if (token === undefined) return sendError(response, requestError(400, 'key is required: the key (sk-…) or its stored token', 'invalid_request_error', 'key'));
      const parsed = parseKeyFields(body);
      if ('error' in parsed) return sendError(response, requestError(400, parsed.error.message, 'invalid_request_error', parsed.error.param));
      let record;
      try {
        record = await keys.update(token, parsed.fields);
      } catch (error) {
        const conflict = uniqueViolation(error, parsed.fields.keyAlias);
        if (conflict) return sendError(response, conflict);
        throw error;
      }
      if (record === undefined) return sendError(response, notFound('key'));
      return sendJson(response, 200, { key: token, ...keyJson(record) });
    }
    case '/key/delete': {
      const given = Array.isArray(body.keys) ? body.keys : [];
      const tokens = given.map(tokenOf);
      if (tokens.some((token) => token === undefined)) return sendError(response, requestError(400, 'keys must list keys (sk-…) or stored tokens', 'invalid_request_error', 'keys'));
      const aliases = Array.isArray(body.key_aliases) ? body.key_aliases.filter((alias): alias is string => typeof alias === 'string') : [];
      if (tokens.length === 0 && aliases.length === 0) return sendError(response, requestError(400, 'keys (or key_aliases) is required: {"keys": ["sk-…"]}', 'invalid_request_error', 'keys'));
      const deleted = await keys.delete(tokens as string[], aliases);
      if (deleted.length === 0) return sendError(response, notFound('none of the given keys exist'));
      return sendJson(response, 200, { deleted_keys: deleted });
    }
    case '/key/block':
    case '/key/unblock': {
      const token = tokenOf(body.key);
      if (token === undefined) return sendError(response, requestError(400, 'key is required: the key (sk-…) or its stored token', 'invalid_request_error', 'key'));
      const record = await keys.update(token, { blocked: path === '/key/block' });
      if (record === undefined) return sendError(response, notFound('key'));
      return sendJson(response, 200, { key: token, ...keyJson(record) });
    }
  }
}
