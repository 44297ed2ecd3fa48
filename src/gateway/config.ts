// The gateway's configuration file: YAML validated with zod, `${VAR}` / `${VAR:-default}` taken from the
// environment (upstream URLs and keys stay out of the file). Every error names the file, the key path
// (`guardrails[2].condition`) and, when the YAML has it, the line. Semantic checks (routes that name unknown
// upstreams, guardrail scopes that relax what a wider scope locked) are done by the modules that compile the
// parts and reported through the same error type.

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export class GatewayConfigError extends Error {}

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);

export const UPSTREAM_PROVIDERS = ['openai', 'anthropic', 'azure-openai', 'openai-compatible'] as const;
export type UpstreamProvider = (typeof UPSTREAM_PROVIDERS)[number];

const UpstreamSchema = z
  .object({
    name: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only'),
    provider: z.enum(UPSTREAM_PROVIDERS),
    /** API root as the provider's SDK takes it: `https://api.openai.com/v1`, `https://api.anthropic.com`. */
    base_url: z.string().url(),
    api_key: z.string().optional(),
    /** Azure OpenAI: the `api-version` query parameter. */
    api_version: z.string().optional(),
    /** Azure OpenAI: model name → deployment name; a model without an entry is used as the deployment name. */
    deployments: z.record(z.string(), z.string()).optional(),
    /** Extra headers sent upstream (e.g. OpenAI-Organization). */
    headers: z.record(z.string(), z.string()).optional(),
    /** Time to the upstream's response headers. */
    timeout_ms: positiveInt.default(120_000),
    /** Longest silence between two chunks of a response body. */
    idle_timeout_ms: positiveInt.default(120_000),
    connect_timeout_ms: positiveInt.default(10_000),
    max_connections: positiveInt.default(256),
  })
  .strict();

const RouteSchema = z
  .object({
    name: z.string().min(1),
    /** The client protocol this route serves: OpenAI's API or Anthropic's Messages API. */
    api: z.enum(['openai', 'anthropic']),
    /** Model globs (`gpt-4o*`, `claude-*`); default every model. */
    models: z.array(z.string().min(1)).default(['*']),
    /** Upstream names tried in order: the first is the primary, the rest are fallbacks. */
    targets: z.array(z.string().min(1)).min(1),
    /** Extra attempts per target on failures before the first byte reached the client. */
    retries: nonNegativeInt.default(1),
    retry_on: z.array(z.number().int().min(400).max(599)).default([429, 500, 502, 503, 504]),
    retry_backoff_ms: nonNegativeInt.default(50),
  })
  .strict();

const BudgetSchema = z.object({ tokens: positiveInt, period: z.enum(['hour', 'day', 'week', 'month']) }).strict();
const RateLimitSchema = z.object({ requests_per_minute: positiveInt.optional(), tokens_per_minute: positiveInt.optional() }).strict();

const StaticKeySchema = z
  .object({
    id: z.string().regex(/^[\w.-]+$/).optional(),
    name: z.string().min(1),
    app: z.string().optional(),
    team: z.string().optional(),
    /** The key itself (from an env var), or its sha256 hex so the file holds no secret. */
    key: z.string().min(16).optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase sha256 hex').optional(),
    models: z.array(z.string().min(1)).optional(),
    budget: BudgetSchema.optional(),
    rate_limit: RateLimitSchema.optional(),
    expires_at: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((k) => Boolean(k.key) !== Boolean(k.sha256), { message: 'give exactly one of key or sha256' });

const KeysSchema = z
  .object({
    /** Look virtual keys up in the aispm store (`aispm gateway keys create`). */
    store: z.boolean().default(false),
    /** How often keys, revocations and usage from other gateway instances are re-read from the store. */
    refresh_seconds: positiveInt.default(10),
    static: z.array(StaticKeySchema).default([]),
  })
  .strict();

export const GUARDRAIL_ACTIONS = ['allow', 'flag', 'redact', 'block'] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];
export const GUARDRAIL_HOOKS = ['request', 'response', 'tool_call'] as const;
export type GuardrailHook = (typeof GUARDRAIL_HOOKS)[number];
export const GUARDRAIL_DETECTORS = ['secrets', 'pii', 'injection', 'regex', 'webhook', 'none'] as const;
export type GuardrailDetector = (typeof GUARDRAIL_DETECTORS)[number];

const ScopeSchema = z.union([
  z.literal('global'),
  z.object({ team: z.string().min(1) }).strict(),
  z.object({ key: z.string().min(1) }).strict(),
  z.object({ route: z.string().min(1) }).strict(),
  z.object({ model: z.string().min(1) }).strict(),
]);
export type GuardrailScope = z.infer<typeof ScopeSchema>;

const WebhookSchema = z
  .object({
    url: z.string().url(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

// Every field but id is optional here: a narrower scope may restate only what it changes. The compiler checks
// that the merged definition is complete.
const GuardrailSchema = z
  .object({
    id: z.string().min(1).regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only'),
    description: z.string().optional(),
    scope: ScopeSchema.default('global'),
    enabled: z.boolean().optional(),
    hooks: z.array(z.enum(GUARDRAIL_HOOKS)).min(1).optional(),
    detector: z.enum(GUARDRAIL_DETECTORS).optional(),
    /** Only these detection types (e.g. EMAIL, US_SSN, openai-api-key). */
    types: z.array(z.string().min(1)).optional(),
    min_score: z.number().min(0).max(1).optional(),
    /** detector: regex — JavaScript regular expressions; each match is a detection of type `regex:<index>`. */
    patterns: z.array(z.string().min(1)).optional(),
    webhook: WebhookSchema.optional(),
    /** CEL over `request`, `detections`, `tool` and `hook`; default: at least one detection. */
    condition: z.string().min(1).optional(),
    action: z.enum(GUARDRAIL_ACTIONS).optional(),
    /** redact: put the original values back into the response the client receives. */
    restore: z.boolean().optional(),
    severity: z.enum(['informational', 'low', 'medium', 'high', 'critical']).optional(),
    message: z.string().optional(),
    on_error: z.enum(['fail_open', 'fail_closed']).optional(),
    latency_budget_ms: positiveInt.optional(),
    /** Whether narrower scopes may relax this guardrail (inherited by narrower definitions). */
    relaxable: z.boolean().optional(),
  })
  .strict();
export type GuardrailEntry = z.infer<typeof GuardrailSchema>;

const SpikeSchema = z
  .object({
    /** A minute with more than `factor` times the key's baseline (and at least `min`) is a spike. */
    factor: z.number().positive().default(5),
    min: positiveInt,
  })
  .strict();

const AbuseSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Minutes of history before a key's baseline is trusted. */
    warmup_minutes: positiveInt.default(5),
    request_spike: SpikeSchema.default({ factor: 5, min: 120 }),
    token_spike: SpikeSchema.default({ factor: 5, min: 200_000 }),
    /** Prompts longer than this many characters are flooding. */
    max_prompt_chars: positiveInt.default(200_000),
    extraction: z
      .object({
        /** Prompts compared per key (a sliding window). */
        window: positiveInt.default(200),
        /** At least this many prompts in the window before the pattern is judged. */
        min_requests: positiveInt.default(50),
        /** Share of prompts that are near-duplicates (SimHash distance ≤ 6 of 64 bits) of an earlier one. */
        near_duplicate_ratio: z.number().min(0).max(1).default(0.8),
        /** ...while this share is distinct (probing varies the prompt; a retry loop repeats it). */
        distinct_ratio: z.number().min(0).max(1).default(0.8),
      })
      .strict()
      .default({ window: 200, min_requests: 50, near_duplicate_ratio: 0.8, distinct_ratio: 0.8 }),
    /** A key that used one set of models during warm-up and then switches to more than this many new ones. */
    new_models_after_warmup: positiveInt.default(2),
    /** Refuse (429) a key for this long after an abuse event; 0 records the event only. */
    throttle_seconds: nonNegativeInt.default(0),
  })
  .strict();

const SinkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stdout') }).strict(),
  z
    .object({
      type: z.literal('jsonl'),
      path: z.string().min(1),
      max_bytes: positiveInt.default(100 * 1024 * 1024),
      max_files: positiveInt.default(5),
    })
    .strict(),
  z
    .object({
      type: z.literal('webhook'),
      url: z.string().url(),
      headers: z.record(z.string(), z.string()).optional(),
      batch_size: positiveInt.default(100),
      flush_ms: positiveInt.default(1000),
      max_retries: nonNegativeInt.default(5),
      backoff_ms: positiveInt.default(200),
      timeout_ms: positiveInt.default(5000),
      /** Events kept while the receiver is down; the oldest are dropped past it (and counted). */
      max_queue: positiveInt.default(10_000),
    })
    .strict(),
  z
    .object({
      type: z.literal('syslog'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(514),
      protocol: z.enum(['udp', 'tcp']).default('udp'),
      facility: z.number().int().min(0).max(23).default(13),
      app_name: z.string().default('aispm-gateway'),
    })
    .strict(),
  z
    .object({
      type: z.literal('store'),
      flush_ms: positiveInt.default(1000),
      /** How often runtime usage is written to the inventory (source `gateway`). */
      inventory_seconds: positiveInt.default(60),
    })
    .strict(),
]);
export type SinkConfig = z.infer<typeof SinkSchema>;

export const GatewayConfigSchema = z
  .object({
    listen: z
      .object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8787) })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
    max_body_bytes: positiveInt.default(10 * 1024 * 1024),
    upstreams: z.array(UpstreamSchema).min(1),
    routes: z.array(RouteSchema).min(1),
    keys: KeysSchema.default({ store: false, refresh_seconds: 10, static: [] }),
    store: z.object({ data_dir: z.string().optional(), database_url: z.string().optional() }).strict().default({}),
    guardrails: z.array(GuardrailSchema).default([]),
    guardrail_defaults: z
      .object({
        on_error: z.enum(['fail_open', 'fail_closed']).default('fail_closed'),
        latency_budget_ms: positiveInt.default(200),
        /** How a block inside a stream ends it: a final chunk with a content-filter stop reason, or an error event. */
        stream_block: z.enum(['finish', 'error']).default('finish'),
        /** Characters of earlier stream text kept to catch matches that straddle chunk boundaries. */
        stream_window_chars: positiveInt.default(256),
      })
      .strict()
      .default({ on_error: 'fail_closed', latency_budget_ms: 200, stream_block: 'finish', stream_window_chars: 256 }),
    abuse: AbuseSchema.default(AbuseSchema.parse({})),
    events: z
      .object({
        prompt_logging: z.enum(['none', 'hash', 'redacted', 'full']).default('hash'),
        /** Also emit an event for requests no guardrail acted on (every decision); false keeps only actions. */
        all_requests: z.boolean().default(true),
        sinks: z.array(SinkSchema).default([]),
      })
      .strict()
      .default({ prompt_logging: 'hash', all_requests: true, sinks: [] }),
    metrics: z.object({ enabled: z.boolean().default(true) }).strict().default({ enabled: true }),
    log: z
      .object({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info'), format: z.enum(['json', 'text']).default('json') })
      .strict()
      .default({ level: 'info', format: 'json' }),
  })
  .strict();

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export type UpstreamConfig = GatewayConfig['upstreams'][number];
export type RouteConfig = GatewayConfig['routes'][number];
export type StaticKeyConfig = GatewayConfig['keys']['static'][number];
export type AbuseConfig = GatewayConfig['abuse'];

/** `guardrails[2].condition` from a zod / YAML path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

const TYPED_KEY = /^(?:port|enabled|store|retries|restore|relaxable|all_requests|facility|min_score|min_requests|window)$|_(?:ms|seconds|minutes|bytes|files|connections|size|chars|queue|retries|after_warmup)$/;
const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function envValue(name: string, def: string | undefined, env: NodeJS.ProcessEnv, path: PropertyKey[], errors: string[]): string {
  const v = env[name];
  if (v !== undefined && v !== '') return v;
  if (def !== undefined) return def;
  errors.push(`${formatPath(path)}: environment variable ${name} is not set`);
  return '';
}

/** Replaces `${VAR}` / `${VAR:-default}` in every string value; a missing variable without default is an error. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[], errors: string[], raw = false): unknown {
  if (typeof value === 'string' && raw) return value.replace(ENV_REF, (_m, name: string, def: string | undefined) => envValue(name, def, env, path, errors));
  if (typeof value === 'string') {
    // a numeric or boolean setting given as one reference takes the type its text has (ports, flags)
    const last = path[path.length - 1];
    if (typeof last === 'string' && TYPED_KEY.test(last) && new RegExp(`^${ENV_REF.source}$`).test(value)) {
      const v = interpolate(value, env, path, errors, true) as string;
      if (/^-?\d+(?:\.\d+)?$/.test(v)) return Number(v);
      if (v === 'true' || v === 'false') return v === 'true';
      return v;
    }
    return value.replace(ENV_REF, (_m, name: string, def: string | undefined) => envValue(name, def, env, path, errors));
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, [...path, i], errors));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, [...path, k], errors);
    return out;
  }
  return value;
}

export interface LoadedConfig {
  config: GatewayConfig;
  file: string;
  /** 1-based line of a key path in the file, for errors raised after validation. */
  lineOf(path: PropertyKey[]): number | undefined;
  /** `file:line: path: message`. */
  error(path: PropertyKey[], message: string): GatewayConfigError;
}

/** Parses and validates configuration text; `file` is used in messages only. */
export function parseGatewayConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    throw new GatewayConfigError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const error = (path: PropertyKey[], message: string) => {
    const line = lineOf(path);
    return new GatewayConfigError(`${file}${line ? `:${line}` : ''}: ${formatPath(path)}: ${message}`);
  };
  const raw = doc.toJS() ?? {};
  const envErrors: string[] = [];
  const expanded = interpolate(raw, env, [], envErrors);
  if (envErrors.length) {
    const first = envErrors[0]!;
    throw new GatewayConfigError(`${file}: ${first}${envErrors.length > 1 ? ` (and ${envErrors.length - 1} more)` : ''}`);
  }
  const parsed = GatewayConfigSchema.safeParse(expanded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : [...issue.path];
    const message = issue.code === 'unrecognized_keys' ? `unknown key` : issue.message;
    throw error(path, message);
  }
  return { config: parsed.data, file, lineOf, error };
}

export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GatewayConfigError(`gateway config not found: ${file}`);
  }
  return parseGatewayConfig(text, file, env);
}
