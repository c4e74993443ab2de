/**
 * GET /health: probes every deployment (or one group with `?model=`) with a real, minimal
 * call as LiteLLM does, choosing the API from `model_info.mode`, and reports
 * `{healthy_endpoints, unhealthy_endpoints, healthy_count, unhealthy_count}`. Probes go
 * straight to the deployment (no router), so they neither retry nor cool anything down.
 */
import type { Deployment } from '../../compiler/plan/routing-plan.ts';
import type { Operation } from '../providers/adapter.ts';
import { isAbort, transportError } from '../upstream/upstream-error.ts';
import type { ProxyRuntime } from './proxy-runtime.ts';

// LiteLLM's default health-check timeout (seconds) and prompt.
const defaultHealthTimeout = 60;
const probeText = 'test from litellm';

function probeFor(deployment: Deployment): { operation: Operation; body: Record<string, unknown> } {
  const maxTokens = typeof deployment.modelInfo.health_check_max_tokens === 'number' ? deployment.modelInfo.health_check_max_tokens : 5;
  if (deployment.mode === 'embedding') return { operation: 'embedding', body: { input: [probeText] } };
  if (deployment.mode === 'completion') return { operation: 'completion', body: { prompt: probeText, max_tokens: maxTokens } };
  return { operation: 'chat', body: { messages: [{ role: 'user', content: probeText }], max_tokens: maxTokens } };
}

/** The endpoint description /health reports (no secrets). */
function describe(runtime: ProxyRuntime, deployment: Deployment): Record<string, unknown> {
  return {
    model: deployment.litellmModel ?? deployment.upstreamModel,
    model_name: deployment.group,
    model_id: deployment.id,
    api_base: runtime.apiBaseHeaders[deployment.index],
  };
}

async function probe(runtime: ProxyRuntime, deployment: Deployment): Promise<string | undefined> {
  let adapter = runtime.adapters.get(deployment.adapter);
  let target = runtime.targets[deployment.index];
  if (!adapter || !target) return 'deployment is not available';
  const checkModel = deployment.modelInfo.health_check_model;
  if (deployment.dynamicProvider && typeof checkModel === 'string' && runtime.dynamicTargets) {
    try {
      ({ adapter, target } = await runtime.dynamicTargets.resolve(deployment, target, checkModel));
    } catch (error) {
      return (error as { error?: { message?: string } }).error?.message ?? String(error);
    }
  } else if (typeof checkModel === 'string') {
    // "openai/gpt-4o-mini" → the provider's own id, as the deployment would send it.
    const slash = checkModel.indexOf('/');
    target = { ...target, model: slash !== -1 && checkModel.slice(0, slash) === deployment.provider ? checkModel.slice(slash + 1) : checkModel };
  }
  const { operation, body } = probeFor(deployment);
  const healthTimeout = typeof deployment.modelInfo.health_check_timeout === 'number' ? deployment.modelInfo.health_check_timeout : defaultHealthTimeout;
  // LiteLLM hands the deployment's litellm_params, `timeout` included, to the check call, so
  // a shorter deployment timeout ends the probe first.
  const deploymentTimeout = deployment.timeout ?? runtime.envTimeouts[deployment.index]?.timeout;
  const timeout = deploymentTimeout !== undefined && deploymentTimeout > 0 ? Math.min(healthTimeout, deploymentTimeout) : healthTimeout;
  const context = { callId: `health-${deployment.id}`, requestedModel: deployment.group, created: Math.floor(Date.now() / 1000), stream: false, includeUsage: false };
  try {
    const request = adapter.buildRequest(operation, { ...body, model: deployment.group }, target, context);
    const response = await runtime.upstream.send(request, timeout * 1000, undefined);
    const text = await response.body.text();
    if (response.statusCode >= 200 && response.statusCode < 300) return undefined;
    const error = adapter.parseError(response.statusCode, text, response.headers);
    return `litellm.${error.errorClass}: ${error.message}`;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { error?: { message?: string } }).error?.message) {
      return (error as { error: { message: string } }).error.message;
    }
    if (isAbort(error)) return 'probe aborted';
    return transportError(error, deployment.provider, timeout).message;
  }
}

/** Runs the probes and returns the /health JSON. */
export async function healthReport(runtime: ProxyRuntime, group: string | undefined): Promise<object> {
  // Wildcard deployments have no model of their own: probed only through health_check_model.
  const deployments = runtime.plan.deployments.filter(
    (deployment) => (group === undefined || deployment.group === group) && (!deployment.wildcard || typeof deployment.modelInfo.health_check_model === 'string'),
  );
  const results = await Promise.all(deployments.map((deployment) => probe(runtime, deployment)));
  const healthy: object[] = [];
  const unhealthy: object[] = [];
  deployments.forEach((deployment, i) => {
    const error = results[i];
    if (error === undefined) healthy.push(describe(runtime, deployment));
    else unhealthy.push({ ...describe(runtime, deployment), error });
  });
  return { healthy_endpoints: healthy, unhealthy_endpoints: unhealthy, healthy_count: healthy.length, unhealthy_count: unhealthy.length };
}

/**
 * Background health checks (general_settings.background_health_checks): probes every
 * `health_check_interval` seconds; /health then answers from the latest report instead of
 * calling every provider on each request, as LiteLLM does.
 */
export class HealthMonitor {
  readonly #runtime: ProxyRuntime;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #latest: { report: object; at: number } | undefined;
  #running: Promise<void> | undefined;

  constructor(runtime: ProxyRuntime, intervalSeconds: number) {
    this.#runtime = runtime;
    this.#intervalMs = Math.max(1, intervalSeconds) * 1000;
  }

  /** Runs a first check now, then on the interval (the timer never keeps the process alive). */
  start(): void {
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
    this.#timer.unref();
  }

  /** One round of probes; overlapping rounds are skipped. */
  check(): Promise<void> {
    this.#running ??= healthReport(this.#runtime, undefined)
      .then((report) => {
        this.#latest = { report, at: Date.now() };
      })
      .catch(() => {
        // A failed round keeps the previous report.
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  /** The latest finished report and when it finished (epoch ms), without probing; undefined before the first round. */
  peek(): { readonly report: object; readonly at: number } | undefined {
    return this.#latest;
  }

  /** The latest report, waiting for the first round if none finished yet. */
  async latest(): Promise<object> {
    if (!this.#latest) await this.check();
    return this.#latest?.report ?? { healthy_endpoints: [], unhealthy_endpoints: [], healthy_count: 0, unhealthy_count: 0 };
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
