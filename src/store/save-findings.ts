// The finding lifecycle inside the scan's transaction: new findings open, findings seen again after resolution
// reopen, findings of checks that ran but no longer fire resolve; triage decisions survive every rescan.
// Like the assets, only what changed is written: an unchanged finding's row is never touched.
import type { Report } from '../model/report.js';
import type { Queryable } from './db.js';
import { BATCH_ROWS, chunks, writeInBatches } from './batches.js';
import { faultPauseAfterFindings } from './fault.js';
import { expireAcceptances, insertEvents, type NewEvent, SYSTEM_ACTOR } from './finding-events.js';
import { judgementColumns, type JudgementColumns } from './finding-rows.js';
import { toIso } from './rows.js';
import type { SavedFindings, TriagedFinding } from './types.js';

/**
 * Rows written after which the planner's statistics are refreshed in the same transaction: PGlite runs no autovacuum,
 * and PostgreSQL's runs too late for the reads right after a large first scan (a stale estimate turned a KPI query
 * from milliseconds into minutes in the benchmark).
 */
export const ANALYZE_AFTER_ROWS = 10_000;

const UPSERT_FINDINGS = `
insert into findings (source_id, fingerprint, check_id, asset_id, severity, severity_rank, score, title, message,
  detail, suppression, digest, status, status_at, first_seen, first_scan, last_seen, last_scan)
select $1, r.fingerprint, r.check_id, r.asset_id, r.severity, r.severity_rank, r.score, r.title, r.message,
  r.detail, r.suppression, r.digest, 'open', $2, $2, $3, $2, $3
from jsonb_to_recordset($4::jsonb) as r(fingerprint text, check_id text, asset_id text, severity text,
  severity_rank smallint, score integer, title text, message text, detail jsonb, suppression jsonb, digest text)
on conflict (source_id, fingerprint) do update set
  check_id = excluded.check_id, asset_id = excluded.asset_id, severity = excluded.severity,
  severity_rank = excluded.severity_rank, score = excluded.score, title = excluded.title, message = excluded.message,
  detail = excluded.detail, suppression = excluded.suppression, digest = excluded.digest,
  last_seen = excluded.last_seen, last_scan = excluded.last_scan, held = false, resolved_at = null,
  resolved_scan = null,
  status = case when findings.status = 'resolved' then 'open' else findings.status end,
  status_at = case when findings.status = 'resolved' then excluded.status_at else findings.status_at end`;

const FINGERPRINTS = 'select jsonb_array_elements_text($2::jsonb)';

interface StoredState {
  fingerprint: string;
  check_id: string;
  digest: string;
  status: 'open' | 'resolved' | 'accepted' | 'false-positive';
  gone: boolean;
  held: boolean;
  status_reason: string | null;
  status_by: string | null;
  accepted_until: Date | string | null;
}

export interface SaveFindingsContext {
  sourceId: number;
  scanId: string;
  /** The scan's start: when its findings were seen (and stopped being seen). */
  seenAt: string;
  now: Date;
}

function upsertFindings(tx: Queryable, ctx: SaveFindingsContext, rows: JudgementColumns[]): Promise<void> {
  return writeInBatches(rows, faultPauseAfterFindings(),
    (batch) => tx.query(UPSERT_FINDINGS, [ctx.sourceId, ctx.seenAt, ctx.scanId, JSON.stringify(batch)]));
}

/** Undefined when the report was not judged (`--no-checks`): then nothing is seen and nothing resolves. */
export async function saveFindings(tx: Queryable, report: Report, ctx: SaveFindingsContext): Promise<SavedFindings | undefined> {
  const expired = await expireAcceptances(tx, ctx.now, ctx.sourceId);
  if (!report.findings) return undefined;

  const incoming = new Map<string, JudgementColumns>();
  for (const f of report.findings) incoming.set(f.fingerprint, judgementColumns(f)); // duplicates: last wins
  // Checks that ran: those the scan names plus those that fired. Unknown list (older reports): every check ran.
  const ran = report.scan.checks ? new Set([...report.scan.checks, ...[...incoming.values()].map((f) => f.check_id)]) : undefined;

  const [prev] = await tx.query<{ id: string; started_at: Date | string }>(
    'select js.id, js.started_at from sources s join scans js on js.id = s.judged_scan_id where s.id = $1',
    [ctx.sourceId],
  );
  const stored = await tx.query<StoredState>(
    `select fingerprint, check_id, digest, status, resolved_at is not null as gone, held, status_reason, status_by,
       accepted_until from findings where source_id = $1`,
    [ctx.sourceId],
  );

  const toWrite: JudgementColumns[] = [];
  const events: NewEvent[] = [];
  const triaged: TriagedFinding[] = [];
  const event = (fingerprint: string, kind: 'opened' | 'reopened' | 'resolved'): NewEvent =>
    ({ source_id: ctx.sourceId, fingerprint, at: ctx.seenAt, kind, by: SYSTEM_ACTOR, scan_id: ctx.scanId });
  const toResolve: string[] = [];
  const toHold: string[] = [];
  let reopened = 0;
  let resolved = 0;
  const known = new Set<string>();
  for (const s of stored) {
    known.add(s.fingerprint);
    const now = incoming.get(s.fingerprint);
    if (now) {
      if (s.gone || s.held || s.digest !== now.digest) toWrite.push(now);
      if (s.gone && s.status === 'resolved') {
        events.push(event(s.fingerprint, 'reopened'));
        reopened++;
      }
      if (s.status === 'accepted' || s.status === 'false-positive') {
        const t: TriagedFinding = { fingerprint: s.fingerprint, status: s.status };
        if (s.status_reason !== null) t.reason = s.status_reason;
        if (s.status_by !== null) t.by = s.status_by;
        if (s.accepted_until !== null) t.until = toIso(s.accepted_until) as string;
        triaged.push(t);
      }
    } else if (!s.gone) {
      if (!ran || ran.has(s.check_id)) {
        toResolve.push(s.fingerprint);
        // a false positive that went away stays a false positive (no remediation happened): no event
        if (s.status !== 'false-positive') {
          events.push(event(s.fingerprint, 'resolved'));
          resolved++;
        }
      } else if (!s.held) toHold.push(s.fingerprint);
    }
  }
  let opened = 0;
  for (const f of incoming.values()) {
    if (known.has(f.fingerprint)) continue;
    toWrite.push(f);
    events.push(event(f.fingerprint, 'opened'));
    opened++;
  }

  await upsertFindings(tx, ctx, toWrite);
  // A finding that goes away was last seen by the previous judged scan (or its own last write, when held back).
  const prevSeen = prev ? toIso(prev.started_at) : null;
  for (const batch of chunks(toResolve, BATCH_ROWS * 5)) {
    await tx.query(
      `update findings set
         status = case when status = 'false-positive' then status else 'resolved' end,
         status_at = case when status = 'false-positive' then status_at else $3::timestamptz end,
         status_reason = case when status = 'false-positive' then status_reason else null end,
         status_by = case when status = 'false-positive' then status_by else null end,
         accepted_until = null, resolved_at = $3::timestamptz, resolved_scan = $4,
         last_seen = case when held then last_seen else coalesce($5::timestamptz, last_seen) end,
         last_scan = case when held then last_scan else coalesce($6, last_scan) end, held = false
       where source_id = $1 and fingerprint in (${FINGERPRINTS})`,
      [ctx.sourceId, JSON.stringify(batch), ctx.seenAt, ctx.scanId, prevSeen, prev?.id ?? null],
    );
  }
  for (const batch of chunks(toHold, BATCH_ROWS * 5)) {
    await tx.query(
      `update findings set held = true, last_seen = coalesce($3::timestamptz, last_seen), last_scan = coalesce($4, last_scan)
       where source_id = $1 and fingerprint in (${FINGERPRINTS})`,
      [ctx.sourceId, JSON.stringify(batch), prevSeen, prev?.id ?? null],
    );
  }
  await insertEvents(tx, events);
  await tx.query('update sources set judged_scan_id = $2 where id = $1', [ctx.sourceId, ctx.scanId]);
  if (toWrite.length + toResolve.length + toHold.length >= ANALYZE_AFTER_ROWS) await tx.query('analyze findings');
  if (events.length >= ANALYZE_AFTER_ROWS) await tx.query('analyze finding_events');
  return { opened, reopened, resolved, expired, triaged };
}
