// Rescans on a cron schedule. A source's `schedule` (cron, 5 fields or 6 with seconds, in an IANA time zone) gives
// its `next_run_at`; the scheduler queues a scan job for every source that is due and moves `next_run_at` on, in one
// transaction with the rows locked (FOR UPDATE SKIP LOCKED), so several servers or workers never queue the same run
// twice. A run missed while nothing was running is queued once, not once per missed slot.

import { Cron } from 'croner';
import type { SourceSchedule } from '../../model/api.js';
import type { Db, Queryable } from '../../store/db.js';
import { enqueueJob, type Job } from '../../store/jobs.js';
import { toIso } from '../../store/rows.js';

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** Validates a cron expression and time zone; throws a ScheduleError saying what is wrong. */
export function parseSchedule(expression: string, timezone?: string | null): Cron {
  const expr = expression.trim();
  const fields = expr.split(/\s+/).length;
  if (fields !== 5 && fields !== 6) throw new ScheduleError(`cron "${expr}": expected 5 fields (minute hour day month weekday) or 6 (with seconds first), got ${fields}`);
  let cron: Cron;
  try {
    cron = new Cron(expr, { paused: true, ...(timezone ? { timezone } : {}) });
    cron.nextRun(new Date(0)); // an invalid time zone only shows when a date is computed
  } catch (e) {
    throw new ScheduleError(`cron "${expr}"${timezone ? ` in ${timezone}` : ''}: ${(e as Error).message.replace(/^Cron\w*: /, '')}`);
  }
  return cron;
}

/** The first run strictly after `after`; null when the expression never fires again. */
export function nextRun(expression: string, timezone: string | null | undefined, after: Date): Date | null {
  return parseSchedule(expression, timezone).nextRun(after);
}

interface ScheduleRow {
  id: number;
  name: string;
  schedule: string | null;
  timezone: string | null;
  next_run_at: Date | string | null;
  last_job_id: string | number | null;
}

const fromRow = (r: ScheduleRow): SourceSchedule => ({
  sourceId: r.id,
  source: r.name,
  schedule: r.schedule,
  timezone: r.timezone,
  nextRunAt: toIso(r.next_run_at),
  lastJobId: r.last_job_id === null ? null : Number(r.last_job_id),
});

export async function getSchedule(q: Queryable, sourceId: number): Promise<SourceSchedule | undefined> {
  const [r] = await q.query<ScheduleRow>('select id, name, schedule, timezone, next_run_at, last_job_id from sources where id = $1', [sourceId]);
  return r && fromRow(r);
}

export async function listSchedules(q: Queryable, o: { limit?: number; offset?: number } = {}): Promise<{ items: SourceSchedule[]; total: number }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 500);
  const offset = Math.max(o.offset ?? 0, 0);
  const rows = await q.query<ScheduleRow>(
    `select id, name, schedule, timezone, next_run_at, last_job_id from sources where schedule is not null
     order by next_run_at nulls last, id limit ${limit} offset ${offset}`,
  );
  const [c] = await q.query<{ n: number }>('select count(*)::int as n from sources where schedule is not null');
  return { items: rows.map(fromRow), total: c.n };
}

/** Sets (or with null clears) a source's schedule; the next run is computed from `now`. */
export async function setSchedule(q: Queryable, sourceId: number, schedule: string | null, timezone: string | null, now: Date): Promise<SourceSchedule | undefined> {
  const next = schedule ? nextRun(schedule, timezone, now) : null;
  const rows = await q.query<ScheduleRow>(
    `update sources set schedule = $2, timezone = $3, next_run_at = $4, updated_at = now() where id = $1
     returning id, name, schedule, timezone, next_run_at, last_job_id`,
    [sourceId, schedule?.trim() ?? null, schedule ? timezone : null, next ? next.toISOString() : null],
  );
  return rows[0] && fromRow(rows[0]);
}

export interface QueuedRun {
  sourceId: number;
  source: string;
  job: Job;
  nextRunAt: string | null;
}

/** Queues a scan for every source due at `now` and advances its next run. */
export async function queueDueScans(db: Db, now: Date): Promise<QueuedRun[]> {
  return db.transaction(async (tx) => {
    const due = await tx.query<ScheduleRow>(
      `select id, name, schedule, timezone, next_run_at, last_job_id from sources
       where schedule is not null and next_run_at <= $1 order by next_run_at, id for update skip locked`,
      [now.toISOString()],
    );
    const queued: QueuedRun[] = [];
    for (const r of due) {
      let next: Date | null;
      try {
        next = nextRun(r.schedule!, r.timezone, now);
      } catch {
        next = null; // an expression that no longer parses (edited in the database) stops instead of looping
      }
      const job = await enqueueJob(tx, {
        kind: 'scan',
        payload: { sourceId: r.id, requestedBy: 'schedule' },
        dedupeKey: `scan:${r.id}`,
        createdBy: 'schedule',
        maxAttempts: 3,
      });
      await tx.query('update sources set next_run_at = $2, last_job_id = $3 where id = $1', [r.id, next ? next.toISOString() : null, job.id]);
      queued.push({ sourceId: r.id, source: r.name, job, nextRunAt: next ? next.toISOString() : null });
    }
    return queued;
  });
}

/** Ticks `queueDueScans` on an interval; `onQueued` wakes a local runner. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly o: { everyMs?: number; now?: () => Date; onQueued?: (runs: QueuedRun[]) => void; onError?: (e: Error) => void } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e: Error) => this.o.onError?.(e))
        .finally(() => (this.ticking = undefined));
    };
    this.timer = setInterval(tick, this.o.everyMs ?? 30_000);
    this.timer.unref();
    tick();
  }

  async tick(): Promise<QueuedRun[]> {
    const runs = await queueDueScans(this.db, this.o.now?.() ?? new Date());
    if (runs.length) this.o.onQueued?.(runs);
    return runs;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }
}
