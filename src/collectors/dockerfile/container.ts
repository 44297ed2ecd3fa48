// What a container's configuration says about AI, whoever wrote it (Kubernetes pod spec, compose service,
// Dockerfile ENV/CMD): the image and the product it runs, environment variables (values masked), the
// credentials it is handed, the hosted AI services it is configured for and the models its arguments or
// environment name. Shared by the container collectors so that the same facts get the same keys.

import { ENV_VAR_PROVIDER, PROVIDERS, recogniseModelId } from '../../model/index.js';
import { isPlaceholderValue, isSecretName, maskIfSecret, maskSecrets, maskValue } from '../../util/mask.js';
import { classifyImage, parseImageRef, type AiImage, type ImageRef } from './images.js';
import { flagValues, serverFacts, type ServerFacts } from './server-auth.js';

export interface EnvEntry {
  name: string;
  /** A literal value as written. */
  value?: string;
  /** Where the value comes from when it is not literal (`secretKeyRef:<ns>/<name>#<key>`, `compose-secret:db`). */
  from?: string;
  /** True when `from` names a secret store (Kubernetes Secret, compose secret, CI secret). */
  fromSecret?: boolean;
  line?: number;
}

export interface ContainerConfig {
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvEntry[];
  line?: number;
}

export interface SecretUse {
  envVar: string;
  provider?: string;
  /** The literal value, only to be masked. */
  literal?: string;
  source?: string;
  line?: number;
}

export interface ServiceUse {
  provider: string;
  endpoint?: string;
  line?: number;
  via: string;
}

export interface ModelUse {
  provider: string;
  id: string;
  task?: string;
  via: string;
  line?: number;
  /** The hub revision the server is told to load (`--revision`, `REVISION`). */
  revision?: string;
}

export interface ContainerAnalysis {
  ref?: ImageRef;
  ai?: AiImage;
  env: Record<string, string>;
  secrets: SecretUse[];
  services: ServiceUse[];
  models: ModelUse[];
  /** Local model paths named by arguments (`-m /models/llama.gguf`). */
  modelPaths: string[];
  /** Remote model locations named by arguments or env (`--model-repository=s3://...`, `STORAGE_URI`). */
  modelUris: Array<{ uri: string; via: string; line?: number }>;
  /** What the server's own settings say about authentication and where it listens. */
  server: ServerFacts;
}

// Flags whose next value names a model (vLLM, TGI, llama.cpp, KServe runtimes, HF training scripts).
const MODEL_FLAGS = new Set(['--model-repository', '--model-store', '--model_repository', '--default-artifact-root', '--artifacts-destination', '--model', '--model-id', '--model_id', '--hf-repo', '--model_name_or_path', '--model-name-or-path', '--base-model', '--base_model', '-m', '--pretrained_model_name_or_path']);
// Sub-commands whose next positional argument is a model (`vllm serve X`, `ollama run X`).
const MODEL_SUBCOMMANDS: Record<string, Set<string>> = {
  vllm: new Set(['serve']),
  ollama: new Set(['run', 'pull']),
  'text-generation-launcher': new Set(),
};
// Env names whose value is a model id: MODEL, MODEL_ID, LLM_MODEL, OPENAI_MODEL, EMBEDDING_MODEL_NAME...
const MODEL_ENV = /(?:^|_)MODEL(?:_ID|_NAME|_REPO)?$/;

// Env-name prefixes that tie a variable to a provider (longest first); generic cloud credentials
// (AWS_*, GOOGLE_APPLICATION_CREDENTIALS) do not mean an AI service on their own.
const ENV_PREFIX_PROVIDER: Array<[string, string]> = [
  ['AZURE_OPENAI_', 'azure-openai'],
  ['OPENAI_', 'openai'],
  ['ANTHROPIC_', 'anthropic'],
  ['GEMINI_', 'google-gemini'],
  ['VERTEX_', 'google-vertex-ai'],
  ['BEDROCK_', 'aws-bedrock'],
  ['MISTRAL_', 'mistral'],
  ['COHERE_', 'cohere'],
  ['GROQ_', 'groq'],
  ['HUGGING_FACE_', 'huggingface'],
  ['HUGGINGFACE', 'huggingface'],
  ['HF_', 'huggingface'],
  ['OLLAMA_', 'ollama'],
  ['LITELLM_', 'litellm'],
  ['OPENROUTER_', 'openrouter'],
  ['TOGETHER_', 'together-ai'],
  ['DEEPSEEK_', 'deepseek'],
  ['XAI_', 'xai'],
  ['PERPLEXITY_', 'perplexity'],
  ['REPLICATE_', 'replicate'],
  ['VOYAGE_', 'voyage'],
  ['PINECONE_', 'pinecone'],
];
const GENERIC_CLOUD = new Set(['aws-bedrock', 'google-vertex-ai']);

/** The provider an env var name belongs to, for hosted-service links (not generic cloud credentials). */
export function providerOfEnvName(name: string): string | undefined {
  const upper = name.toUpperCase();
  const direct = ENV_VAR_PROVIDER[upper];
  if (direct && !GENERIC_CLOUD.has(direct)) return direct;
  return ENV_PREFIX_PROVIDER.find(([p]) => upper.startsWith(p))?.[1];
}

/** The hosted provider a URL points at, by the hosts in model/providers.ts. */
export function providerOfUrl(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#@\s]+)/i.exec(value.trim());
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  for (const p of Object.values(PROVIDERS)) if (p.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return p.id;
  return undefined;
}

/** The env value as it may be shown: secrets masked, references kept readable. */
export function maskEnvValue(e: EnvEntry): string {
  if (e.from) return e.from;
  const v = e.value ?? '';
  return maskSecrets(maskIfSecret(e.name, v));
}

/** Whether an env var carries a credential: a secret-like or provider key name, or a secret-store source. */
export function isCredentialEnv(e: EnvEntry): boolean {
  return !!e.fromSecret || isSecretName(e.name) || (!!ENV_VAR_PROVIDER[e.name] && !/_(?:HOST|URL|ENDPOINT|REGION)$/.test(e.name));
}

/** True when a literal is a real value rather than a placeholder or an interpolation (`${X}`, `$(X)`). */
export function isLiteralSecret(value: string | undefined): value is string {
  return !!value && !isPlaceholderValue(value) && !/^\$[({]?[\w.-]+[)}]?$/.test(value.trim()) && !/\$\{\{[^}]*\}\}/.test(value);
}

/** Reads the facts of one container configuration. */
export function analyseContainer(c: ContainerConfig): ContainerAnalysis {
  const ref = c.image ? parseImageRef(c.image) : undefined;
  const ai = ref ? classifyImage(ref) : undefined;
  const env: Record<string, string> = {};
  const secrets: SecretUse[] = [];
  const services: ServiceUse[] = [];
  const models: ModelUse[] = [];
  const modelPaths: string[] = [];
  const modelUris: ContainerAnalysis['modelUris'] = [];
  const hint = ai?.modelHint;

  for (const e of c.env ?? []) {
    env[e.name] = maskEnvValue(e);
    if (isCredentialEnv(e)) {
      secrets.push({ envVar: e.name, provider: ENV_VAR_PROVIDER[e.name], ...(isLiteralSecret(e.value) && !e.from ? { literal: e.value } : {}), ...(e.from ? { source: e.from } : {}), line: e.line });
    }
    const provider = providerOfEnvName(e.name) ?? (e.value ? providerOfUrl(e.value) : undefined);
    // a local server's own settings (OLLAMA_HOST on the Ollama image) are not calls to that service
    if (provider && PROVIDERS[provider] && !(provider === ai?.provider && !PROVIDERS[provider]!.hosted)) {
      const endpoint = e.value && /^https?:\/\//i.test(e.value) ? maskSecrets(e.value) : undefined;
      services.push({ provider, ...(endpoint ? { endpoint } : {}), line: e.line, via: `env:${e.name}` });
    }
    if (e.value && /^(?:STORAGE_URI|MODEL_(?:URI|REPOSITORY|STORE))$/i.test(e.name) && storageOfUri(e.value)) modelUris.push({ uri: e.value, via: `env:${e.name}`, line: e.line });
    if (e.value && MODEL_ENV.test(e.name.toUpperCase())) {
      const m = recogniseModelId(e.value, providerOfEnvName(e.name) ?? hint);
      if (m?.provider) models.push({ provider: m.provider, id: m.id, task: m.task, via: `env:${e.name}`, line: e.line });
    }
  }

  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  // a shell wrapper (`sh -c "vllm serve ..."`) carries the real command line in one argument
  const words = argv.flatMap((a) => (/\s/.test(a) ? splitWords(a) : [a]));
  const revision = flagValues(words).get('--revision') || (c.env ?? []).find((e) => /^(?:REVISION|HF_REVISION|MODEL_REVISION)$/.test(e.name) && e.value)?.value;
  for (const { value, via } of modelArguments(argv)) {
    if (storageOfUri(value)) {
      modelUris.push({ uri: value, via, line: c.line });
      continue;
    }
    if (value.startsWith('/') || value.startsWith('./') || /\.(?:gguf|bin|safetensors|onnx|pt|pth)$/i.test(value)) {
      modelPaths.push(value);
      continue;
    }
    const m = recogniseModelId(value, hint ?? 'huggingface');
    if (m?.provider) models.push({ provider: m.provider, id: m.id, task: m.task, via, line: c.line });
  }
  // the revision pins the Hub models the server loads (not hosted-provider model names)
  if (revision) for (const m of models) if (m.provider === 'huggingface') m.revision = revision;
  return { ref, ai, env, secrets, services, models, modelPaths, modelUris, server: serverFacts(ai, words, c.env ?? []) };
}

/** Hub models named without a commit-hash revision (a branch or tag can be moved). */
export function unpinnedModels(a: Pick<ContainerAnalysis, 'models'>): string[] {
  return a.models.filter((m) => m.provider === 'huggingface' && !/^[0-9a-f]{40}$/.test(m.revision ?? '')).map((m) => m.id);
}

/** Values that arguments name as models: `--model X`, `--model=X`, `vllm serve X`, `ollama pull X`. */
export function modelArguments(argv: string[]): Array<{ value: string; via: string }> {
  const out: Array<{ value: string; via: string }> = [];
  // A shell wrapper (`sh -c "vllm serve ..."`) carries the real command line in one argument.
  const tokens = argv.flatMap((a) => (/\s/.test(a) ? splitWords(a) : [a]));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const eq = t.indexOf('=');
    const flag = eq > 0 ? t.slice(0, eq) : t;
    // `python -m module` names a module, not a model
    if (MODEL_FLAGS.has(flag) && !(flag === '-m' && /python[\d.]*$/.test(tokens[i - 1] ?? ''))) {
      const value = eq > 0 ? t.slice(eq + 1) : tokens[i + 1];
      if (value && !value.startsWith('-')) out.push({ value: unquote(value), via: `arg:${flag}` });
      continue;
    }
    const base = t.split('/').pop()!;
    const subs = MODEL_SUBCOMMANDS[base];
    const next = tokens[i + 1];
    if (subs?.has(next ?? '') && tokens[i + 2] && !tokens[i + 2]!.startsWith('-')) out.push({ value: unquote(tokens[i + 2]!), via: `arg:${base} ${next}` });
  }
  return out;
}

/**
 * A command line as it may be shown: `--api-key X` and `--token=X` values masked, key shapes masked
 * anywhere, references (`$(TOKEN)`, `${TOKEN}`) kept.
 */
export function maskArgv(argv: string[]): string[] {
  return argv.map((a, i) => {
    const prev = argv[i - 1];
    if (prev && /^--?[\w-]+$/.test(prev) && isSecretName(prev) && isLiteralSecret(a)) return maskValue(a);
    const eq = a.indexOf('=');
    if (a.startsWith('-') && eq > 0 && isSecretName(a.slice(0, eq)) && isLiteralSecret(a.slice(eq + 1))) return `${a.slice(0, eq + 1)}${maskValue(a.slice(eq + 1))}`;
    return maskSecrets(a).slice(0, 200);
  });
}

/** Whitespace split honouring simple quotes; enough to find flags in a command line. */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let word = '';
  let quote = '';
  let started = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (started) out.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (started) out.push(word);
  return out;
}

function unquote(s: string): string {
  return s.replace(/^["']|["']$/g, '');
}

/** Storage keys as the code collectors spell them: `s3://bucket`, `gs://bucket`, `abfss://container@account`. */
export function storageOfUri(uri: string): { key: string; scheme: string; bucket?: string; account?: string } | undefined {
  const s3 = /^(s3a?|gs):\/\/([^/\s]+)/i.exec(uri);
  if (s3) {
    const scheme = s3[1]!.toLowerCase() === 'gs' ? 'gs' : 's3';
    return { key: `${scheme}://${s3[2]}`, scheme, bucket: s3[2]! };
  }
  const blob = /^https:\/\/([a-z0-9]+)\.blob\.core\.windows\.net\/([^/\s]+)/i.exec(uri) ?? /^abfss?:\/\/([^@/\s]+)@([a-z0-9]+)\.dfs\.core\.windows\.net/i.exec(uri);
  if (blob) {
    const [account, container] = uri.startsWith('http') ? [blob[1]!, blob[2]!] : [blob[2]!, blob[1]!];
    return { key: `abfss://${container}@${account}`, scheme: 'abfss', bucket: container, account };
  }
  return undefined;
}
