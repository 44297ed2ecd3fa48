// The audit trail: every change made through the server (who, when, what, before, after), append-only, with
// secrets redacted before they are written. Read and exported (JSON, CSV) by admins.
import type { AuditEntry } from '../model/api.js';
import type { Queryable, SqlParam } from '../store/db.js';
import { toIso } from '../store/rows.js';

export type { AuditEntry };

export interface AuditActor {
  id?: number;
  name: string;
  via: AuditEntry['via'];
}

export interface AuditInput {
  /** Filled in by `call.audit()` from the caller; give it for system actions (jobs, expiry). */
  actor?: AuditActor;
  /** `<area>.<verb>`, e.g. `user.create`, `finding.accept`, `source.delete`. */
  action: string;
  target?: { type: string; id: string | number };
  before?: unknown;
  after?: unknown;
  ip?: string;
  requestId?: string;
}

/** Keys whose values never enter the log, at any depth. */
const SECRET_KEYS = /^(?:password|passwordHash|password_hash|token|tokenHash|token_hash|secret|csrfToken|csrf_token|idHash|id_hash|signingSecret|apiKey|api_key)$/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

export async function writeAudit(q: Queryable, e: AuditInput & { actor: AuditActor }): Promise<void> {
  await q.query(
    `insert into audit_log (actor_id, actor, via, action, target_type, target_id, before, after, ip, request_id)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
    [
      e.actor.id ?? null, e.actor.name, e.actor.via, e.action, e.target?.type ?? null,
      e.target ? String(e.target.id) : null,
      e.before === undefined ? null : JSON.stringify(redact(e.before)),
      e.after === undefined ? null : JSON.stringify(redact(e.after)),
      e.ip ?? null, e.requestId ?? null,
    ],
  );
}

export interface AuditQuery {
  actor?: string;
  /** Exact action, or a prefix ending in `.` (e.g. `user.`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

interface AuditRow {
  id: string | number;
  at: Date | string;
  actor: string;
  actor_id: number | null;
  via: AuditActor['via'];
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
}

function where(q: Omit<AuditQuery, 'limit' | 'offset' | 'order'>): { sql: string; params: SqlParam[] } {
  const conds: string[] = [];
  const params: SqlParam[] = [];
  const add = (cond: string, v: SqlParam) => {
    params.push(v);
    conds.push(cond.replace('?', `$${params.length}`));
  };
  if (q.actor) add('actor = ?', q.actor);
  if (q.action) {
    if (q.action.endsWith('.')) add("action like ? || '%'", q.action.replace(/[%_\\]/g, '\\$&'));
    else add('action = ?', q.action);
  }
  if (q.targetType) add('target_type = ?', q.targetType);
  if (q.targetId) add('target_id = ?', q.targetId);
  if (q.since) add('at >= ?::timestamptz', q.since);
  if (q.until) add('at < ?::timestamptz', q.until);
  return { sql: conds.length ? `where ${conds.join(' and ')}` : '', params };
}

const fromRow = (r: AuditRow): AuditEntry => ({
  id: Number(r.id),
  at: toIso(r.at) as string,
  actor: r.actor,
  actorId: r.actor_id,
  via: r.via,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  before: r.before,
  after: r.after,
  ip: r.ip,
  requestId: r.request_id,
});

/** Counting stops here: an exact total over millions of entries costs more than a list view is worth. */
export const COUNT_CAP = 10_000;

export async function listAudit(db: Queryable, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number; totalCapped: boolean }> {
  const w = where(q);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  const rows = await db.query<AuditRow>(
    `select * from audit_log ${w.sql} order by at ${dir}, id ${dir} limit ${q.limit} offset ${q.offset}`,
    w.params,
  );
  const [c] = await db.query<{ n: number }>(
    `select count(*)::int as n from (select 1 from audit_log ${w.sql} limit ${COUNT_CAP + 1}) t`, w.params);
  return { items: rows.map(fromRow), total: Math.min(c.n, COUNT_CAP), totalCapped: c.n > COUNT_CAP };
}

/** Every matching entry, oldest first, in pages (exports stream instead of holding the whole log). */
export async function* iterateAudit(db: Queryable, q: Omit<AuditQuery, 'limit' | 'offset' | 'order'>): AsyncGenerator<AuditEntry> {
  const w = where(q);
  let after = 0;
  for (;;) {
    const params = [...w.params, after];
    const cond = `${w.sql ? `${w.sql} and` : 'where'} id > $${params.length}`;
    const rows = await db.query<AuditRow>(`select * from audit_log ${cond} order by id limit 1000`, params);
    for (const r of rows) yield fromRow(r);
    if (rows.length < 1000) return;
    after = Number(rows[rows.length - 1].id);
  }
}

const CSV_COLUMNS: Array<keyof AuditEntry> = ['id', 'at', 'actor', 'via', 'action', 'targetType', 'targetId', 'before', 'after', 'ip', 'requestId'];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  // a cell starting with = + - @ is a formula to a spreadsheet: neutralise it (CSV injection)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function auditCsvLine(e: AuditEntry): string {
  return `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\r\n`;
}
