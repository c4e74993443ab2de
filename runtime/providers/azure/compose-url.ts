/**
 * Azure OpenAI URLs as LiteLLM composes them (providers.md, URL composition, `azure/` row):
 * dated API versions put the deployment in the path and `api-version` in the query; the
 * `v1`/`latest`/`preview` versions use the OpenAI-style `/openai/v1/` base.
 */
import type { Operation } from '../adapter.ts';
import { joinSdkStyle, stripTrailingSlashes } from '../openai/compose-url.ts';

const paths: Readonly<Record<Operation, string>> = { chat: 'chat/completions', completion: 'completions', embedding: 'embeddings' };

/** True for api_version values that select Azure's v1 API (no api-version query). */
export function isAzureV1Version(version: string): boolean {
  return version === 'v1' || version === 'latest' || version === 'preview';
}

function isCloudflareGateway(base: string): boolean {
  try {
    return new URL(base).hostname === 'gateway.ai.cloudflare.com';
  } catch {
    return false;
  }
}

/** The upstream URL for a deployment (`deployment` = model after the `azure/` prefix). */
export function composeAzureUrl(base: string, deployment: string, version: string, operation: Operation): string {
  const path = paths[operation];
  if (isAzureV1Version(version)) return `${stripTrailingSlashes(base)}/openai/v1/${path}`;
  const query = `?api-version=${encodeURIComponent(version)}`;
  // A base that already names the deployment is used as the SDK's base URL.
  if (base.includes('/openai/deployments')) return joinSdkStyle(base, path) + query;
  if (isCloudflareGateway(base)) return joinSdkStyle(base, `${deployment}/${path}`) + query;
  return `${stripTrailingSlashes(base)}/openai/deployments/${deployment}/${path}${query}`;
}
