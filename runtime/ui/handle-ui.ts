/**
 * The dashboard's routes: `GET /` redirects to `/ui` (the seed guide sends users to
 * http://localhost:4000), `GET /ui` serves the page (no data in it, so no auth: the page
 * asks for the master key), and `/ui/api/summary` and `/ui/api/requests` serve its JSON
 * behind the master key, like the other admin routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authMessages } from '../server/authenticate.ts';
import { requestError, sendError } from '../server/openai-error.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';
import { dashboardContentSecurityPolicy, dashboardHtml } from './dashboard-page.ts';
import { dashboardSummary, recentRequests } from './dashboard-summary.ts';

const pageBytes = Buffer.from(dashboardHtml, 'utf8');
const defaultRecentLimit = 100;

/** True for the paths the dashboard answers on. */
export function isUiPath(path: string): boolean {
  return path === '/' || path === '/ui' || path.startsWith('/ui/');
}

function sendJson(response: ServerResponse, body: object): void {
  const text = JSON.stringify(body);
  // no-store: the JSON is behind the master key; nothing in between should keep a copy.
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

function sendPage(response: ServerResponse, head: boolean): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': pageBytes.length,
    'content-security-policy': dashboardContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  response.end(head ? undefined : pageBytes);
}

/** Answers a request to a dashboard path (the body, if any, is already being discarded). */
export async function handleUi(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse, path: string, query: string): Promise<void> {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return sendError(response, requestError(405, `Method ${method} not allowed on ${path}`));
  if (path === '/') {
    response.writeHead(302, { location: '/ui', 'content-length': 0 });
    response.end();
    return;
  }
  if (path === '/ui' || path === '/ui/') return sendPage(response, method === 'HEAD');
  if (path !== '/ui/api/summary' && path !== '/ui/api/requests') {
    return sendError(response, requestError(404, `Not Found: ${method} ${path}`, 'invalid_request_error'));
  }
  const auth = runtime.auth.check(request.headers);
  if (auth !== 'ok') return sendError(response, requestError(401, authMessages[auth], 'auth_error', null));
  if (path === '/ui/api/summary') return sendJson(response, await dashboardSummary(runtime));
  const limit = Number(new URLSearchParams(query).get('limit') ?? defaultRecentLimit);
  return sendJson(response, recentRequests(runtime, Number.isInteger(limit) && limit > 0 ? limit : defaultRecentLimit));
}
