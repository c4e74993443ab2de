/**
 * LiteLLM's provider prefixes (`litellm.provider_list`): the `LlmProviders` enum of a
 * late-2025 build, the JSON-configured OpenAI-compatible providers, and older entries
 * still accepted by some builds (reference §2.4). Data only; `unknown-provider` reads it.
 */
export const litellmProviders: ReadonlySet<string> = new Set([
  'openai', 'openai_like', 'jina_ai', 'xai', 'custom_openai', 'text-completion-openai', 'cohere', 'cohere_chat', 'clarifai',
  'anthropic', 'anthropic_text', 'bytez', 'replicate', 'runwayml', 'huggingface', 'together_ai', 'openrouter', 'datarobot',
  'vertex_ai', 'vertex_ai_beta', 'gemini', 'ai21', 'baseten', 'azure', 'azure_text', 'azure_ai', 'sagemaker', 'sagemaker_chat',
  'bedrock', 'vllm', 'nlp_cloud', 'petals', 'oobabooga', 'ollama', 'ollama_chat', 'deepinfra', 'perplexity', 'mistral', 'milvus',
  'groq', 'nvidia_nim', 'cerebras', 'ai21_chat', 'volcengine', 'codestral', 'text-completion-codestral', 'dashscope', 'moonshot',
  'v0', 'morph', 'lambda_ai', 'deepseek', 'sambanova', 'maritalk', 'voyage', 'cloudflare', 'xinference', 'fireworks_ai',
  'friendliai', 'featherless_ai', 'watsonx', 'watsonx_text', 'triton', 'predibase', 'databricks', 'empower', 'github',
  'compactifai', 'docker_model_runner', 'custom', 'litellm_proxy', 'hosted_vllm', 'llamafile', 'lm_studio', 'galadriel', 'nebius',
  'infinity', 'deepgram', 'elevenlabs', 'novita', 'aiohttp_openai', 'langfuse', 'humanloop', 'topaz', 'assemblyai',
  'github_copilot', 'snowflake', 'gradient_ai', 'meta_llama', 'nscale', 'pg_vector', 'hyperbolic', 'recraft', 'fal_ai', 'heroku',
  'aiml', 'cometapi', 'oci', 'auto_router', 'vercel_ai_gateway', 'dotprompt', 'wandb', 'ovhcloud', 'lemonade',
  // JSON-configured OpenAI-compatible providers and older entries.
  'publicai', 'helicone', 'veniceai', 'scaleway', 'poe', 'chutes', 'anyscale', 'aleph_alpha', 'palm', 'bedrock_converse',
  'bedrock_mantle', 'text-completion-together_ai', 'adaptive_router', 'azure_openai', 'gemini_cli', 'minimax', 'zai', 'sap',
]);
