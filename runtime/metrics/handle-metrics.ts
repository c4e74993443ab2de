/**
 * GET /metrics (and /metrics/, the path LiteLLM's Grafana example scrapes). The exporter
 * (and prom-client) is loaded on the first scrape, so a proxy nobody scrapes pays nothing
 * for it, not even at startup.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authMessages } from '../server/authenticate.ts';
import { requestError, sendError } from '../server/openai-error.ts';
import type { ProxyRuntime } from '../server/proxy-runtime.ts';
import { metricsAccess } from './metrics-access.ts';
import type { PrometheusExporter } from './prometheus-exporter.ts';

const exporters = new WeakMap<ProxyRuntime, PrometheusExporter>();

/** True for the paths `/metrics` answers on. */
export function isMetricsPath(path: string): boolean {
  return path === '/metrics' || path === '/metrics/';
}

/** Answers a request to a metrics path (the body, if any, is already being discarded). */
export async function handleMetrics(runtime: ProxyRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendError(response, requestError(405, `Method ${request.method} not allowed on /metrics`));
  }
  if (metricsAccess(runtime.plan) === 'master_key') {
    const result = runtime.auth.check(request.headers);
    if (result !== 'ok') return sendError(response, requestError(401, authMessages[result], 'auth_error', null));
  }
  let exporter = exporters.get(runtime);
  if (exporter === undefined) {
    const { PrometheusExporter: Exporter } = await import('./prometheus-exporter.ts');
    exporter = exporters.get(runtime) ?? new Exporter(runtime);
    exporters.set(runtime, exporter);
  }
  const body = await exporter.render();
  response.writeHead(200, { 'content-type': exporter.contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}
