// Where an OpenAI-compatible client really goes: the provider behind a base URL (or the name of the env
// var that holds it), so `new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' })` is OpenRouter.

import { PROVIDERS } from '../../model/providers.js';

/** Self-hosted gateways and providers recognised by a word in the URL or env var name (no fixed host). */
const URL_PROVIDERS: Array<[RegExp, string]> = [
  [/openrouter/i, 'openrouter'],
  [/\.openai\.azure\.com|azure/i, 'azure-openai'],
  [/:11434\b|ollama/i, 'ollama'],
  [/litellm|:4000\b/i, 'litellm'],
  [/groq/i, 'groq'],
  [/together/i, 'together-ai'],
  [/deepseek/i, 'deepseek'],
  [/api\.x\.ai|\bXAI\b/i, 'xai'],
  [/perplexity/i, 'perplexity'],
  [/mistral/i, 'mistral'],
];

/** The provider a base URL or env var name points at; undefined when it says nothing. */
export function providerOfUrl(s: string): string | undefined {
  if (!s) return undefined;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(s)?.[1]?.toLowerCase();
  if (host) for (const p of Object.values(PROVIDERS)) if (p.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return p.id;
  return URL_PROVIDERS.find(([re]) => re.test(s))?.[1];
}
