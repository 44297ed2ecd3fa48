// The catalogue of AI services as seen on the wire: which destination hosts mean which AI provider and
// what kind of use (a person in a chat UI, an application calling an API, a coding assistant). Data only,
// written from the shared reference `ai-services.md` (v2fly domain-list-community categories plus provider
// docs); matching at the bottom walks a host's labels against a precomputed suffix map.

import { PROVIDERS } from '../model/providers.js';

/**
 * How a service is used:
 * - `chat`: a person in a chat or assistant web UI (and its static / upload hosts);
 * - `api`: an application calling a model API;
 * - `coding`: a coding assistant or AI IDE;
 * - `media`: image, video or voice generation;
 * - `web`: the provider's own site, console or docs (not necessarily model use);
 * - `infra`: AI infrastructure SaaS that receives AI data (vector DBs, tracing, speech APIs).
 */
export type ServiceCategory = 'chat' | 'api' | 'coding' | 'media' | 'web' | 'infra';

/** Categories that scanned code or IaC can explain: an app that calls the API declares that traffic. */
export const DECLARABLE_CATEGORIES: ReadonlySet<ServiceCategory> = new Set(['api', 'infra']);

export interface AiServiceDef {
  /** Provider id: the one in model/providers.ts when the provider exists there. */
  id: string;
  name: string;
  /** Domain suffixes per category: each entry matches the domain itself and every subdomain. */
  domains: Partial<Record<ServiceCategory, string[]>>;
}

/** Hosts only recognisable by shape (region or resource names inside them), indexed by their fixed suffix. */
export interface HostPattern {
  service: string;
  category: ServiceCategory;
  /** The registrable suffix the host must end with; the pattern is only tried under it. */
  suffix: string;
  /** Anchored, linear-time test of the whole host. */
  re: RegExp;
}

const s = (id: string, name: string, domains: AiServiceDef['domains']): AiServiceDef => ({ id, name: PROVIDERS[id]?.name ?? name, domains });

export const AI_SERVICES: AiServiceDef[] = [
  s('openai', 'OpenAI', {
    chat: ['chatgpt.com', 'chat.openai.com', 'chat.com', 'sora.com', 'oaistatic.com', 'oaiusercontent.com', 'oaistatsig.com', 'chatgpt.livekit.cloud'],
    api: ['api.openai.com'],
    web: ['openai.com', 'platform.openai.com'],
  }),
  s('anthropic', 'Anthropic', {
    chat: ['claude.ai', 'claude.com', 'clau.de', 'claudeusercontent.com', 'claudemcpclient.com', 'claudemcpcontent.com'],
    api: ['api.anthropic.com'],
    web: ['anthropic.com', 'console.anthropic.com'],
  }),
  s('google-gemini', 'Google Gemini', {
    chat: [
      'gemini.google.com', 'gemini.google', 'bard.google.com', 'aistudio.google.com', 'ai.studio', 'makersuite.google.com',
      'notebooklm.google.com', 'notebooklm.google', 'labs.google', 'opal.google',
    ],
    api: ['generativelanguage.googleapis.com', 'notebooklm.googleapis.com'],
    coding: ['jules.google.com', 'antigravity.google', 'cloudcode-pa.googleapis.com', 'cloudaicompanion.googleapis.com'],
    web: ['ai.google.dev'],
  }),
  s('google-vertex-ai', 'Google Vertex AI', { api: ['aiplatform.googleapis.com'] }),
  s('microsoft-copilot', 'Microsoft Copilot', { chat: ['copilot.microsoft.com', 'copilot.cloud.microsoft', 'copilot.com'] }),
  s('azure-openai', 'Azure OpenAI', {
    api: ['openai.azure.com', 'cognitiveservices.azure.com', 'services.ai.azure.com'],
    web: ['ai.azure.com'],
  }),
  s('github-copilot', 'GitHub Copilot', {
    coding: ['githubcopilot.com', 'copilot-proxy.githubusercontent.com', 'copilot-telemetry.githubusercontent.com'],
  }),
  s('aws-bedrock', 'AWS Bedrock', { chat: ['partyrock.aws'] }),
  s('meta-ai', 'Meta AI', { chat: ['meta.ai'], api: ['api.llama.com'] }),
  s('xai', 'xAI', { chat: ['grok.com', 'grok.x.com'], api: ['api.x.ai'], web: ['x.ai'] }),
  s('mistral', 'Mistral AI', { chat: ['chat.mistral.ai'], api: ['api.mistral.ai', 'codestral.mistral.ai'], web: ['mistral.ai', 'console.mistral.ai'] }),
  s('cohere', 'Cohere', { api: ['api.cohere.com', 'api.cohere.ai'], web: ['cohere.com', 'cohere.ai'] }),
  s('perplexity', 'Perplexity', { chat: ['perplexity.ai', 'perplexity.com', 'pplx.ai'], api: ['api.perplexity.ai'] }),
  s('deepseek', 'DeepSeek', { chat: ['chat.deepseek.com'], api: ['api.deepseek.com'], web: ['deepseek.com'] }),
  s('groq', 'Groq', { api: ['api.groq.com'], web: ['groq.com'] }),
  s('huggingface', 'Hugging Face', {
    api: ['huggingface.co', 'hf.co', 'router.huggingface.co', 'api-inference.huggingface.co'],
    chat: ['hf.space'],
  }),
  s('openrouter', 'OpenRouter', { api: ['openrouter.ai'] }),
  s('replicate', 'Replicate', { api: ['api.replicate.com', 'replicate.delivery'], web: ['replicate.com'] }),
  s('together-ai', 'Together AI', { api: ['api.together.xyz', 'api.together.ai'], web: ['together.ai'] }),
  s('fireworks-ai', 'Fireworks AI', { api: ['api.fireworks.ai'], web: ['fireworks.ai'] }),
  s('cerebras', 'Cerebras', { api: ['api.cerebras.ai'], web: ['cerebras.ai'] }),
  s('poe', 'Poe', { chat: ['poe.com', 'poecdn.net'] }),
  s('character-ai', 'Character.AI', { chat: ['character.ai'] }),
  s('moonshot', 'Moonshot AI (Kimi)', { chat: ['kimi.com', 'kimi.ai', 'moonshot.ai', 'moonshot.cn'], api: ['api.moonshot.ai', 'api.moonshot.cn'] }),
  s('alibaba-qwen', 'Alibaba Qwen', { chat: ['qwen.ai', 'tongyi.com', 'tongyi.aliyun.com', 'qianwen.com'], api: ['dashscope.aliyuncs.com'] }),
  s('zhipu', 'Zhipu AI (Z.ai)', { chat: ['chatglm.cn', 'z.ai', 'bigmodel.cn', 'zhipuai.cn'], api: ['open.bigmodel.cn'] }),
  s('baidu-ernie', 'Baidu ERNIE', { chat: ['yiyan.baidu.com'] }),
  s('bytedance-ai', 'ByteDance (Doubao, Coze)', { chat: ['doubao.com', 'coze.com'] }),
  s('minimax', 'MiniMax', { chat: ['minimax.io', 'minimaxi.com', 'hailuoai.com'] }),
  s('cursor', 'Cursor', { coding: ['cursor.com', 'cursor.sh', 'cursorapi.com'] }),
  s('windsurf', 'Windsurf (Codeium)', { coding: ['windsurf.com', 'codeium.com'] }),
  s('jetbrains-ai', 'JetBrains AI', { coding: ['jetbrains.ai', 'grazie.ai'] }),
  s('devin', 'Devin', { coding: ['devin.ai'] }),
  s('kiro', 'Kiro', { coding: ['kiro.dev'] }),
  s('coderabbit', 'CodeRabbit', { coding: ['coderabbit.ai'] }),
  s('midjourney', 'Midjourney', { media: ['midjourney.com'] }),
  s('elevenlabs', 'ElevenLabs', { media: ['elevenlabs.io', 'elevenlabs.com'], api: ['api.elevenlabs.io'] }),
  s('stability-ai', 'Stability AI', { api: ['api.stability.ai'] }),
  s('openart', 'OpenArt', { media: ['openart.ai'] }),
  s('novelai', 'NovelAI', { media: ['novelai.net'] }),
  s('manus', 'Manus', { chat: ['manus.im'] }),
  s('duck-ai', 'Duck.ai', { chat: ['duck.ai'] }),
  s('deepwiki', 'DeepWiki', { chat: ['deepwiki.com'] }),
  s('jasper', 'Jasper', { chat: ['jasper.ai'] }),
  s('sider', 'Sider', { chat: ['sider.ai'] }),
  s('dify', 'Dify', { chat: ['dify.ai'] }),
  s('openclaw', 'OpenClaw', { chat: ['openclaw.ai'] }),
  s('anythingllm', 'AnythingLLM', { chat: ['anythingllm.com'] }),
  s('lmstudio', 'LM Studio', { web: ['lmstudio.ai'] }),
  s('ollama', 'Ollama', { web: ['ollama.com'] }),
  s('cloudflare-ai-gateway', 'Cloudflare AI Gateway', { api: ['gateway.ai.cloudflare.com'] }),
  s('pinecone', 'Pinecone', { infra: ['pinecone.io'] }),
  s('langsmith', 'LangSmith', { infra: ['api.smith.langchain.com'] }),
  s('wandb', 'Weights & Biases', { infra: ['api.wandb.ai'] }),
  s('voyage', 'Voyage AI', { api: ['api.voyageai.com'] }),
  s('assemblyai', 'AssemblyAI', { infra: ['api.assemblyai.com'] }),
  s('deepgram', 'Deepgram', { infra: ['api.deepgram.com'] }),
];

/** Region- and resource-named hosts (`bedrock-runtime.us-east-1.amazonaws.com`, `europe-west4-aiplatform.googleapis.com`). */
export const HOST_PATTERNS: HostPattern[] = [
  { service: 'aws-bedrock', category: 'api', suffix: 'amazonaws.com', re: /^bedrock(?:-agent)?(?:-runtime)?(?:-fips)?(?:\.[a-z0-9-]+)?\.amazonaws\.com$/ },
  { service: 'aws-sagemaker', category: 'api', suffix: 'amazonaws.com', re: /^(?:runtime|api)\.sagemaker(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com$/ },
  { service: 'google-vertex-ai', category: 'api', suffix: 'googleapis.com', re: /^[a-z0-9-]+-aiplatform\.googleapis\.com$/ },
  { service: 'openai', category: 'chat', suffix: 'webpubsub.azure.com', re: /^chatgpt-async-webps-prod-[a-z0-9-]+\.webpubsub\.azure\.com$/ },
];

/** Names of services absent from PROVIDERS (new ids), for display. */
export const SERVICE_NAMES: Record<string, string> = {
  ...Object.fromEntries(AI_SERVICES.map((d) => [d.id, d.name])),
  'aws-sagemaker': 'AWS SageMaker',
};

export interface HostMatch {
  service: string;
  category: ServiceCategory;
  /** The catalogue entry that matched: a domain suffix, or the pattern's suffix. */
  matched: string;
}

interface SuffixEntry {
  match?: HostMatch;
  patterns?: HostPattern[];
}

function buildIndex(): Map<string, SuffixEntry> {
  const index = new Map<string, SuffixEntry>();
  for (const def of AI_SERVICES) {
    for (const [category, domains] of Object.entries(def.domains) as Array<[ServiceCategory, string[]]>) {
      for (const d of domains) {
        const entry = index.get(d) ?? {};
        if (entry.match) throw new Error(`ai-services catalogue: ${d} listed twice (${entry.match.service}, ${def.id})`);
        entry.match = { service: def.id, category, matched: d };
        index.set(d, entry);
      }
    }
  }
  for (const p of HOST_PATTERNS) {
    const entry = index.get(p.suffix) ?? {};
    (entry.patterns ??= []).push(p);
    index.set(p.suffix, entry);
  }
  return index;
}

const INDEX = buildIndex();

/**
 * The AI service a destination host belongs to, or undefined. Walks the host from the full name towards
 * its last label, so the most specific catalogue entry wins (`api.openai.com` before `openai.com`).
 * `host` must already be lower case without port or trailing dot (see host.ts).
 */
export function matchHost(host: string): HostMatch | undefined {
  let at = 0;
  while (at >= 0 && at < host.length) {
    const suffix = at === 0 ? host : host.slice(at);
    const entry = INDEX.get(suffix);
    if (entry) {
      if (entry.match) return entry.match;
      for (const p of entry.patterns ?? []) if (p.re.test(host)) return { service: p.service, category: p.category, matched: p.suffix };
    }
    const dot = host.indexOf('.', at);
    at = dot < 0 ? -1 : dot + 1;
  }
  return undefined;
}

export function serviceName(id: string): string {
  return SERVICE_NAMES[id] ?? PROVIDERS[id]?.name ?? id;
}
