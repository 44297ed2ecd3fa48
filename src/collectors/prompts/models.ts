// Model references written in prompt files: Dotprompt / Genkit `plugin/model`, Prompty configurations
// and promptfoo provider ids (`openai:gpt-4o-mini`, `anthropic:messages:claude-3-5-sonnet-20241022`).

import { recogniseModelId } from '../../model/index.js';
import { isRecord } from '../manifests/text.js';

export interface ModelRef {
  provider: string;
  id: string;
  task?: string;
}

/** Genkit plugin names (`googleai/gemini-1.5-flash`) and promptfoo provider prefixes, to provider ids. */
const PREFIX_PROVIDER: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  googleai: 'google-gemini',
  google: 'google-gemini',
  gemini: 'google-gemini',
  vertexai: 'google-vertex-ai',
  vertex: 'google-vertex-ai',
  azure: 'azure-openai',
  azureopenai: 'azure-openai',
  'azure-openai': 'azure-openai',
  bedrock: 'aws-bedrock',
  'aws-bedrock': 'aws-bedrock',
  mistral: 'mistral',
  cohere: 'cohere',
  groq: 'groq',
  ollama: 'ollama',
  huggingface: 'huggingface',
  hf: 'huggingface',
  openrouter: 'openrouter',
  togetherai: 'together-ai',
  deepseek: 'deepseek',
  xai: 'xai',
  perplexity: 'perplexity',
  replicate: 'replicate',
  voyage: 'voyage',
};

/** promptfoo's API-flavour segment between provider and model (`openai:chat:gpt-4o`). */
const FLAVOURS = new Set(['chat', 'completion', 'messages', 'embedding', 'embeddings', 'responses', 'assistant', 'text-generation', 'feature-extraction', 'sentence-similarity', 'realtime', 'image']);

function recognised(id: string, provider: string | undefined): ModelRef | undefined {
  const m = recogniseModelId(id, provider);
  const p = m?.provider ?? provider;
  return m && p ? { provider: p, id: m.id, ...(m.task ? { task: m.task } : {}) } : undefined;
}

/** A model named in front matter: `gpt-4o`, `openai/gpt-4o`, `googleai/gemini-1.5-flash`. */
export function modelFromName(name: string): ModelRef | undefined {
  const slash = name.indexOf('/');
  const provider = slash > 0 ? PREFIX_PROVIDER[name.slice(0, slash).toLowerCase()] : undefined;
  return provider ? recognised(name.slice(slash + 1), provider) : recognised(name, undefined);
}

/** A promptfoo provider id: `provider[:flavour]:model`. Non-model providers (http, python, exec) give none. */
export function modelFromPromptfoo(id: string): ModelRef | undefined {
  const parts = id.split(':');
  const provider = PREFIX_PROVIDER[parts[0]!.toLowerCase()];
  if (!provider || parts.length < 2) return undefined;
  const rest = FLAVOURS.has(parts[1]!.toLowerCase()) ? parts.slice(2) : parts.slice(1);
  return rest.length && rest.join(':') ? recognised(rest.join(':'), provider) : undefined;
}

const PROMPTY_TYPES: Record<string, string> = { azure_openai: 'azure-openai', azure: 'azure-openai', openai: 'openai', azure_serverless: 'azure-openai' };

/** Prompty `model: { api, configuration: { type, azure_deployment | name }, parameters }`. */
export function modelFromPrompty(model: unknown): { ref?: ModelRef; name?: string; parameters?: Record<string, unknown> } {
  if (typeof model === 'string') return { ref: modelFromName(model), name: model };
  if (!isRecord(model)) return {};
  const conf = isRecord(model.configuration) ? model.configuration : {};
  const name = [conf.azure_deployment, conf.name, conf.model, model.name].find((v): v is string => typeof v === 'string');
  const provider = typeof conf.type === 'string' ? PROMPTY_TYPES[conf.type.toLowerCase()] : undefined;
  const parameters = isRecord(model.parameters) ? model.parameters : undefined;
  if (!name) return { parameters };
  return { ref: provider ? recognised(name, provider) : modelFromName(name), name, parameters };
}
