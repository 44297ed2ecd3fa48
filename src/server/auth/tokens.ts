// API tokens: scoped (read/write/admin), expiring, revocable; only a SHA-256 of the token is stored.
import type { Queryable } from '../../store/db.js';
import { toIso } from '../../store/rows.js';
import type { ApiToken, Role, TokenScope } from '../../model/api.js';
import { newApiToken, sha256 } from './secrets.js';

export type { ApiToken, TokenScope };
export const SCOPE_ROLE: Record<TokenScope, Role> = { read: 'viewer', write: 'analyst', admin: 'admin' };

interface TokenRow {
  id: number;
  user_id: number;
  username: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  created_at: Date | string;
  expires_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const fromRow = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  name: r.name,
  scope: r.scope,
  prefix: r.prefix,
  createdAt: toIso(r.created_at) as string,
  expiresAt: toIso(r.expires_at) as string,
  lastUsedAt: toIso(r.last_used_at),
  revokedAt: toIso(r.revoked_at),
});

const SELECT = `select t.id, t.user_id, u.username, t.name, t.scope, t.prefix, t.created_at, t.expires_at,
  t.last_used_at, t.revoked_at from api_tokens t join users u on u.id = t.user_id`;

export async function createToken(q: Queryable, userId: number, name: string, scope: TokenScope, expiresAt: Date): Promise<{ token: string; record: ApiToken }> {
  const token = newApiToken();
  const [{ id }] = await q.query<{ id: number }>(
    `insert into api_tokens (user_id, name, scope, prefix, token_hash, expires_at) values ($1, $2, $3, $4, $5, $6) returning id`,
    [userId, name, scope, token.slice(0, 12), sha256(token), expiresAt.toISOString()],
  );
  const record = (await getToken(q, id)) as ApiToken;
  return { token, record };
}

export async function getToken(q: Queryable, id: number): Promise<ApiToken | undefined> {
  const [r] = await q.query<TokenRow>(`${SELECT} where t.id = $1`, [id]);
  return r && fromRow(r);
}

export async function listTokens(q: Queryable, opts: { userId?: number; includeRevoked: boolean; limit: number; offset: number }): Promise<{ items: ApiToken[]; total: number }> {
  const where = 'where ($1::int is null or t.user_id = $1) and ($2::boolean or t.revoked_at is null)';
  const params = [opts.userId ?? null, opts.includeRevoked];
  const rows = await q.query<TokenRow>(`${SELECT} ${where} order by t.created_at desc, t.id desc limit ${opts.limit} offset ${opts.offset}`, params);
  const [c] = await q.query<{ n: number }>(`select count(*)::int as n from api_tokens t ${where}`, params);
  return { items: rows.map(fromRow), total: c.n };
}

export async function revokeToken(q: Queryable, id: number): Promise<ApiToken | undefined> {
  await q.query('update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1', [id]);
  return getToken(q, id);
}
