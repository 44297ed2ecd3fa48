// The model ids the generator plants, grouped by the SDK they are passed to. `id` is the canonical form a
// correct inventory reports; `written` (when present) is how the code spells it.

export interface PoolModel {
  id: string;
  provider: string;
  written?: string;
}

const m = (id: string, provider: string, written?: string): PoolModel => (written ? { id, provider, written } : { id, provider });

export const POOL = {
  openaiChat: [m('gpt-4o', 'openai'), m('gpt-4o-mini', 'openai'), m('gpt-4.1', 'openai'), m('gpt-4.1-mini', 'openai'), m('o3-mini', 'openai'), m('gpt-4o-2024-08-06', 'openai'), m('gpt-3.5-turbo', 'openai'), m('o1', 'openai')],
  openaiEmbed: [m('text-embedding-3-small', 'openai'), m('text-embedding-3-large', 'openai'), m('text-embedding-ada-002', 'openai')],
  openaiOther: [m('whisper-1', 'openai'), m('dall-e-3', 'openai'), m('tts-1', 'openai')],
  anthropic: [
    m('claude-3-5-sonnet-20241022', 'anthropic'),
    m('claude-3-5-haiku-20241022', 'anthropic'),
    m('claude-3-7-sonnet-20250219', 'anthropic'),
    m('claude-sonnet-4-20250514', 'anthropic'),
    m('claude-opus-4-20250514', 'anthropic'),
    m('claude-3-haiku-20240307', 'anthropic'),
  ],
  gemini: [m('gemini-1.5-pro', 'google-gemini'), m('gemini-2.0-flash', 'google-gemini'), m('gemini-2.5-pro', 'google-gemini')],
  mistral: [m('mistral-large-latest', 'mistral'), m('open-mixtral-8x7b', 'mistral')],
  bedrock: [m('anthropic.claude-3-sonnet-20240229-v1:0', 'aws-bedrock'), m('amazon.titan-embed-text-v2:0', 'aws-bedrock'), m('meta.llama3-70b-instruct-v1:0', 'aws-bedrock')],
  huggingface: [
    m('meta-llama/Llama-3.1-8B-Instruct', 'huggingface'),
    m('mistralai/Mistral-7B-Instruct-v0.3', 'huggingface'),
    m('BAAI/bge-small-en-v1.5', 'huggingface'),
    m('google/flan-t5-base', 'huggingface'),
    m('distilbert/distilbert-base-uncased-finetuned-sst-2-english', 'huggingface'),
    m('Qwen/Qwen2.5-7B-Instruct', 'huggingface'),
    m('microsoft/phi-2', 'huggingface'),
  ],
  sentenceTransformers: [m('sentence-transformers/all-MiniLM-L6-v2', 'huggingface', 'all-MiniLM-L6-v2'), m('sentence-transformers/all-mpnet-base-v2', 'huggingface', 'all-mpnet-base-v2')],
  ollama: [m('llama3.1:8b', 'ollama'), m('qwen2.5-coder:7b', 'ollama'), m('nomic-embed-text', 'ollama'), m('mistral:7b', 'ollama')],
  litellm: [
    m('claude-3-5-haiku-20241022', 'anthropic', 'anthropic/claude-3-5-haiku-20241022'),
    m('gpt-4o-mini', 'openai', 'openai/gpt-4o-mini'),
    m('gemini-2.0-flash', 'google-gemini', 'gemini/gemini-2.0-flash'),
  ],
  groq: [m('llama-3.3-70b-versatile', 'groq')],
  deepseek: [m('deepseek-chat', 'deepseek')],
  xai: [m('grok-2-latest', 'xai')],
  cohere: [m('command-r-plus', 'cohere'), m('embed-english-v3.0', 'cohere')],
} as const satisfies Record<string, readonly PoolModel[]>;

export type PoolName = keyof typeof POOL;

/** How a pooled model is spelled in code. */
export function written(p: PoolModel): string {
  return p.written ?? p.id;
}
