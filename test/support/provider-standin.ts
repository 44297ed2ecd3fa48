// A local stand-in for the providers' read-only "who am I" endpoints, answering as each real service does (paths,
// auth headers, status codes and bodies, AWS SigV4 checked for real). One server, one path prefix per provider:
// point `verifySecret` at `${url}/<provider>`. Keys it accepts are given by the test; everything else is refused.

import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinOptions {
  /** Accepted keys per provider prefix (`openai`, `anthropic`, ...); for `aws`, access key id → secret. */
  valid: Record<string, string[]>;
  awsPairs?: Record<string, string>;
}

export interface Standin {
  url: string;
  /** Every request seen: provider prefix, method, path (tests assert the read-only shape). */
  requests: { provider: string; method: string; path: string }[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; type?: string };
const json = (status: number, body: unknown): Reply => ({ status, body });

function bearerOf(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

/** Provider behaviours: given the request (path below the prefix), answer like the service. */
const PROVIDERS: Record<string, (req: http.IncomingMessage, path: string, ok: (key: string | undefined) => boolean, o: StandinOptions) => Reply | undefined> = {
  openai: (req, p, ok) => {
    if (req.method !== 'GET' || p !== '/v1/models') return undefined;
    const key = bearerOf(req);
    if (!ok(key)) return json(401, { error: { message: `Incorrect API key provided: ${(key ?? '').slice(0, 6)}****. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    return json(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }] });
  },
  anthropic: (req, p, ok) => {
    if (req.method !== 'GET' || p !== '/v1/models') return undefined;
    if (!req.headers['anthropic-version']) return json(400, { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
    if (!ok(req.headers['x-api-key'] as string | undefined)) return json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    return json(200, { data: [{ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }], has_more: false, first_id: 'claude-sonnet-4-5', last_id: 'claude-sonnet-4-5' });
  },
  github: (req, p, ok) => {
    if (req.method !== 'GET' || p !== '/user') return undefined;
    if (!req.headers['user-agent']) return json(403, { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' });
    if (!ok(bearerOf(req))) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    return json(200, { login: 'octo-bot', id: 583231, type: 'User' });
  },
  slack: (req, p, ok) => {
    if (req.method !== 'POST' || p !== '/api/auth.test') return undefined;
    if (!ok(bearerOf(req))) return json(200, { ok: false, error: 'invalid_auth' });
    return json(200, { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'aibot', team_id: 'T0001', user_id: 'U0001' });
  },
  huggingface: (req, p, ok) => {
    if (req.method !== 'GET' || p !== '/api/whoami-v2') return undefined;
    if (!ok(bearerOf(req))) return json(401, { error: 'Invalid credentials in Authorization header' });
    return json(200, { type: 'user', name: 'acme-ml', auth: { type: 'access_token', accessToken: { role: 'read' } } });
  },
  google: (req, p, ok) => {
    const u = new URL(p, 'http://x');
    if (req.method !== 'GET' || u.pathname !== '/v1beta/models') return undefined;
    if (!ok(u.searchParams.get('key') ?? undefined))
      return json(400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }] } });
    return json(200, { models: [{ name: 'models/gemini-2.0-flash', displayName: 'Gemini 2.0 Flash' }], nextPageToken: 'x' });
  },
  stripe: (req, p, ok) => {
    if (req.method !== 'GET' || p !== '/v1/balance') return undefined;
    if (!ok(bearerOf(req))) return json(401, { error: { message: 'Invalid API Key provided: sk_live_****', type: 'invalid_request_error' } });
    return json(200, { object: 'balance', available: [{ amount: 0, currency: 'usd' }], livemode: true, pending: [] });
  },
  aws: (req, p, _ok, o) => {
    const u = new URL(p, 'http://x');
    if (req.method !== 'GET' || u.searchParams.get('Action') !== 'GetCallerIdentity') return undefined;
    const verdict = checkSigV4(req, new URL(req.url ?? '/', 'http://x'), o.awsPairs ?? {});
    if (verdict !== 'ok')
      return { status: 403, type: 'text/xml', body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${verdict}</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>` };
    return { status: 200, type: 'text/xml', body: '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ml-ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' };
  },
};

/** Recomputes the SigV4 signature from the request, as STS does; answers the STS error code on mismatch. */
function checkSigV4(req: http.IncomingMessage, u: URL, pairs: Record<string, string>): 'ok' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch' | 'MissingAuthenticationToken' {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=([a-f0-9]{64})$/.exec(auth);
  if (!m) return 'MissingAuthenticationToken';
  const [, keyId, day, region, signed, signature] = m;
  const secret = pairs[keyId!];
  if (!secret) return 'InvalidClientTokenId';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const headerLines = signed!.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const query = [...u.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).sort().join('&');
  const canonical = ['GET', u.pathname, query, headerLines, signed, sha('')].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/sts/aws4_request`, sha(canonical)].join('\n');
  let k: Buffer = createHmac('sha256', `AWS4${secret}`).update(day!).digest();
  for (const part of [region!, 'sts', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  return createHmac('sha256', k).update(toSign).digest('hex') === signature ? 'ok' : 'SignatureDoesNotMatch';
}

export async function startProviderStandin(o: StandinOptions): Promise<Standin> {
  const requests: Standin['requests'] = [];
  const server = http.createServer((req, res) => {
    const full = req.url ?? '/';
    const slash = full.indexOf('/', 1);
    const provider = full.slice(1, slash === -1 ? undefined : slash);
    const rest = slash === -1 ? '/' : full.slice(slash);
    requests.push({ provider, method: req.method ?? '', path: rest.split('?')[0]! });
    req.resume();
    req.on('end', () => {
      const valid = new Set(o.valid[provider] ?? []);
      const reply = PROVIDERS[provider]?.(req, rest, (k) => k !== undefined && valid.has(k), o) ?? json(404, { error: 'not found' });
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
