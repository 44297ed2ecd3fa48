// Optional live verification of found credentials (`--verify`, off by default): one read-only request per key to
// its provider's own "who am I" or "list models" endpoint. A key is `valid` when the provider accepts it,
// `invalid` when it answers 401/403 (or its documented equivalent), and `unverified` when the answer says nothing
// (network error, timeout, rate limit, a provider without a read-only endpoint). Keys are never logged: results
// carry the masked form only. Base URLs can be pointed elsewhere (tests, proxies, sovereign clouds).

import { createHash, createHmac } from 'node:crypto';
import { maskValue } from '../../util/mask.js';
import type { Detection } from '../types.js';

export type VerificationStatus = 'valid' | 'invalid' | 'unverified';

export interface Verification {
  status: VerificationStatus;
  /** Provider whose endpoint was asked. */
  provider: string;
  /** Why: the HTTP status, the provider's error code, or what was missing. */
  detail: string;
  masked: string;
}

interface Probe {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface Verifier {
  /** Default base URL (scheme + host + any fixed prefix); the probe path is appended. */
  base: string;
  probe(base: string, key: string, paired?: string): Probe | string;
  /** Reads an answer the status alone does not settle (Slack says no with 200 `{ok:false}`, Google with 400). */
  rejects?(body: unknown, status: number): string | undefined;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const UA = { 'user-agent': 'aispm-verify' };

/** Rule ids share verifiers through their provider; a rule id entry wins over its provider's. */
const VERIFIERS: Record<string, Verifier> = {
  openai: { base: 'https://api.openai.com', probe: (b, k) => ({ url: `${b}/v1/models`, headers: bearer(k) }) },
  anthropic: {
    base: 'https://api.anthropic.com',
    probe: (b, k) => ({ url: `${b}/v1/models`, headers: { 'x-api-key': k, 'anthropic-version': '2023-06-01' } }),
  },
  'anthropic-admin-key': {
    base: 'https://api.anthropic.com',
    probe: (b, k) => ({ url: `${b}/v1/organizations/users?limit=1`, headers: { 'x-api-key': k, 'anthropic-version': '2023-06-01' } }),
  },
  groq: { base: 'https://api.groq.com', probe: (b, k) => ({ url: `${b}/openai/v1/models`, headers: bearer(k) }) },
  mistral: { base: 'https://api.mistral.ai', probe: (b, k) => ({ url: `${b}/v1/models`, headers: bearer(k) }) },
  deepseek: { base: 'https://api.deepseek.com', probe: (b, k) => ({ url: `${b}/models`, headers: bearer(k) }) },
  together: { base: 'https://api.together.xyz', probe: (b, k) => ({ url: `${b}/v1/models`, headers: bearer(k) }) },
  fireworks: { base: 'https://api.fireworks.ai', probe: (b, k) => ({ url: `${b}/inference/v1/models`, headers: bearer(k) }) },
  nvidia: { base: 'https://integrate.api.nvidia.com', probe: (b, k) => ({ url: `${b}/v1/models`, headers: bearer(k) }) },
  xai: { base: 'https://api.x.ai', probe: (b, k) => ({ url: `${b}/v1/api-key`, headers: bearer(k) }) },
  openrouter: { base: 'https://openrouter.ai', probe: (b, k) => ({ url: `${b}/api/v1/key`, headers: bearer(k) }) },
  perplexity: { base: 'https://api.perplexity.ai', probe: () => 'no read-only endpoint' },
  cohere: { base: 'https://api.cohere.com', probe: (b, k) => ({ url: `${b}/v1/check-api-key`, method: 'POST', headers: bearer(k) }), rejects: (j) => (isObj(j) && j.valid === false ? 'valid: false' : undefined) },
  huggingface: { base: 'https://huggingface.co', probe: (b, k) => ({ url: `${b}/api/whoami-v2`, headers: bearer(k) }) },
  replicate: { base: 'https://api.replicate.com', probe: (b, k) => ({ url: `${b}/v1/account`, headers: bearer(k) }) },
  elevenlabs: { base: 'https://api.elevenlabs.io', probe: (b, k) => ({ url: `${b}/v1/user`, headers: { 'xi-api-key': k } }) },
  pinecone: { base: 'https://api.pinecone.io', probe: (b, k) => ({ url: `${b}/indexes`, headers: { 'api-key': k, 'x-pinecone-api-version': '2024-07' } }) },
  google: {
    base: 'https://generativelanguage.googleapis.com',
    probe: (b, k) => ({ url: `${b}/v1beta/models?pageSize=1&key=${encodeURIComponent(k)}`, headers: {} }),
    rejects: (j, status) => (status === 400 && JSON.stringify(j ?? '').includes('API_KEY_INVALID') ? 'API_KEY_INVALID' : undefined),
  },
  github: { base: 'https://api.github.com', probe: (b, k) => ({ url: `${b}/user`, headers: { ...bearer(k), ...UA, accept: 'application/vnd.github+json' } }) },
  gitlab: { base: 'https://gitlab.com', probe: (b, k) => ({ url: `${b}/api/v4/user`, headers: { 'private-token': k } }) },
  slack: {
    base: 'https://slack.com',
    probe: (b, k) => ({ url: `${b}/api/auth.test`, method: 'POST', headers: bearer(k) }),
    rejects: (j) => (isObj(j) && j.ok === false ? String(j.error ?? 'ok: false') : undefined),
  },
  'slack-webhook-url': { base: '', probe: () => 'a webhook URL cannot be checked without posting a message' },
  stripe: { base: 'https://api.stripe.com', probe: (b, k) => ({ url: `${b}/v1/balance`, headers: bearer(k) }) },
  'stripe-webhook-secret': { base: '', probe: () => 'a webhook signing secret has no endpoint' },
  sendgrid: { base: 'https://api.sendgrid.com', probe: (b, k) => ({ url: `${b}/v3/scopes`, headers: bearer(k) }) },
  // The secret key's detection carries its access key id (`pairedWith`); the pair is verified once, from the secret.
  'aws-secret-access-key': { base: 'https://sts.amazonaws.com', probe: (b, secret, id) => (id ? stsCallerIdentity(b, id, secret) : 'needs the paired access key id') },
  'aws-access-key-id': { base: '', probe: () => 'verified through its paired secret access key' },
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** STS GetCallerIdentity signed with SigV4: read-only and allowed for every valid AWS key pair. */
function stsCallerIdentity(base: string, accessKeyId: string, secret: string, now = new Date()): Probe {
  const url = new URL(`${base}/?Action=GetCallerIdentity&Version=2011-06-15`);
  const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const region = 'us-east-1';
  const scope = `${day}/${region}/sts/aws4_request`;
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = ['GET', url.pathname, url.search.slice(1).split('&').sort().join('&'), `host:${url.host}\nx-amz-date:${amzDate}\n`, 'host;x-amz-date', sha('')].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  let k: Buffer = createHmac('sha256', `AWS4${secret}`).update(day).digest();
  for (const part of [region, 'sts', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  const signature = createHmac('sha256', k).update(toSign).digest('hex');
  return {
    url: url.toString(),
    headers: { 'x-amz-date': amzDate, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}` },
  };
}

/** What verification needs to know of a detection: its rule id (`type`) and provider. */
export interface SecretRef {
  type: string;
  provider?: unknown;
}

export interface VerifyOptions {
  /** Base URL per provider or rule id, e.g. `{ openai: 'http://127.0.0.1:8080' }`. */
  endpoints?: Record<string, string>;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/** `AISPM_VERIFY_ENDPOINTS=openai=http://...,anthropic=http://...` points providers elsewhere. */
export function endpointsFromEnv(env = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env.AISPM_VERIFY_ENDPOINTS ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim().replace(/\/+$/, '');
  }
  return out;
}

export function canVerify(d: SecretRef): boolean {
  return verifierFor(d) !== undefined;
}

function verifierFor(d: SecretRef): { verifier: Verifier; name: string } | undefined {
  if (Object.hasOwn(VERIFIERS, d.type)) return { verifier: VERIFIERS[d.type]!, name: d.type };
  const p = typeof d.provider === 'string' ? d.provider : undefined;
  if (p && Object.hasOwn(VERIFIERS, p)) return { verifier: VERIFIERS[p]!, name: p };
  return undefined;
}

/** Verifies one credential. `paired` is the partner value where a key needs two parts (AWS). */
export async function verifySecret(d: SecretRef, value: string, opts: VerifyOptions = {}, paired?: string): Promise<Verification> {
  const masked = maskValue(value);
  const found = verifierFor(d);
  const provider = typeof d.provider === 'string' ? d.provider : d.type;
  if (!found) return { status: 'unverified', provider, detail: 'no verifier for this kind of credential', masked };
  const base = opts.endpoints?.[found.name] ?? opts.endpoints?.[provider] ?? found.verifier.base;
  const probe = found.verifier.probe(base, value, paired);
  if (typeof probe === 'string') return { status: 'unverified', provider, detail: probe, masked };
  let res: Response;
  try {
    res = await fetch(probe.url, { method: probe.method ?? 'GET', headers: probe.headers, body: probe.body, signal: AbortSignal.timeout(opts.timeoutMs ?? 5000), redirect: 'manual' });
  } catch (e) {
    return { status: 'unverified', provider, detail: `request failed: ${(e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message}`, masked };
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const no = found.verifier.rejects?.(body, res.status);
  if (no) return { status: 'invalid', provider, detail: no, masked };
  if (res.status === 401 || res.status === 403) return { status: 'invalid', provider, detail: `HTTP ${res.status}`, masked };
  if (res.status >= 200 && res.status < 300) return { status: 'valid', provider, detail: `HTTP ${res.status}`, masked };
  return { status: 'unverified', provider, detail: `HTTP ${res.status}`, masked };
}

/** Verifies many detections of one text with bounded concurrency; the same value is asked once. */
export async function verifyDetections(text: string, detections: Detection[], opts: VerifyOptions = {}): Promise<Map<Detection, Verification>> {
  const out = new Map<Detection, Verification>();
  const byValue = new Map<string, Promise<Verification>>();
  const queue = detections.filter((d) => canVerify(d));
  const limit = Math.max(1, opts.concurrency ?? 4);
  let next = 0;
  const work = async () => {
    while (next < queue.length) {
      const d = queue[next++]!;
      const value = text.slice(d.start, d.end);
      const pair = d.pairedWith as { start: number; end: number } | undefined;
      const paired = pair ? text.slice(pair.start, pair.end) : undefined;
      const key = `${d.type}\0${value}\0${paired ?? ''}`;
      let p = byValue.get(key);
      if (!p) byValue.set(key, (p = verifySecret(d, value, opts, paired)));
      out.set(d, await p);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, work));
  return out;
}
