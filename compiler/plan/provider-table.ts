/**
 * What LiteLLM does per provider prefix, as data: which adapter speaks the wire format,
 * the default base URL, the environment variables consulted for the base and the key
 * (in LiteLLM's order), how the path is joined to the base, and how the key is sent.
 *
 * Source: ../shared/reference/providers.md, "URL composition from litellm_params", and
 * litellm-config.md §2.4. Adding an OpenAI-compatible provider is one row here; nothing
 * else changes.
 */
import type { AdapterKind } from './routing-plan.ts';

/**
 * How a path is joined to the base, per LiteLLM's three transport families:
 * - `A`: OpenAI Python SDK — add one `/` if the base lacks it, then the path
 *   (so one trailing slash makes no difference, two are kept).
 * - `B`: LiteLLM's own handler — strip every trailing `/`, then append the path unless the
 *   base already contains it (e.g. a base ending in `chat/completions` is used as is).
 * - `C`: provider-specific builders (deepseek, anthropic, gemini, azure, ollama): the
 *   adapter composes the URL itself.
 */
export type UrlFamily = 'A' | 'B' | 'C';

/** How the API key goes on the wire. */
export type AuthStyle = 'bearer' | 'api-key' | 'x-api-key' | 'x-goog-api-key' | 'none';

/** One provider prefix's behaviour. */
export interface ProviderSpec {
  readonly adapter: AdapterKind;
  /** Hard-coded base when neither api_base nor any env var is set. */
  readonly defaultBase?: string;
  /** Env vars read for the base when api_base is not configured, in order. */
  readonly baseEnv: readonly string[];
  /** Env vars read for the key when api_key is not configured, in order. */
  readonly keyEnv: readonly string[];
  /** Key sent when none resolves (hosted_vllm, lm_studio send `fake-api-key`). */
  readonly placeholderKey?: string;
  readonly auth: AuthStyle;
  /** Join rule for chat and completions paths. */
  readonly chatFamily: UrlFamily;
  /** Join rule for embeddings; undefined when LiteLLM has no embeddings route for the provider. */
  readonly embeddingFamily?: UrlFamily;
  /** Mistral: `/v1` is appended to a base that does not end in `/v1`. */
  readonly appendV1?: boolean;
  /** Prepended to the upstream model unless it already starts with it (fireworks_ai). */
  readonly modelPrefix?: string;
  /** Headers read from env at startup: header name → [env var, default]. */
  readonly envHeaders?: Readonly<Record<string, readonly [env: string, fallback?: string]>>;
  /**
   * OpenAI parameters the provider rejects (LiteLLM's get_supported_openai_params leaves them
   * out): dropped under drop_params, else the request fails with UnsupportedParamsError (400).
   */
  readonly unsupportedParams?: readonly string[];
  /** Azure: env vars for api_version and the default version. */
  readonly versionEnv?: readonly string[];
  readonly defaultVersion?: string;
}

const openAiFallbackBaseEnv = ['OPENAI_BASE_URL', 'OPENAI_API_BASE'] as const;
const openAiDefaultBase = 'https://api.openai.com/v1';

/** OpenAI-compatible row with Bearer auth: the common case. */
function compatible(
  defaultBase: string | undefined,
  baseEnv: readonly string[],
  keyEnv: readonly string[],
  chatFamily: UrlFamily,
  extra: Partial<ProviderSpec> = {},
): ProviderSpec {
  return { adapter: 'openai', defaultBase, baseEnv, keyEnv, auth: 'bearer', chatFamily, ...extra };
}

/**
 * Provider prefix → behaviour. Prefixes absent from this table are LiteLLM providers the
 * runtime does not serve (bedrock, vertex_ai, cohere …); the plan lists them as unsupported.
 */
export const providerTable: Readonly<Record<string, ProviderSpec>> = Object.freeze({
  openai: compatible(openAiDefaultBase, openAiFallbackBaseEnv, ['OPENAI_API_KEY'], 'A', {
    embeddingFamily: 'A',
    envHeaders: { 'OpenAI-Organization': ['OPENAI_ORGANIZATION'] },
  }),
  custom_openai: compatible(openAiDefaultBase, openAiFallbackBaseEnv, ['OPENAI_API_KEY'], 'A'),
  azure: {
    adapter: 'azure',
    baseEnv: ['AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT'],
    keyEnv: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    auth: 'api-key',
    chatFamily: 'C',
    embeddingFamily: 'C',
    versionEnv: ['AZURE_API_VERSION'],
    defaultVersion: '2025-02-01-preview',
  },
  deepseek: {
    adapter: 'deepseek',
    defaultBase: 'https://api.deepseek.com/beta',
    baseEnv: ['DEEPSEEK_API_BASE'],
    keyEnv: ['DEEPSEEK_API_KEY'],
    auth: 'bearer',
    chatFamily: 'C',
  },
  groq: compatible('https://api.groq.com/openai/v1', ['GROQ_API_BASE'], ['GROQ_API_KEY'], 'B'),
  xai: compatible('https://api.x.ai/v1', ['XAI_API_BASE'], ['XAI_API_KEY'], 'B'),
  mistral: compatible('https://api.mistral.ai/v1', ['MISTRAL_AZURE_API_BASE'], ['MISTRAL_AZURE_API_KEY', 'MISTRAL_API_KEY'], 'B', {
    appendV1: true,
    embeddingFamily: 'A',
  }),
  codestral: compatible('https://codestral.mistral.ai/v1', ['CODESTRAL_API_BASE'], ['CODESTRAL_API_KEY'], 'A'),
  openrouter: compatible('https://openrouter.ai/api/v1', ['OPENROUTER_API_BASE'], ['OPENROUTER_API_KEY', 'OR_API_KEY'], 'B', {
    embeddingFamily: 'B',
    envHeaders: { 'HTTP-Referer': ['OR_SITE_URL', 'https://litellm.ai'], 'X-Title': ['OR_APP_NAME', 'liteLLM'] },
  }),
  together_ai: compatible(
    'https://api.together.xyz/v1',
    ['TOGETHER_AI_API_BASE'],
    ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_TOKEN'],
    'A',
    { embeddingFamily: 'A' },
  ),
  fireworks_ai: compatible(
    'https://api.fireworks.ai/inference/v1',
    ['FIREWORKS_API_BASE'],
    ['FIREWORKS_API_KEY', 'FIREWORKS_AI_API_KEY', 'FIREWORKSAI_API_KEY', 'FIREWORKS_AI_TOKEN'],
    'B',
    { embeddingFamily: 'A', modelPrefix: 'accounts/fireworks/models/' },
  ),
  // LiteLLM's PerplexityChatConfig allows only frequency_penalty, max_tokens,
  // max_completion_tokens, presence_penalty, response_format, stream, temperature, top_p
  // (+ reasoning_effort / web_search_options on models that have them).
  perplexity: compatible('https://api.perplexity.ai', ['PERPLEXITY_API_BASE'], ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'], 'A', {
    unsupportedParams: ['tools', 'tool_choice', 'functions', 'function_call', 'parallel_tool_calls', 'n', 'stop', 'logit_bias', 'logprobs', 'top_logprobs', 'seed'],
  }),
  deepinfra: compatible('https://api.deepinfra.com/v1/openai', ['DEEPINFRA_API_BASE'], ['DEEPINFRA_API_KEY'], 'A'),
  // No default of their own: LiteLLM's second base pass falls through to OpenAI's base.
  hosted_vllm: compatible(openAiDefaultBase, ['HOSTED_VLLM_API_BASE', ...openAiFallbackBaseEnv], ['HOSTED_VLLM_API_KEY'], 'A', {
    placeholderKey: 'fake-api-key',
    embeddingFamily: 'B',
  }),
  lm_studio: compatible(openAiDefaultBase, ['LM_STUDIO_API_BASE', ...openAiFallbackBaseEnv], ['LM_STUDIO_API_KEY'], 'A', {
    placeholderKey: 'fake-api-key',
    embeddingFamily: 'A',
  }),
  litellm_proxy: compatible(undefined, ['LITELLM_PROXY_API_BASE'], ['LITELLM_PROXY_API_KEY'], 'A', { embeddingFamily: 'A' }),
  nvidia_nim: compatible('https://integrate.api.nvidia.com/v1', ['NVIDIA_NIM_API_BASE'], ['NVIDIA_NIM_API_KEY'], 'A', { embeddingFamily: 'A' }),
  cerebras: compatible('https://api.cerebras.ai/v1', ['CEREBRAS_API_BASE'], ['CEREBRAS_API_KEY'], 'A'),
  sambanova: compatible('https://api.sambanova.ai/v1', ['SAMBANOVA_API_BASE'], ['SAMBANOVA_API_KEY'], 'A'),
  meta_llama: compatible('https://api.llama.com/compat/v1', ['LLAMA_API_BASE'], ['LLAMA_API_KEY'], 'A'),
  nebius: compatible('https://api.studio.nebius.ai/v1', ['NEBIUS_API_BASE'], ['NEBIUS_API_KEY'], 'A', { embeddingFamily: 'A' }),
  volcengine: compatible('https://ark.cn-beijing.volces.com/api/v3', ['VOLCENGINE_API_BASE'], ['VOLCENGINE_API_KEY'], 'A'),
  github: compatible('https://models.inference.ai.azure.com', ['GITHUB_API_BASE'], ['GITHUB_API_KEY'], 'A'),
  friendliai: compatible('https://api.friendli.ai/serverless/v1', ['FRIENDLI_API_BASE'], ['FRIENDLIAI_API_KEY', 'FRIENDLI_TOKEN'], 'A'),
  novita: compatible('https://api.novita.ai/v3/openai', ['NOVITA_API_BASE'], ['NOVITA_API_KEY'], 'A'),
  anthropic: {
    adapter: 'anthropic',
    defaultBase: 'https://api.anthropic.com',
    baseEnv: ['ANTHROPIC_API_BASE', 'ANTHROPIC_BASE_URL'],
    keyEnv: ['ANTHROPIC_API_KEY'],
    auth: 'x-api-key',
    chatFamily: 'C',
  },
  gemini: {
    adapter: 'gemini',
    defaultBase: 'https://generativelanguage.googleapis.com/v1beta',
    baseEnv: ['GEMINI_API_BASE'],
    keyEnv: ['GOOGLE_API_KEY', 'GEMINI_API_KEY', 'PALM_API_KEY'],
    auth: 'x-goog-api-key',
    chatFamily: 'C',
    embeddingFamily: 'C',
  },
  ollama: {
    adapter: 'ollama',
    defaultBase: 'http://localhost:11434',
    baseEnv: ['OLLAMA_API_BASE'],
    // ollama/ sends a key only when api_key is configured (no env lookup).
    keyEnv: [],
    auth: 'bearer',
    chatFamily: 'C',
    embeddingFamily: 'C',
  },
  ollama_chat: {
    adapter: 'ollama_chat',
    defaultBase: 'http://localhost:11434',
    baseEnv: ['OLLAMA_API_BASE'],
    keyEnv: ['OLLAMA_API_KEY'],
    auth: 'bearer',
    chatFamily: 'C',
  },
});

/** The default Gemini base; the gemini adapter treats any other base as a full model URL (LiteLLM #7830). */
export const geminiDefaultBase = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Known LiteLLM provider prefixes the runtime does not serve. A model string starting with one
 * is recognised (not mistaken for an unprefixed model name) and reported as unsupported.
 */
export const unsupportedProviders: ReadonlySet<string> = new Set([
  'bedrock', 'bedrock_converse', 'vertex_ai', 'vertex_ai_beta', 'cohere', 'cohere_chat', 'huggingface', 'replicate',
  'sagemaker', 'sagemaker_chat', 'watsonx', 'watsonx_text', 'databricks', 'cloudflare', 'azure_ai', 'azure_text',
  'vllm', 'text-completion-openai', 'text-completion-codestral', 'anthropic_text', 'ai21', 'ai21_chat', 'clarifai',
  'baseten', 'nlp_cloud', 'petals', 'oobabooga', 'palm', 'triton', 'predibase', 'voyage', 'jina_ai', 'openai_like',
  'dashscope', 'moonshot', 'lambda_ai', 'hyperbolic', 'galadriel', 'empower', 'anyscale', 'featherless_ai', 'nscale',
  'xinference', 'infinity', 'maritalk', 'oci', 'snowflake', 'github_copilot', 'auto_router', 'custom', 'aiohttp_openai',
  'llamafile', 'docker_model_runner', 'gradient_ai', 'v0', 'morph', 'bytez', 'runwayml', 'datarobot', 'deepgram',
  'elevenlabs', 'assemblyai', 'recraft', 'fal_ai', 'heroku', 'aiml', 'cometapi', 'vercel_ai_gateway', 'wandb',
  'ovhcloud', 'lemonade', 'compactifai', 'topaz', 'milvus', 'pg_vector', 'langfuse', 'humanloop', 'dotprompt',
]);

/** Hosts LiteLLM recognises inside an api_base when the model has no provider prefix. */
export const providerByHost: Readonly<Record<string, string>> = Object.freeze({
  'api.openai.com': 'openai',
  'api.deepseek.com': 'deepseek',
  'api.groq.com': 'groq',
  'api.mistral.ai': 'mistral',
  'codestral.mistral.ai': 'codestral',
  'api.together.xyz': 'together_ai',
  'api.perplexity.ai': 'perplexity',
  'openrouter.ai': 'openrouter',
  'api.x.ai': 'xai',
  'api.fireworks.ai': 'fireworks_ai',
  'integrate.api.nvidia.com': 'nvidia_nim',
  'api.deepinfra.com': 'deepinfra',
  'api.cerebras.ai': 'cerebras',
  'api.sambanova.ai': 'sambanova',
  'api.anthropic.com': 'anthropic',
  'generativelanguage.googleapis.com': 'gemini',
});
