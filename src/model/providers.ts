// The catalogue of AI providers and frameworks: which packages mean which provider, which env vars hold
// their keys, which hosts serve their APIs and which model ids belong to them. Data, shared by the
// collectors, the gateway and the UI.

export interface ProviderInfo {
  id: string;
  name: string;
  /** Hosts of the provider's API (suffix match). */
  hosts: string[];
  /** Environment variables the official SDKs read implicitly. */
  envVars: string[];
  hosted: boolean;
}

export const PROVIDERS: Record<string, ProviderInfo> = {
  openai: { id: 'openai', name: 'OpenAI', hosts: ['api.openai.com'], envVars: ['OPENAI_API_KEY'], hosted: true },
  'azure-openai': {
    id: 'azure-openai',
    name: 'Azure OpenAI',
    hosts: ['openai.azure.com', 'cognitiveservices.azure.com', 'services.ai.azure.com'],
    envVars: ['AZURE_OPENAI_API_KEY'],
    hosted: true,
  },
  anthropic: { id: 'anthropic', name: 'Anthropic', hosts: ['api.anthropic.com'], envVars: ['ANTHROPIC_API_KEY'], hosted: true },
  'google-gemini': {
    id: 'google-gemini',
    name: 'Google Gemini API',
    hosts: ['generativelanguage.googleapis.com'],
    envVars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    hosted: true,
  },
  'google-vertex-ai': {
    id: 'google-vertex-ai',
    name: 'Google Vertex AI',
    hosts: ['aiplatform.googleapis.com'],
    envVars: ['GOOGLE_APPLICATION_CREDENTIALS'],
    hosted: true,
  },
  'aws-bedrock': {
    id: 'aws-bedrock',
    name: 'AWS Bedrock',
    hosts: ['bedrock-runtime.amazonaws.com', 'bedrock.amazonaws.com', 'bedrock-agent-runtime.amazonaws.com'],
    envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    hosted: true,
  },
  'aws-sagemaker': {
    id: 'aws-sagemaker',
    name: 'AWS SageMaker',
    // regional hosts only (runtime.sagemaker.<region>.amazonaws.com): matched by pattern in the shadow catalogue
    hosts: [],
    envVars: [],
    hosted: true,
  },
  mistral: { id: 'mistral', name: 'Mistral AI', hosts: ['api.mistral.ai'], envVars: ['MISTRAL_API_KEY'], hosted: true },
  cohere: { id: 'cohere', name: 'Cohere', hosts: ['api.cohere.com', 'api.cohere.ai'], envVars: ['CO_API_KEY', 'COHERE_API_KEY'], hosted: true },
  groq: { id: 'groq', name: 'Groq', hosts: ['api.groq.com'], envVars: ['GROQ_API_KEY'], hosted: true },
  huggingface: {
    id: 'huggingface',
    name: 'Hugging Face',
    hosts: ['huggingface.co', 'api-inference.huggingface.co', 'router.huggingface.co', 'hf.co'],
    envVars: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HUGGINGFACEHUB_API_TOKEN'],
    hosted: true,
  },
  ollama: { id: 'ollama', name: 'Ollama', hosts: [], envVars: ['OLLAMA_HOST'], hosted: false },
  litellm: { id: 'litellm', name: 'LiteLLM', hosts: [], envVars: ['LITELLM_API_KEY'], hosted: false },
  openrouter: { id: 'openrouter', name: 'OpenRouter', hosts: ['openrouter.ai'], envVars: ['OPENROUTER_API_KEY'], hosted: true },
  'together-ai': { id: 'together-ai', name: 'Together AI', hosts: ['api.together.xyz', 'api.together.ai'], envVars: ['TOGETHER_API_KEY'], hosted: true },
  deepseek: { id: 'deepseek', name: 'DeepSeek', hosts: ['api.deepseek.com'], envVars: ['DEEPSEEK_API_KEY'], hosted: true },
  xai: { id: 'xai', name: 'xAI', hosts: ['api.x.ai'], envVars: ['XAI_API_KEY'], hosted: true },
  perplexity: { id: 'perplexity', name: 'Perplexity', hosts: ['api.perplexity.ai'], envVars: ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'], hosted: true },
  'github-copilot': {
    id: 'github-copilot',
    name: 'GitHub Copilot',
    hosts: ['githubcopilot.com', 'copilot-proxy.githubusercontent.com'],
    envVars: [],
    hosted: true,
  },
  replicate: { id: 'replicate', name: 'Replicate', hosts: ['api.replicate.com'], envVars: ['REPLICATE_API_TOKEN'], hosted: true },
  voyage: { id: 'voyage', name: 'Voyage AI', hosts: ['api.voyageai.com'], envVars: ['VOYAGE_API_KEY'], hosted: true },
  pinecone: { id: 'pinecone', name: 'Pinecone', hosts: ['pinecone.io'], envVars: ['PINECONE_API_KEY'], hosted: true },
};

/** Model id families: the first matching rule names the provider. Anchored, linear-time patterns only. */
export const MODEL_ID_RULES: Array<{ re: RegExp; provider: string; task?: 'embedding' | 'image' | 'audio' | 'chat' }> = [
  { re: /^text-embedding-(?:3-small|3-large|ada-002)$/, provider: 'openai', task: 'embedding' },
  { re: /^(?:gpt-(?:3\.5|4|4o|4\.1|4\.5|5|oss)[\w.:-]*|chatgpt-4o-latest|o[1-9](?:-(?:mini|preview|pro))?(?:-\d{4}-\d{2}-\d{2})?|text-davinci-\d{3}|davinci-\d{3}|babbage-\d{3}|codex-mini[\w.-]*|computer-use-preview[\w.-]*)$/, provider: 'openai', task: 'chat' },
  { re: /^(?:dall-e-[23]|gpt-image-1[\w.-]*)$/, provider: 'openai', task: 'image' },
  { re: /^(?:whisper-1|tts-1(?:-hd)?|gpt-4o(?:-mini)?-(?:transcribe|tts)[\w.-]*)$/, provider: 'openai', task: 'audio' },
  { re: /^text-moderation-[\w.-]+$|^omni-moderation-[\w.-]+$/, provider: 'openai' },
  { re: /^claude-[\w.@-]+$/, provider: 'anthropic', task: 'chat' },
  { re: /^(?:models\/)?(?:gemini|gemma)-[\w.-]+$/, provider: 'google-gemini', task: 'chat' },
  { re: /^(?:models\/)?(?:text-embedding-0\d{2}|text-multilingual-embedding-\d{3}|embedding-001|gemini-embedding-[\w.-]+)$/, provider: 'google-gemini', task: 'embedding' },
  { re: /^(?:text-bison|chat-bison|code-bison|textembedding-gecko)[\w@.-]*$/, provider: 'google-vertex-ai' },
  // Bedrock ids: vendor.model-version[:n], optionally with a region prefix (us./eu./apac./global.)
  { re: /^(?:(?:us|eu|apac|global)\.)?(?:anthropic|amazon|meta|cohere|ai21|mistral|stability|deepseek|writer|qwen|openai)\.[\w.-]+(?::\d+)?$/, provider: 'aws-bedrock' },
  { re: /^(?:mistral|open-mistral|open-mixtral|codestral|pixtral|ministral|magistral|devstral)-[\w.-]+$|^mistral-embed$/, provider: 'mistral' },
  { re: /^(?:command(?:-[\w.-]+)?|embed-(?:english|multilingual)-[\w.-]+|rerank-[\w.-]+|c4ai-aya-[\w.-]+)$/, provider: 'cohere' },
  { re: /^(?:grok-[\w.-]+)$/, provider: 'xai' },
  { re: /^(?:deepseek-(?:chat|reasoner|coder)[\w.-]*)$/, provider: 'deepseek' },
  { re: /^(?:sonar(?:-[\w.-]+)?)$/, provider: 'perplexity' },
  { re: /^voyage-[\w.-]+$/, provider: 'voyage' },
];

/** Open-weight families as Ollama / vLLM / LiteLLM name them (`llama3.1:8b`, `qwen2.5-coder`). */
const OPEN_FAMILY = /^(?:llama|codellama|mistral|mixtral|qwen|qwq|gemma|phi|deepseek|nomic-embed-text|mxbai-embed|all-minilm|bge|e5|starcoder|falcon|vicuna|orca|tinyllama|smollm|granite|olmo|yi|command-r|llava|dolphin|wizardlm|nous-hermes|zephyr|stablelm|snowflake-arctic-embed)[\w.-]*(?::[\w.-]+)?$/i;

/** A Hugging Face repo id: `org/name`, with the characters the Hub allows. */
const HF_REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

/** Sentence-transformers short names that resolve to `sentence-transformers/<name>` on the Hub. */
const SENTENCE_TRANSFORMERS = /^(?:all-(?:MiniLM|mpnet|distilroberta)-[\w-]+|paraphrase-[\w-]+|multi-qa-[\w-]+|msmarco-[\w-]+)$/;

export interface ModelIdMatch {
  provider?: string;
  task?: string;
  /** A canonical spelling (a LiteLLM-style `provider/model` prefix removed). */
  id: string;
}

const LITELLM_PREFIXES: Record<string, string> = {
  openai: 'openai',
  azure: 'azure-openai',
  anthropic: 'anthropic',
  gemini: 'google-gemini',
  vertex_ai: 'google-vertex-ai',
  bedrock: 'aws-bedrock',
  mistral: 'mistral',
  cohere: 'cohere',
  groq: 'groq',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  huggingface: 'huggingface',
  openrouter: 'openrouter',
  together_ai: 'together-ai',
  deepseek: 'deepseek',
  xai: 'xai',
  perplexity: 'perplexity',
};

/**
 * Recognises a string as a model id. `hint` is the provider implied by the call site (the SDK the
 * string is passed to); with a hint, any plausible identifier is accepted because the position makes
 * it a model id, without one only known families and Hub ids are.
 */
export function recogniseModelId(raw: string, hint?: string): ModelIdMatch | undefined {
  const s = raw.trim();
  if (s.length < 2 || s.length > 128 || /\s/.test(s)) return undefined;
  if (isPlaceholder(s)) return undefined;
  // LiteLLM / OpenRouter style prefix: `anthropic/claude-3-5-sonnet`, `ollama/llama3`
  const slash = s.indexOf('/');
  if (slash > 0) {
    const prefix = s.slice(0, slash);
    const rest = s.slice(slash + 1);
    const prov = LITELLM_PREFIXES[prefix];
    if (prov && rest && !rest.includes(' ')) {
      const inner = recogniseModelId(rest, prov);
      return { provider: prov, task: inner?.task, id: rest };
    }
  }
  for (const rule of MODEL_ID_RULES) {
    if (rule.re.test(s)) {
      // Bedrock-style ids used through another SDK keep the call-site provider
      const provider = rule.provider === 'aws-bedrock' || !hint ? rule.provider : hint === 'azure-openai' && rule.provider === 'openai' ? hint : rule.provider;
      return { provider, task: rule.task, id: s };
    }
  }
  if (SENTENCE_TRANSFORMERS.test(s)) return { provider: 'huggingface', task: 'embedding', id: `sentence-transformers/${s}` };
  if (OPEN_FAMILY.test(s)) return { provider: hint ?? 'ollama', task: /embed|minilm|bge|e5/i.test(s) ? 'embedding' : undefined, id: s };
  if (HF_REPO_ID.test(s)) return { provider: hint === 'openrouter' ? 'openrouter' : hint ?? 'huggingface', id: s };
  if (hint && /^[A-Za-z0-9][\w.:@-]{1,80}$/.test(s) && /[a-z]/i.test(s)) return { provider: hint, id: s };
  return undefined;
}

const PLACEHOLDER = /^(?:your[-_]|<|\{|\$|xxx|todo|changeme|model[-_]?name|my[-_]model$|example|test$|none$|null$|undefined$|string$|str$|default$)/i;
export function isPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(s);
}

export function providerName(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return PROVIDERS[id]?.name ?? id;
}

/** Env var name -> provider, for resolving keys defined in .env files to the service they unlock. */
export const ENV_VAR_PROVIDER: Record<string, string> = Object.fromEntries(
  Object.values(PROVIDERS).flatMap((p) => p.envVars.map((v) => [v, p.id] as const)),
);
