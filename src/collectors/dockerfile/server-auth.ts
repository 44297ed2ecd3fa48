// What a self-hosted AI server's own configuration says about access: whether it asks for credentials
// (vLLM `--api-key`, Qdrant's API key, MLflow's basic-auth app, LiteLLM's master key), whether that was
// switched off on purpose (Jupyter with an empty token), and whether it listens on every interface.
// Read from the container's arguments and environment only; what sits in front of it (an ingress with
// authentication) is the graph's to say. Unknown stays unknown: a product this table does not know, or
// one whose settings live in a file we do not see, gets no `serverAuth` at all.

import type { AttrValue } from '../../model/index.js';
import type { EnvEntry } from './container.js';
import type { AiImage } from './images.js';

export type ServerAuth = 'configured' | 'none' | 'disabled';

export interface ServerFacts {
  /** configured: the server checks credentials; none: it cannot or was not told to; disabled: switched off explicitly. */
  auth?: ServerAuth;
  /** The argument or variable that decided it (`arg:--api-key`, `env:QDRANT__SERVICE__API_KEY`). */
  via?: string;
  /** The server binds every interface (`--host 0.0.0.0`, `OLLAMA_HOST=0.0.0.0`). */
  listensOnAllInterfaces?: boolean;
  /** Ray: the dashboard's bind address. */
  dashboardHost?: string;
  /** `none` only because no variable names a key: a variable file (envFrom, env_file) may still hold one. */
  fromMissingEnv?: boolean;
}

/** Command-line words as `flag -> value` (`--a b`, `--a=b`); a flag without a value maps to ''. */
export function flagValues(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    if (!t.startsWith('-')) continue;
    const eq = t.indexOf('=');
    if (eq > 0) out.set(t.slice(0, eq), unquote(t.slice(eq + 1)));
    else {
      const next = argv[i + 1];
      out.set(t, next !== undefined && !next.startsWith('-') ? unquote(next) : '');
    }
  }
  return out;
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '*']);

function envMap(env: EnvEntry[]): Map<string, EnvEntry> {
  return new Map(env.map((e) => [e.name, e]));
}

/** An env var that is set to something (a literal that is not empty, or a reference to a secret store). */
function isSet(e: EnvEntry | undefined): boolean {
  return !!e && (!!e.from || (e.value !== undefined && e.value.trim() !== '' && !/^(?:false|0|no)$/i.test(e.value.trim())));
}

function isTrue(e: EnvEntry | undefined): boolean {
  return !!e?.value && /^(?:true|1|yes|on)$/i.test(e.value.trim());
}

function firstSet(env: Map<string, EnvEntry>, names: string[]): string | undefined {
  return names.find((n) => isSet(env.get(n)));
}

function firstFlag(flags: Map<string, string>, names: string[], needValue = true): string | undefined {
  return names.find((n) => flags.has(n) && (!needValue || flags.get(n) !== ''));
}

type Reader = (flags: Map<string, string>, env: Map<string, EnvEntry>, argv: string[]) => ServerFacts;

/** Servers that check a key when given one (flag or env), and accept anything otherwise. */
function keyed(flagNames: string[], envNames: string[]): Reader {
  return (flags, env) => {
    const f = firstFlag(flags, flagNames);
    if (f) return { auth: 'configured', via: `arg:${f}` };
    const e = firstSet(env, envNames);
    if (e) return { auth: 'configured', via: `env:${e}` };
    return { auth: 'none', ...(envNames.length ? { fromMissingEnv: true } : {}) };
  };
}

/** Servers with no authentication of their own. */
const noAuth: Reader = () => ({ auth: 'none' });

// Jupyter: a random token is the default; an empty token and no password turns authentication off.
const jupyter: Reader = (flags, env) => {
  const tokenFlag = ['--ServerApp.token', '--NotebookApp.token', '--IdentityProvider.token'].find((f) => flags.has(f));
  const passwordFlag = ['--ServerApp.password', '--NotebookApp.password', '--PasswordIdentityProvider.hashed_password'].find((f) => flags.has(f) && flags.get(f) !== '');
  const tokenEnv = env.get('JUPYTER_TOKEN');
  const emptyToken = (tokenFlag !== undefined && flags.get(tokenFlag) === '') || (tokenEnv !== undefined && !tokenEnv.from && (tokenEnv.value ?? '').trim() === '');
  if (emptyToken && !passwordFlag) return { auth: 'disabled', via: tokenFlag ? `arg:${tokenFlag}` : 'env:JUPYTER_TOKEN' };
  return { auth: 'configured', via: passwordFlag ? `arg:${passwordFlag}` : tokenFlag ? `arg:${tokenFlag}` : 'default-token' };
};

// MLflow's tracking server has no authentication unless started with the basic-auth app.
const mlflow: Reader = (flags, _env, argv) => {
  if (!argv.some((a) => a === 'server' || a === 'ui')) return {};
  const app = flags.get('--app-name');
  return app ? { auth: 'configured', via: `arg:--app-name ${app}` } : { auth: 'none' };
};

// Ray: no authentication before token mode (RAY_AUTH_MODE=token); the dashboard binds where it is told.
const ray: Reader = (flags, env) => {
  const mode = env.get('RAY_AUTH_MODE');
  const facts: ServerFacts = mode?.value?.trim().toLowerCase() === 'token' ? { auth: 'configured', via: 'env:RAY_AUTH_MODE' } : { auth: 'none' };
  const host = flags.get('--dashboard-host');
  if (host) facts.dashboardHost = host;
  return facts;
};

// LiteLLM: the master key comes from the environment or from the config file, which is not seen here.
const litellm: Reader = (flags, env) => {
  const e = firstSet(env, ['LITELLM_MASTER_KEY']);
  if (e) return { auth: 'configured', via: `env:${e}` };
  if (flags.has('--config') || flags.has('-c') || isSet(env.get('CONFIG_FILE_PATH'))) return {};
  return { auth: 'none', fromMissingEnv: true };
};

// TorchServe enables token authorisation by default since 0.11.
const torchserve: Reader = (flags, env) =>
  flags.has('--disable-token-auth') || isTrue(env.get('TS_DISABLE_TOKEN_AUTHORIZATION')) ? { auth: 'disabled', via: flags.has('--disable-token-auth') ? 'arg:--disable-token-auth' : 'env:TS_DISABLE_TOKEN_AUTHORIZATION' } : { auth: 'configured', via: 'default-token' };

// Weaviate: API keys or OIDC, or anonymous access switched on.
const weaviate: Reader = (_flags, env) => {
  if (isTrue(env.get('AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED'))) return { auth: 'disabled', via: 'env:AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED' };
  const e = ['AUTHENTICATION_APIKEY_ENABLED', 'AUTHENTICATION_OIDC_ENABLED'].find((n) => isTrue(env.get(n)));
  return e ? { auth: 'configured', via: `env:${e}` } : { auth: 'none', fromMissingEnv: true };
};

// pgvector images are PostgreSQL: a password is required unless trust authentication is set.
const postgres: Reader = (_flags, env) => {
  if (env.get('POSTGRES_HOST_AUTH_METHOD')?.value?.trim() === 'trust') return { auth: 'disabled', via: 'env:POSTGRES_HOST_AUTH_METHOD' };
  const e = firstSet(env, ['POSTGRES_PASSWORD', 'POSTGRES_PASSWORD_FILE']);
  return e ? { auth: 'configured', via: `env:${e}` } : {};
};

const redis: Reader = (_flags, env, argv) => {
  const args = `${env.get('REDIS_ARGS')?.value ?? ''} ${argv.join(' ')}`;
  return /--requirepass\s+\S/.test(args) ? { auth: 'configured', via: 'arg:--requirepass' } : { auth: 'none' };
};

/** Readers by the product names of images.ts. */
const READERS: Record<string, Reader> = {
  vLLM: keyed(['--api-key'], ['VLLM_API_KEY']),
  'Text Generation Inference': keyed(['--api-key'], ['API_KEY']),
  'Text Embeddings Inference': keyed(['--api-key'], ['API_KEY']),
  SGLang: keyed(['--api-key'], []),
  'llama.cpp server': keyed(['--api-key', '--api-key-file'], ['LLAMA_API_KEY', 'LLAMA_ARG_API_KEY']),
  LocalAI: keyed(['--api-keys'], ['API_KEY', 'LOCALAI_API_KEY']),
  Ollama: noAuth,
  'Triton Inference Server': (flags) => (flags.has('--http-restricted-api') ? { auth: 'configured', via: 'arg:--http-restricted-api' } : { auth: 'none' }),
  'TensorFlow Serving': noAuth,
  'OpenVINO Model Server': noAuth,
  BentoML: noAuth,
  TorchServe: torchserve,
  Qdrant: keyed([], ['QDRANT__SERVICE__API_KEY', 'QDRANT__SERVICE__READ_ONLY_API_KEY']),
  Weaviate: weaviate,
  Chroma: keyed([], ['CHROMA_SERVER_AUTHN_PROVIDER', 'CHROMA_SERVER_AUTH_PROVIDER', 'CHROMA_SERVER_AUTHN_CREDENTIALS']),
  pgvector: postgres,
  'Redis Stack': redis,
  Jupyter: jupyter,
  'Kubeflow Notebooks': jupyter,
  MLflow: mlflow,
  Ray: ray,
  LiteLLM: litellm,
};

/** Where each server is told to listen: [flag or env, ...]. */
const LISTEN_FLAGS = ['--host', '--ip', '--ServerApp.ip', '--NotebookApp.ip', '--hostname', '-h', '--node-ip-address', '--dashboard-host'];
const LISTEN_ENV = ['OLLAMA_HOST', 'HOST', 'LLAMA_ARG_HOST', 'QDRANT__SERVICE__HOST', 'MLFLOW_HOST'];

/** The server facts of one container; `argv` is the command and arguments as split words. */
export function serverFacts(ai: AiImage | undefined, argv: string[], envEntries: EnvEntry[]): ServerFacts {
  const flags = flagValues(argv);
  const env = envMap(envEntries);
  // `mlflow server` on a plain Python image is still MLflow; `ray start --head` still Ray
  const product = ai?.product ?? (argv.includes('mlflow') ? 'MLflow' : argv.includes('ray') && flags.has('--head') ? 'Ray' : argv.some((a) => /(?:^|\/)(?:jupyter|jupyter-lab|jupyter-notebook)$/.test(a)) ? 'Jupyter' : argv.some((a) => /(?:^|\/)litellm$/.test(a)) ? 'LiteLLM' : undefined);
  if (!product) return {};
  const facts = READERS[product]?.(flags, env, argv) ?? {};
  const listen = LISTEN_FLAGS.map((f) => flags.get(f)).find((v) => v !== undefined && v !== '') ?? LISTEN_ENV.map((n) => env.get(n)?.value).find((v) => v);
  if (listen !== undefined) {
    const host = listen.replace(/^https?:\/\//, '').replace(/:\d+$/, '');
    facts.listensOnAllInterfaces = ALL_INTERFACES.has(host) || host === '';
  }
  return facts;
}

/**
 * The facts as workload attributes (`serverAuth`, `serverAuthVia`, ...). `envFiles`: the container also
 * reads variables from files or objects not seen here (envFrom, env_file), so a missing key is unknown.
 */
export function serverAttrs(f: ServerFacts, envFiles = false): Record<string, AttrValue> {
  const a: Record<string, AttrValue> = {};
  if (f.auth && !(envFiles && f.fromMissingEnv)) a.serverAuth = f.auth;
  if (f.via) a.serverAuthVia = f.via;
  if (f.listensOnAllInterfaces !== undefined) a.listensOnAllInterfaces = f.listensOnAllInterfaces;
  if (f.dashboardHost) a.dashboardHost = f.dashboardHost;
  return a;
}
