// The read and triage side of the finding lifecycle: filtered pages, one finding, its history, short fingerprints,
// and the decisions people make (accept until a date, false positive, reopen, assign, comment).
import type { Db, Queryable, SqlParam } from './db.js';
import { expireAcceptances, insertEvents, type NewEvent } from './finding-events.js';
import {
  EFFECTIVE_LAST_SEEN, EVENT_COLUMNS, eventFromRow, type EventRow, FINDING_COLUMNS, FINDING_FROM, findingFromRow,
  type FindingRow,
} from './finding-rows.js';
import type { FindingEvent, FindingQuery, Page, StoredFinding, TriageAction } from './types.js';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 1000;

/** Why a triage request cannot be done: `not-found` (no such fingerprint), `conflict` (state), `invalid` (input). */
export class FindingTriageError extends Error {
  constructor(readonly code: 'not-found' | 'conflict' | 'invalid', message: string) {
    super(message);
    this.name = 'FindingTriageError';
  }
}

const SORTS: Record<NonNullable<FindingQuery['sort']>, { column: string; dir: 'asc' | 'desc' }> = {
  score: { column: 'f.score', dir: 'desc' },
  severity: { column: 'f.severity_rank', dir: 'desc' },
  firstSeen: { column: 'f.first_seen', dir: 'desc' },
  lastSeen: { column: EFFECTIVE_LAST_SEEN, dir: 'desc' },
  checkId: { column: 'f.check_id', dir: 'asc' },
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function clampInt(v: number | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(v)));
}

/** WHERE clauses with numbered parameters, only for the filters given (so every query plans on its own indexes). */
function whereOf(q: FindingQuery, params: SqlParam[]): string {
  const p = (v: SqlParam) => {
    params.push(v);
    return `$${params.length}`;
  };
  const list = (values: string[]) => values.map((v) => p(v)).join(', ');
  const where: string[] = [];
  if (q.source !== undefined) where.push(`src.name = ${p(q.source)}`);
  if (q.status?.length) where.push(`f.status in (${list(q.status)})`);
  if (q.severity?.length) where.push(`f.severity in (${list(q.severity)})`);
  if (q.checkId) where.push(`f.check_id = ${p(q.checkId)}`);
  if (q.assetId) where.push(`f.asset_id = ${p(q.assetId)}`);
  if (q.assignee) where.push(`f.assignee = ${p(q.assignee)}`);
  if (q.q?.trim()) {
    const like = p(`%${escapeLike(q.q.trim())}%`);
    where.push(`(f.title ilike ${like} or f.message ilike ${like} or f.check_id ilike ${like})`);
  }
  return where.length ? `where ${where.join(' and ')}` : '';
}

export async function listFindings(db: Db, q: FindingQuery, now: Date): Promise<Page<StoredFinding>> {
  const limit = clampInt(q.limit, DEFAULT_PAGE, 0, MAX_PAGE);
  const offset = clampInt(q.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const sort = SORTS[q.sort ?? 'score'] ?? SORTS.score;
  const dir = q.order ?? sort.dir;
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    const params: SqlParam[] = [];
    const where = whereOf(q, params);
    const [{ total }] = await tx.query<{ total: number }>(`select count(*)::int as total ${FINDING_FROM} ${where}`, params);
    const rows = await tx.query<FindingRow>(
      `select ${FINDING_COLUMNS} ${FINDING_FROM} ${where}
       order by ${sort.column} ${dir}, f.score desc, f.fingerprint, src.name
       limit ${limit} offset ${offset}`,
      params,
    );
    return { items: rows.map(findingFromRow), total, limit, offset };
  });
}

async function readFinding(tx: Queryable, fingerprint: string, source?: string): Promise<StoredFinding | undefined> {
  const [row] = await tx.query<FindingRow>(
    `select ${FINDING_COLUMNS} ${FINDING_FROM} where f.fingerprint = $1 and ($2::text is null or src.name = $2)
     order by ${EFFECTIVE_LAST_SEEN} desc, src.name limit 1`,
    [fingerprint, source ?? null],
  );
  return row ? findingFromRow(row) : undefined;
}

export function getFinding(db: Db, fingerprint: string, now: Date, source?: string): Promise<StoredFinding | undefined> {
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    return readFinding(tx, fingerprint, source);
  });
}

export function findingHistory(db: Db, fingerprint: string, now: Date, source?: string): Promise<FindingEvent[]> {
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    const f = await readFinding(tx, fingerprint, source);
    if (!f) return [];
    const rows = await tx.query<EventRow>(
      `select ${EVENT_COLUMNS} from finding_events e join sources src on src.id = e.source_id
       where src.name = $1 and e.fingerprint = $2 order by e.at, e.id`,
      [f.source, fingerprint],
    );
    return rows.map(eventFromRow);
  });
}

export async function matchFingerprints(db: Queryable, prefix: string, limit = 10): Promise<string[]> {
  const p = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(p)) return [];
  const rows = await db.query<{ fingerprint: string }>(
    `select distinct fingerprint from findings where fingerprint like $1 order by fingerprint limit $2`,
    [`${p}%`, clampInt(limit, 10, 1, 1000)],
  );
  return rows.map((r) => r.fingerprint);
}

interface TriageRow {
  source_id: number;
  status: StoredFinding['status'];
  gone: boolean;
}

async function lockRows(tx: Queryable, fingerprint: string): Promise<TriageRow[]> {
  const rows = await tx.query<TriageRow>(
    `select source_id, status, resolved_at is not null as gone from findings where fingerprint = $1 order by source_id
     for update`,
    [fingerprint],
  );
  if (!rows.length) throw new FindingTriageError('not-found', `no stored finding has the fingerprint ${fingerprint}`);
  return rows;
}

function required(value: string | undefined, what: string): string {
  const v = value?.trim();
  if (!v) throw new FindingTriageError('invalid', `${what} is required`);
  return v;
}

/** A date (YYYY-MM-DD, the start of that day in UTC) or a full ISO timestamp, strictly in the future. */
export function parseUntil(until: string, now: Date): string {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(until) ? new Date(`${until}T00:00:00.000Z`) : new Date(until);
  if (Number.isNaN(t.getTime())) throw new FindingTriageError('invalid', `"${until}" is not a date (use YYYY-MM-DD)`);
  if (t.getTime() <= now.getTime()) throw new FindingTriageError('invalid', `the acceptance must end in the future (got ${until})`);
  return t.toISOString();
}

export function triageFinding(db: Db, fingerprint: string, action: TriageAction, now: Date): Promise<StoredFinding> {
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    const rows = await lockRows(tx, fingerprint);
    const by = required(action.by, 'who decided (by)');
    const at = now.toISOString();
    const events: NewEvent[] = [];
    if (action.status === 'accepted' || action.status === 'false-positive') {
      const reason = required(action.reason, 'a reason');
      const until = action.status === 'accepted' && action.until ? parseUntil(action.until, now) : null;
      // an acceptance is for a risk that exists now; a false positive may be recorded for a finding that went away
      const targets = action.status === 'accepted' ? rows.filter((r) => !r.gone) : rows;
      if (!targets.length) {
        throw new FindingTriageError('conflict', `finding ${fingerprint} is resolved (no scan sees it any more): there is nothing to accept`);
      }
      for (const r of targets) {
        await tx.query(
          `update findings set status = $3, status_reason = $4, status_by = $5, status_at = $6::timestamptz,
             accepted_until = $7::timestamptz where source_id = $1 and fingerprint = $2`,
          [r.source_id, fingerprint, action.status, reason, by, at, until],
        );
        events.push({ source_id: r.source_id, fingerprint, at, kind: action.status, by, reason, until });
      }
    } else {
      const targets = rows.filter((r) => r.status === 'accepted' || r.status === 'false-positive');
      if (!targets.length) {
        throw new FindingTriageError('conflict', `finding ${fingerprint} is ${rows[0].status}: only accepted and false-positive findings can be reopened`);
      }
      for (const r of targets) {
        await tx.query(
          `update findings set status = case when resolved_at is null then 'open' else 'resolved' end,
             status_reason = null, status_by = null, status_at = $3::timestamptz, accepted_until = null
           where source_id = $1 and fingerprint = $2`,
          [r.source_id, fingerprint, at],
        );
        events.push({ source_id: r.source_id, fingerprint, at, kind: 'reopened', by, reason: action.reason?.trim() || null });
      }
    }
    await insertEvents(tx, events);
    return (await readFinding(tx, fingerprint)) as StoredFinding;
  });
}

export function assignFinding(db: Db, fingerprint: string, assignee: string | null, by: string, now: Date): Promise<StoredFinding> {
  return db.transaction(async (tx) => {
    await expireAcceptances(tx, now);
    const rows = await lockRows(tx, fingerprint);
    const who = required(by, 'who assigned (by)');
    const to = assignee?.trim() || null;
    const at = now.toISOString();
    await tx.query('update findings set assignee = $2 where fingerprint = $1', [fingerprint, to]);
    await insertEvents(tx, rows.map((r) => ({ source_id: r.source_id, fingerprint, at, kind: 'assigned', by: who, assignee: to })));
    return (await readFinding(tx, fingerprint)) as StoredFinding;
  });
}

export function commentFinding(db: Db, fingerprint: string, text: string, by: string, now: Date): Promise<FindingEvent> {
  return db.transaction(async (tx) => {
    const rows = await lockRows(tx, fingerprint);
    const comment = required(text, 'a comment');
    const who = required(by, 'who commented (by)');
    const at = now.toISOString();
    await insertEvents(tx, rows.map((r) => ({ source_id: r.source_id, fingerprint, at, kind: 'commented', by: who, reason: comment })));
    const f = (await readFinding(tx, fingerprint)) as StoredFinding;
    return { fingerprint, at, kind: 'commented', by: who, reason: comment, source: f.source };
  });
}
