// The finding history (append-only) and the one transition that happens by the clock: a lapsed acceptance.
import type { Queryable } from './db.js';
import { toIso } from './rows.js';
import type { FindingEventKind } from './types.js';

/** Who the store names for transitions made by scans and by the clock. */
export const SYSTEM_ACTOR = 'aispm';

export interface NewEvent {
  source_id: number;
  fingerprint: string;
  at: string;
  kind: FindingEventKind;
  by: string;
  reason?: string | null;
  until?: string | null;
  assignee?: string | null;
  scan_id?: string | null;
}

const INSERT_EVENTS = `
insert into finding_events (source_id, fingerprint, at, kind, by, reason, until, assignee, scan_id)
select r.source_id, r.fingerprint, r.at, r.kind, r.by, r.reason, r.until, r.assignee, r.scan_id
from jsonb_to_recordset($1::jsonb) as r(source_id integer, fingerprint text, at timestamptz, kind text, by text,
  reason text, until timestamptz, assignee text, scan_id text)
order by r.at`;

const EVENT_BATCH = 5000;

export async function insertEvents(tx: Queryable, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += EVENT_BATCH) {
    await tx.query(INSERT_EVENTS, [JSON.stringify(events.slice(i, i + EVENT_BATCH))]);
  }
}

/**
 * Reopens every acceptance whose `until` has passed, with an `expired` event dated when it lapsed (not when it was
 * noticed): called by every save and read, so no reader ever sees a stale acceptance. Returns how many lapsed.
 */
export async function expireAcceptances(tx: Queryable, now: Date, sourceId?: number): Promise<number> {
  // status_at takes the old accepted_until (right-hand sides read the row before the update): RETURNING sees it
  const rows = await tx.query<{ source_id: number; fingerprint: string; lapsed: Date | string }>(
    `update findings set status = 'open', status_reason = null, status_by = null, status_at = accepted_until,
       accepted_until = null
     where status = 'accepted' and accepted_until <= $1::timestamptz and ($2::integer is null or source_id = $2)
     returning source_id, fingerprint, status_at as lapsed`,
    [now.toISOString(), sourceId ?? null],
  );
  if (!rows.length) return 0;
  await insertEvents(tx, rows.map((r) => {
    const at = toIso(r.lapsed) as string;
    return { source_id: r.source_id, fingerprint: r.fingerprint, at, kind: 'expired', by: SYSTEM_ACTOR,
      reason: 'acceptance expired', until: at };
  }));
  return rows.length;
}
