// Server-side sessions: the cookie holds a random id, the table its SHA-256, the CSRF token, and the expiries.
import type { Queryable } from '../../store/db.js';
import { newSecret, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'aispm_session';

export interface NewSession {
  /** The cookie value (returned once, never stored). */
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(q: Queryable, userId: number, maxMs: number, meta: { ip?: string; userAgent?: string }): Promise<NewSession> {
  const id = newSecret(32);
  const csrfToken = newSecret(24);
  const expiresAt = new Date(Date.now() + maxMs);
  await q.query(
    'insert into sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)',
    [sha256(id), userId, csrfToken, expiresAt.toISOString(), meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { id, csrfToken, expiresAt };
}

export async function deleteSession(q: Queryable, idHash: string): Promise<void> {
  await q.query('delete from sessions where id_hash = $1', [idHash]);
}

export async function deleteUserSessions(q: Queryable, userId: number, exceptHash?: string): Promise<void> {
  await q.query('delete from sessions where user_id = $1 and ($2::text is null or id_hash <> $2)', [userId, exceptHash ?? null]);
}

/** Drops expired sessions (run now and then; an expired one is refused anyway). */
export async function pruneSessions(q: Queryable, idleMs: number): Promise<void> {
  await q.query(
    "delete from sessions where expires_at < now() or last_seen_at < now() - ($1::bigint * interval '1 millisecond')",
    [idleMs],
  );
}
