/**
 * The proxy's HTTP front: node:http with a flat path switch (no framework). Routes
 * (litellm-config.md §9): chat/completions, completions and embeddings with and without
 * `/v1`, `/v1/models`, `/model/info`, `/health` (auth), `/health/liveliness`,
 * `/health/liveness` and `/health/readiness` (no auth), the dashboard (`/`, `/ui`, runtime/ui)
 * and `/metrics` (runtime/metrics). Everything else is an OpenAI-style
 * 404 (405 for a known path with the wrong method).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Operation } from '../providers/adapter.ts';
import { authMessages } from './authenticate.ts';
import { handleLlmRequest } from './handle-llm-request.ts';
import { healthReport } from './handle-health.ts';
import { handleMetrics, isMetricsPath } from '../metrics/handle-metrics.ts';
import { handleUi, isUiPath } from '../ui/handle-ui.ts';
import { admitVirtualKey, verifyVirtualKey } from '../store/admit-key.ts';
import { handleKeyManagement, isKeyManagementPath } from '../store/handle-key-management.ts';
import type { KeyGrant, VirtualKeys } from '../store/virtual-keys.ts';
import { requestError, sendError } from './openai-error.ts';
import type { ProxyRuntime } from './proxy-runtime.ts';

// node:http from process.getBuiltinModule, not `import`: the ESM facade of node:http reads
// every export, and its lazy WebSocket/CloseEvent/MessageEvent getters load Node's internal
// copy of undici and node:http2, which the proxy never uses: ~12 MB of resident memory in
// every proxy process (compiler/source/read-config-file.ts does the same for node:fs).
const { createServer } = process.getBuiltinModule('node:http');

const llmRoutes: Readonly<Record<string, Operation>> = {
  '/v1/chat/completions': 'chat',
  '/chat/completions': 'chat',
  '/v1/completions': 'completion',
  '/completions': 'completion',
  '/v1/embeddings': 'embedding',
  '/embeddings': 'embedding',
};

// Azure-client and legacy engine paths carry the model in the path (LiteLLM §9).
const modelPathPrefixes = ['/openai/deployments/', '/engines/'] as const;
const modelPathSuffixes: readonly (readonly [string, Operation])[] = [
  ['/chat/completions', 'chat'],
  ['/completions', 'completion'],
  ['/embeddings', 'embedding'],
];

/** `/openai/deployments/{model}/chat/completions` → model and operation, else undefined. */
export function modelFromPath(path: string): { model: string; operation: Operation } | undefined {
  for (const prefix of modelPathPrefixes) {
    if (!path.startsWith(prefix)) continue;
    for (const [suffix, operation] of modelPathSuffixes) {
      if (path.endsWith(suffix) && path.length > prefix.length + suffix.length) {
        return { model: decodeURIComponent(path.slice(prefix.length, path.length - suffix.length)), operation };
      }
    }
  }
  return undefined;
}

const getRoutes = new Set(['/v1/models', '/models', '/model/info', '/v1/model/info', '/health', '/health/liveliness', '/health/liveness', '/health/readiness']);

function sendJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function authorized(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse): boolean {
  const result = runtime.auth.check(request.headers);
  if (result === 'ok') return true;
  request.resume();
  sendError(response, requestError(401, authMessages[result], 'auth_error', null));
  return false;
}

// ── virtual keys (runtime/store): only with a database URL; the path without one is unchanged ──
/**
 * An LLM request when the key store is on: the master key as usual; any other key is looked
 * up as a virtual key, and its parallel slot is freed however the request ends.
 */
async function handleWithVirtualKeys(runtime: ProxyRuntime, keys: VirtualKeys, request: IncomingMessage, response: ServerResponse, operation: Operation, pathModel?: string): Promise<void> {
  const result = runtime.auth.check(request.headers);
  if (result === 'ok') return handleLlmRequest(runtime, request, response, operation, pathModel);
  if (result === 'missing') {
    request.resume();
    return sendError(response, requestError(401, authMessages.missing, 'auth_error', null));
  }
  const grant: KeyGrant | undefined = await admitVirtualKey(keys, runtime, request, response);
  if (grant === undefined) return;
  try {
    await handleLlmRequest(runtime, request, response, operation, pathModel, grant);
  } finally {
    grant.release();
  }
}
// ── end virtual keys ──

async function handleGet(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse, path: string, query: string): Promise<void> {
  switch (path) {
    case '/health/liveliness':
    case '/health/liveness':
      return sendJson(response, 200, '"I\'m alive!"');
    case '/health/readiness':
      return sendJson(
        response,
        200,
        JSON.stringify({
          status: 'healthy',
          db: 'Not connected',
          cache: runtime.plan.cache.enabled ? runtime.plan.cache.type : null,
          litellm_version: runtime.version,
          success_callbacks: runtime.plan.server.callbacks ?? [],
          last_updated: new Date().toISOString(),
        }),
      );
  }
  if (runtime.keys !== undefined && runtime.auth.check(request.headers) === 'invalid') {
    if (!(await verifyVirtualKey(runtime.keys, runtime, request, response))) return;
  } else if (!authorized(runtime, request, response)) return;
  const params = new URLSearchParams(query);
  switch (path) {
    case '/v1/models':
    case '/models':
      return sendJson(response, 200, runtime.models.modelsJson);
    case '/model/info':
    case '/v1/model/info':
      return sendJson(response, 200, runtime.models.modelInfoJson(params.get('litellm_model_id') ?? undefined));
    case '/health': {
      const group = params.get('model') ?? undefined;
      // With background checks on, an unfiltered /health answers from the latest round.
      const report = runtime.healthMonitor && group === undefined ? await runtime.healthMonitor.latest() : await healthReport(runtime, group);
      return sendJson(response, 200, JSON.stringify(report));
    }
  }
}

/**
 * CORS as LiteLLM's proxy configures it (every origin allowed; auth is a header, not a
 * cookie). Only browser requests carry `Origin`, so server-to-server calls pay nothing.
 * Returns true when the request was a preflight and has been answered.
 */
function handleCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  response.setHeader('access-control-allow-origin', '*');
  if (request.method !== 'OPTIONS') return false;
  request.resume();
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  response.end();
  return true;
}

/** Dispatches one request; never throws (errors become a 500 JSON error). */
async function dispatch(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (handleCors(request, response)) return;
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const operation = llmRoutes[path];
  if (operation !== undefined) {
    if (request.method !== 'POST') {
      request.resume();
      return sendError(response, requestError(405, `Method ${request.method} not allowed on ${path}`));
    }
    if (runtime.keys !== undefined) return handleWithVirtualKeys(runtime, runtime.keys, request, response, operation);
    if (!authorized(runtime, request, response)) return;
    return handleLlmRequest(runtime, request, response, operation);
  }
  const pathModel = modelFromPath(path);
  if (pathModel !== undefined && request.method === 'POST') {
    if (runtime.keys !== undefined) return handleWithVirtualKeys(runtime, runtime.keys, request, response, pathModel.operation, pathModel.model);
    if (!authorized(runtime, request, response)) return;
    return handleLlmRequest(runtime, request, response, pathModel.operation, pathModel.model);
  }
  if ((path.startsWith('/v1/models/') || path.startsWith('/models/')) && request.method === 'GET') {
    request.resume();
    if (!authorized(runtime, request, response)) return;
    // OpenAI's retrieve-model route; model names may contain '/', so everything after the prefix.
    const id = decodeURIComponent(path.slice(path.indexOf('/models/') + 8));
    const body = runtime.models.modelJson(id);
    if (body !== undefined) return sendJson(response, 200, body);
    return sendError(response, requestError(404, `The model '${id}' does not exist`, 'invalid_request_error', 'model'));
  }
  if (getRoutes.has(path)) {
    request.resume();
    if (request.method !== 'GET') return sendError(response, requestError(405, `Method ${request.method} not allowed on ${path}`));
    return handleGet(runtime, request, response, path, queryAt === -1 ? '' : url.slice(queryAt + 1));
  }
  // Dashboard (runtime/ui: `/`, `/ui`, `/ui/api/*`) and Prometheus metrics (runtime/metrics).
  if (isMetricsPath(path)) {
    request.resume();
    return handleMetrics(runtime, request, response);
  }
  // Key management and spend logs (runtime/store), master key only.
  if (isKeyManagementPath(path)) return handleKeyManagement(runtime, request, response, path, queryAt === -1 ? '' : url.slice(queryAt + 1));
  if (isUiPath(path)) {
    request.resume();
    return handleUi(runtime, request, response, path, queryAt === -1 ? '' : url.slice(queryAt + 1));
  }
  request.resume();
  sendError(response, requestError(404, `Not Found: ${request.method} ${path}`, 'invalid_request_error'));
}

/** Creates (does not start) the HTTP server for a runtime. */
export function createProxyServer(runtime: ProxyRuntime): Server {
  // Keep-alive longer than common load balancers' 60 s idle timeout, so they close first;
  // requestTimeout (receiving the request) stays at Node's default against slow uploads.
  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    dispatch(runtime, request, response).catch((error: unknown) => {
      runtime.logger.error({ err: error instanceof Error ? error.message : String(error), route: (request.url ?? '').split('?')[0] }, 'unhandled error');
      sendError(response, requestError(500, 'Internal Server Error', 'internal_server_error'));
    });
  });
  // A malformed request line or headers: answer 400 instead of dropping the socket silently.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
