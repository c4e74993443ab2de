/**
 * Builds the upstream JSON body for an OpenAI-shaped provider from the client's body and
 * the deployment's litellm_params: deployment params are defaults the client may override
 * (LiteLLM merges the request kwargs last), `model` is the upstream id, and LiteLLM's own
 * request controls never leave the proxy.
 */
import { UpstreamFailure } from '../../router/types.ts';
import type { AdapterTarget } from '../adapter.ts';

/**
 * Request-level keys LiteLLM consumes itself (litellm-config.md §7.12) or that would let a
 * client redirect the call (api_key, api_base): stripped before the body goes upstream.
 */
export const proxyOnlyKeys: ReadonlySet<string> = new Set([
  'metadata', 'litellm_metadata', 'num_retries', 'max_retries', 'fallbacks', 'context_window_fallbacks',
  'content_policy_fallbacks', 'disable_fallbacks', 'mock_response', 'mock_testing_fallbacks',
  'mock_testing_rate_limit_error', 'mock_testing_content_policy_violation_error', 'mock_testing_context_window_error',
  'caching', 'cache', 'tags', 'timeout', 'stream_timeout', 'request_timeout', 'specific_deployment', 'priority',
  'user_config', 'api_key', 'api_base', 'api_version', 'base_url', 'custom_llm_provider', 'litellm_call_id',
  'litellm_trace_id', 'litellm_session_id', 'guardrails', 'proxy_server_request', 'secret_fields', 'drop_params',
  'additional_drop_params', 'extra_headers',
]);

// litellm_params keys that configure the call rather than travel in the body.
const nonBodyParams: ReadonlySet<string> = new Set(['extra_headers', 'extra_body', 'organization', 'additional_drop_params', 'azure_ad_token']);

/** What a deployment contributes to every body: defaults, and keys always dropped. */
export interface BodyPlan {
  readonly defaults: Readonly<Record<string, unknown>> | undefined;
  readonly alwaysDrop: readonly string[] | undefined;
  /** OpenAI params this provider rejects (dropped when drop_params, else a 400). */
  readonly unsupported: readonly string[] | undefined;
}

/** Precomputes a deployment's body contributions (done once per target). */
export function planBody(target: AdapterTarget, unsupported?: readonly string[]): BodyPlan {
  const defaults: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(target.params)) {
    if (nonBodyParams.has(key)) continue;
    defaults[key] = value;
    any = true;
  }
  // extra_body is merged into the JSON body, as the OpenAI SDK does.
  const extraBody = target.params.extra_body;
  if (typeof extraBody === 'object' && extraBody !== null) {
    Object.assign(defaults, extraBody);
    any = true;
  }
  const drop = target.params.additional_drop_params;
  return {
    defaults: any ? defaults : undefined,
    alwaysDrop: Array.isArray(drop) ? drop.map(String) : undefined,
    unsupported: unsupported && unsupported.length > 0 ? unsupported : undefined,
  };
}

/** The body object to send: a shallow copy, never the client's object itself. */
export function buildBody(body: Record<string, unknown>, target: AdapterTarget, plan: BodyPlan): Record<string, unknown> {
  const out: Record<string, unknown> = plan.defaults ? { ...plan.defaults, ...body } : { ...body };
  out.model = target.model;
  for (const key in body) if (proxyOnlyKeys.has(key)) delete out[key];
  if (plan.alwaysDrop) for (const key of plan.alwaysDrop) delete out[key];
  if (plan.unsupported) {
    const rejected = plan.unsupported.filter((key) => out[key] !== undefined);
    if (rejected.length > 0) {
      if (!target.dropParams) {
        throw new UpstreamFailure({
          status: 400,
          message: `${target.provider} does not support parameters: ${rejected.join(', ')}, for model=${target.model}. To drop these, set \`litellm.drop_params=True\` or for proxy:\n\n\`litellm_settings:\n drop_params: true\`\n`,
          type: 'invalid_request_error',
          code: null,
          param: rejected[0] ?? null,
          errorClass: 'UnsupportedParamsError',
          retryable: false,
        });
      }
      for (const key of rejected) delete out[key];
    }
  }
  return out;
}
