/**
 * `/metrics` in Prometheus text format (prom-client formats and escapes). Values come from
 * the request recorder's totals, the router's cooldowns and the in-flight count, read at
 * scrape time: the hot path only updates the recorder, never prom-client (whose label
 * hashing would allocate per request).
 *
 * Names follow LiteLLM's Prometheus integration where it has the metric (so its Grafana
 * dashboards keep working; counters carry the `_total` suffix Python's client appends),
 * `litegate_` otherwise. Labels are bounded: requested models go through ModelLabels.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import { deploymentStatuses, type DeploymentStatus, type StatusSource } from './deployment-status.ts';
import { latencyBucketsSeconds, type LatencyHistogram } from './latency-histogram.ts';
import type { UsageAggregate } from './usage-aggregate.ts';

type Labels = Record<string, string | number>;
interface Sample {
  readonly labels: Labels;
  readonly value: number;
  /** Series name when it differs from the metric's (histogram _bucket/_sum/_count). */
  readonly metricName?: string;
}
type MetricType = 'counter' | 'gauge' | 'histogram';

/** What one scrape reads, gathered once and shared by every metric. */
interface Snapshot {
  readonly models: ReadonlyMap<string, UsageAggregate>;
  readonly deployments: readonly DeploymentStatus[];
  readonly inFlight: number;
}

/**
 * A metric whose samples are computed from a snapshot when scraped. prom-client's Registry
 * accepts any object with `name` and `get()`; using that keeps its text formatting and
 * escaping without keeping its per-label state.
 */
class ScrapedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly aggregator = 'sum';
  readonly #exporter: PrometheusExporter;
  readonly #samples: (snapshot: Snapshot) => Sample[];

  constructor(exporter: PrometheusExporter, name: string, help: string, type: MetricType, samples: (snapshot: Snapshot) => Sample[]) {
    this.#exporter = exporter;
    this.name = name;
    this.help = help;
    this.type = type;
    this.#samples = samples;
  }

  async get(): Promise<{ name: string; help: string; type: MetricType; aggregator: string; values: Sample[] }> {
    const snapshot = await this.#exporter.snapshot();
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.#samples(snapshot) };
  }
}

function deploymentLabels(status: DeploymentStatus, source: StatusSource): Labels {
  const deployment = status.deployment;
  return {
    model_group: deployment.group,
    litellm_model_name: deployment.litellmModel ?? `${deployment.provider}/${deployment.upstreamModel}`,
    model_id: deployment.id,
    api_base: source.apiBaseHeaders[deployment.index] ?? '',
    api_provider: deployment.provider,
  };
}

function histogramSamples(name: string, labels: Labels, histogram: LatencyHistogram): Sample[] {
  // A series with no observation yet would only add noise (and cardinality).
  if (histogram.count === 0) return [];
  const samples: Sample[] = [];
  let cumulative = 0;
  latencyBucketsSeconds.forEach((bound, i) => {
    cumulative += histogram.counts[i]!;
    samples.push({ metricName: `${name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
  });
  samples.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: histogram.count });
  samples.push({ metricName: `${name}_sum`, labels, value: histogram.sumSeconds });
  samples.push({ metricName: `${name}_count`, labels, value: histogram.count });
  return samples;
}

/** Builds the Prometheus registry of one proxy and renders it. */
export class PrometheusExporter {
  readonly registry = new Registry();
  readonly #source: StatusSource;
  #pending: Promise<Snapshot> | undefined;

  constructor(source: StatusSource, options: { readonly processMetrics?: boolean } = {}) {
    this.#source = source;
    // Process CPU, memory, event-loop lag, GC: what an operator checks next to request rates.
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const add = (name: string, help: string, type: MetricType, samples: (snapshot: Snapshot) => Sample[]): void => {
      this.registry.registerMetric(new ScrapedMetric(this, name, help, type, samples) as never);
    };
    const routed = (snapshot: Snapshot) => snapshot.deployments.filter((status) => status.usage !== undefined && (status.usage.requests > 0 || status.usage.attemptFailures > 0));

    add('litellm_proxy_total_requests_metric_total', 'Requests the proxy answered, by requested model and HTTP status.', 'counter', (snapshot) =>
      [...snapshot.models].flatMap(([model, usage]) => [...usage.statuses].map(([status, count]) => ({ labels: { requested_model: model, status_code: status }, value: count }))),
    );
    add('litellm_proxy_failed_requests_metric_total', 'Requests that ended in an error, by requested model, status and error class.', 'counter', (snapshot) =>
      [...snapshot.models].flatMap(([model, usage]) =>
        [...usage.failuresByClass].flatMap(([errorClass, byStatus]) => [...byStatus].map(([status, count]) => ({ labels: { requested_model: model, exception_status: status, exception_class: errorClass }, value: count }))),
      ),
    );
    const latency = (name: string, help: string, pick: (usage: UsageAggregate) => LatencyHistogram): void =>
      add(name, help, 'histogram', (snapshot) => [...snapshot.models].flatMap(([model, usage]) => histogramSamples(name, { requested_model: model }, pick(usage))));
    latency('litellm_request_total_latency_metric', 'Seconds from receiving a request to its last response byte, by requested model.', (usage) => usage.latency);
    latency('litellm_llm_api_latency_metric', 'Seconds the answering provider call took (non-streaming requests), by requested model.', (usage) => usage.upstreamLatency);
    latency('litellm_llm_api_time_to_first_token_metric', 'Seconds until the answering provider sent its first stream bytes (streaming requests), by requested model.', (usage) => usage.timeToFirstToken);
    const tokens = (name: string, help: string, value: (usage: UsageAggregate) => number): void =>
      add(name, help, 'counter', (snapshot) => routed(snapshot).map((status) => ({ labels: deploymentLabels(status, this.#source), value: value(status.usage!) })));
    tokens('litellm_input_tokens_metric_total', 'Prompt tokens reported by the provider, per deployment.', (usage) => usage.promptTokens);
    tokens('litellm_output_tokens_metric_total', 'Completion tokens reported by the provider, per deployment.', (usage) => usage.completionTokens);
    tokens('litellm_total_tokens_metric_total', 'Prompt plus completion tokens, per deployment.', (usage) => usage.promptTokens + usage.completionTokens);
    tokens('litellm_spend_metric_total', 'Spend in USD, per deployment: configured per-token prices, else litegate bundled list prices (an estimate).', (usage) => usage.cost);
    tokens('litellm_deployment_success_responses_total', 'Requests a deployment answered successfully.', (usage) => usage.requests - usage.failures);
    tokens('litellm_deployment_failure_responses_total', 'Failed calls to a deployment: failed attempts (retried or not) plus streams that broke.', (usage) => usage.attemptFailures + usage.failures);
    tokens('litellm_deployment_total_requests_total', 'Calls to a deployment, successful or not.', (usage) => usage.requests + usage.attemptFailures);
    add('litellm_deployment_state', 'Deployment state: 0 healthy, 1 partial outage (latest call failed), 2 complete outage (cooling down or failing health checks).', 'gauge', (snapshot) =>
      snapshot.deployments.map((status) => ({ labels: deploymentLabels(status, this.#source), value: status.state })),
    );
    add('litegate_deployment_cooldown_remaining_seconds', 'Seconds until a cooling-down deployment is routed to again (0 when it is not cooling down).', 'gauge', (snapshot) =>
      snapshot.deployments.map((status) => ({ labels: deploymentLabels(status, this.#source), value: status.cooldown ? Math.max(0, (status.cooldown.until - Date.now()) / 1000) : 0 })),
    );
    add('litegate_in_flight_requests', 'LLM requests being served now.', 'gauge', (snapshot) => [{ labels: {}, value: snapshot.inFlight }]);
  }

  /**
   * The data of the scrape under way. prom-client asks every metric at once; they share one
   * read of the router's cooldowns (a Redis round trip when state is shared).
   */
  snapshot(): Promise<Snapshot> {
    this.#pending ??= deploymentStatuses(this.#source).then((deployments) => ({
      models: this.#source.recorder?.models() ?? new Map<string, UsageAggregate>(),
      deployments,
      inFlight: this.#source.inFlight.count,
    }));
    return this.#pending;
  }

  /** The exposition text (always freshly read: call this, not registry.metrics()). */
  async render(): Promise<string> {
    this.#pending = undefined;
    try {
      return await this.registry.metrics();
    } finally {
      this.#pending = undefined;
    }
  }

  /** Content-Type of `render()`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
