// Who is calling: a Bearer API token or the session cookie, resolved once per request into a Principal.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.js';
import { type Principal, type Role, ROLE_RANK } from '../api.js';
import type { ServerConfig } from '../context.js';
import { SESSION_COOKIE } from './sessions.js';
import { sha256, TOKEN_PREFIX } from './secrets.js';
import { SCOPE_ROLE, type TokenScope } from './tokens.js';

/** Bookkeeping writes (last used / last seen) at most this often per token or session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const minRole = (a: Role, b: Role): Role => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b);

export class AuthFailure extends Error {}

export async function resolvePrincipal(db: Db, config: ServerConfig, request: FastifyRequest): Promise<Principal | undefined> {
  const auth = request.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    // a malformed or unknown Authorization header is refused outright, never silently downgraded to the cookie
    if (!m || !m[1].startsWith(TOKEN_PREFIX)) throw new AuthFailure('Authorization must be "Bearer aispm_..."');
    return tokenPrincipal(db, m[1]);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return sessionPrincipal(db, config, cookie);
  return undefined;
}

async function tokenPrincipal(db: Db, token: string): Promise<Principal> {
  const [r] = await db.query<{ id: number; scope: TokenScope; expired: boolean; revoked: boolean; stale: boolean;
    user_id: number; username: string; role: Role; disabled: boolean }>(
    `select t.id, t.scope, t.expires_at <= now() as expired, t.revoked_at is not null as revoked,
       (t.last_used_at is null or t.last_used_at < now() - ($2::bigint * interval '1 millisecond')) as stale,
       u.id as user_id, u.username, u.role, u.disabled
     from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1`,
    [sha256(token), TOUCH_EVERY_MS],
  );
  if (!r) throw new AuthFailure('unknown API token');
  if (r.revoked) throw new AuthFailure('this API token was revoked');
  if (r.expired) throw new AuthFailure('this API token has expired');
  if (r.disabled) throw new AuthFailure('the account of this API token is disabled');
  if (r.stale) await db.query('update api_tokens set last_used_at = now() where id = $1', [r.id]);
  return { userId: r.user_id, username: r.username, userRole: r.role, role: minRole(r.role, SCOPE_ROLE[r.scope]), via: 'token', tokenId: r.id };
}

async function sessionPrincipal(db: Db, config: ServerConfig, cookie: string): Promise<Principal | undefined> {
  const idHash = sha256(cookie);
  const [r] = await db.query<{ csrf_token: string; valid: boolean; stale: boolean; user_id: number; username: string;
    role: Role; disabled: boolean }>(
    `select s.csrf_token,
       (s.expires_at > now() and s.last_seen_at > now() - ($2::bigint * interval '1 millisecond')) as valid,
       s.last_seen_at < now() - ($3::bigint * interval '1 millisecond') as stale,
       u.id as user_id, u.username, u.role, u.disabled
     from sessions s join users u on u.id = s.user_id where s.id_hash = $1`,
    [idHash, config.sessionIdleMs, TOUCH_EVERY_MS],
  );
  // an unknown or expired cookie is treated as no cookie: the caller gets 401 and signs in again
  if (!r || !r.valid || r.disabled) {
    if (r && !r.valid) await db.query('delete from sessions where id_hash = $1', [idHash]);
    return undefined;
  }
  if (r.stale) await db.query('update sessions set last_seen_at = now() where id_hash = $1', [idHash]);
  return { userId: r.user_id, username: r.username, userRole: r.role, role: r.role, via: 'session', sessionHash: idHash, csrfToken: r.csrf_token };
}
