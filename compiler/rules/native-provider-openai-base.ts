/**
 * A native provider prefix (`anthropic/`, `gemini/`, `ollama/`, …) with an `api_base` of an
 * OpenAI-compatible server (reference §2.4 caveat, §12 #14, LiteLLM #16045): `api_base` only
 * replaces the provider's base URL, the request stays in the provider's own wire format and
 * gets the provider's own path appended (`/v1/messages`, `/api/generate`,
 * `:generateContent`), so an OpenAI-compatible server answers 404 or rejects the body. The
 * fix is the `openai/` prefix (or `hosted_vllm/`, …) with the same `api_base`.
 *
 * "OpenAI-compatible" is recognised from the URL's path: `…/v1`, `…/openai`, `…/openai/v1`,
 * or a path containing `chat/completions`. None of these is a valid base for the native
 * providers checked here, so even when the server is not OpenAI-compatible the URL LiteLLM
 * builds from it is wrong. A warning, since the server behind the URL is not known.
 * `os.environ/` bases are not checked (their value is not the linter's to print).
 */
import { childPointer } from '../source/json-pointer.ts';
import type { Rule } from './rule.ts';

interface NativeProvider {
  /** The wire format LiteLLM keeps, for the message. */
  readonly format: string;
  /** The URL LiteLLM builds from api_base (reference, URL-composition table: glued on, no slash stripping), where documented. */
  readonly url?: (base: string) => string;
}

const nativeProviders: Readonly<Record<string, NativeProvider>> = {
  anthropic: { format: 'Anthropic Messages', url: (base) => (base.endsWith('/v1/messages') ? base : `${base}/v1/messages`) },
  gemini: { format: 'Gemini generateContent', url: (base) => `${base}:generateContent` },
  vertex_ai: { format: 'Vertex AI generateContent' },
  ollama: { format: 'Ollama /api/generate', url: (base) => (base.endsWith('/api/generate') ? base : `${base}/api/generate`) },
  ollama_chat: { format: 'Ollama /api/chat', url: (base) => (base.endsWith('/api/chat') ? base : `${base}/api/chat`) },
  bedrock: { format: 'Bedrock' },
  cohere: { format: 'Cohere' },
  cohere_chat: { format: 'Cohere' },
};

/** Paths of OpenAI-compatible bases: `/v1`, `/openai`, `/openai/v1` at the end, or a chat/completions URL. */
const openAiPath = /(?:\/v1|\/openai|\/openai\/v1)$|chat\/completions/i;

/** The path of an http(s) URL without trailing slashes, or undefined when `value` is not one. */
function urlPath(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

export const nativeProviderOpenaiBase: Rule = {
  id: 'native-provider-openai-base',
  description: 'native provider prefixes are not combined with the api_base of an OpenAI-compatible server',
  check(context) {
    for (const deployment of context.index.deployments) {
      const model = deployment.model;
      const params = deployment.litellmParams;
      const base = params.api_base;
      if (model === undefined || typeof base !== 'string') continue;
      const custom = params.custom_llm_provider;
      const slash = model.indexOf('/');
      const provider = typeof custom === 'string' ? custom : slash > 0 ? model.slice(0, slash) : undefined;
      if (provider === undefined || !Object.hasOwn(nativeProviders, provider)) continue;
      const path = urlPath(base.trim());
      if (path === undefined || !openAiPath.test(path)) continue;
      const native = nativeProviders[provider]!;
      const sent = native.url ? ` (LiteLLM calls ${native.url(base.trim())})` : '';
      const fix = typeof custom === 'string' ? 'set custom_llm_provider: openai' : `use model: openai/${model.slice(slash + 1)}`;
      context.report({
        pointer: childPointer(childPointer(deployment.pointer, 'litellm_params'), 'api_base'),
        part: 'value',
        message: `'${provider}' keeps the ${native.format} request format with a custom api_base${sent}, but this api_base looks like an OpenAI-compatible server; ${fix} to send OpenAI-format requests to it`,
        ...(typeof custom === 'string' ? {} : { suggestion: `openai/${model.slice(slash + 1)}` }),
      });
    }
  },
};
