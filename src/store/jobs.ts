// The job queue over the store's tables (migration 004): enqueue, lease with FOR UPDATE SKIP LOCKED, renew, finish.
// Times come from the database clock (now()), so workers on different machines agree on when a lease runs out.

import type { Job, JobAttemptError, JobStatus, Json } from '../model/api.js';
import type { Db, Queryable, SqlParam } from './db.js';
import { toIso } from './rows.js';

export type { Job, JobAttemptError, JobStatus, Json };
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export interface EnqueueOptions {
  kind: string;
  payload?: Record<string, Json>;
  maxAttempts?: number;
  /** Delay before the first attempt, in milliseconds. */
  delayMs?: number;
  /** At most one queued job per key: a second enqueue returns the queued one instead. */
  dedupeKey?: string;
  createdBy?: string;
}

interface JobRow {
  id: string | number;
  kind: string;
  payload: Record<string, Json>;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: Date | string;
  locked_by: string | null;
  locked_until: Date | string | null;
  heartbeat_at: Date | string | null;
  last_error: string | null;
  errors: JobAttemptError[];
  result: Json | null;
  created_by: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: Date | string;
}

function toJob(r: JobRow): Job {
  return {
    id: Number(r.id),
    kind: r.kind,
    payload: r.payload ?? {},
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAfter: toIso(r.run_after)!,
    lockedBy: r.locked_by,
    lockedUntil: toIso(r.locked_until),
    heartbeatAt: toIso(r.heartbeat_at),
    lastError: r.last_error,
    errors: r.errors ?? [],
    result: r.result ?? null,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at)!,
    startedAt: toIso(r.started_at),
    finishedAt: toIso(r.finished_at),
    updatedAt: toIso(r.updated_at)!,
  };
}

const MS = "* interval '1 millisecond'";

export async function enqueueJob(q: Queryable, o: EnqueueOptions): Promise<Job> {
  if (!o.kind) throw new Error('a job needs a kind');
  const maxAttempts = o.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a whole number >= 1, got ${o.maxAttempts}`);
  const params: SqlParam[] = [o.kind, JSON.stringify(o.payload ?? {}), maxAttempts, o.delayMs ?? 0, o.dedupeKey ?? null, o.createdBy ?? null];
  const inserted = await q.query<JobRow>(
    `insert into jobs (kind, payload, max_attempts, run_after, dedupe_key, created_by)
     values ($1, $2::jsonb, $3, now() + $4 ${MS}, $5, $6)
     on conflict (dedupe_key) where status = 'queued' and dedupe_key is not null do nothing
     returning *`,
    params,
  );
  if (inserted[0]) return toJob(inserted[0]);
  const existing = await q.query<JobRow>("select * from jobs where dedupe_key = $1 and status = 'queued'", [o.dedupeKey ?? null]);
  if (!existing[0]) throw new Error(`could not enqueue ${o.kind}: the queued job with key ${o.dedupeKey} vanished; try again`);
  return toJob(existing[0]);
}

/**
 * Leases run out when a worker stops renewing them (killed, frozen, cut off): such a job counts the attempt as
 * failed with the reason, and goes back to the queue, or fails for good when it has no attempts left.
 * Returns the ids of the jobs released.
 */
export async function releaseExpiredLeases(q: Queryable): Promise<number[]> {
  const rows = await q.query<{ id: string | number }>(
    `update jobs set
       status = case when attempts >= max_attempts then 'failed' else 'queued' end,
       last_error = 'worker ' || coalesce(locked_by, '?') || ' stopped renewing its lease (killed or cut off) during attempt ' || attempts,
       errors = errors || jsonb_build_array(jsonb_build_object('attempt', attempts, 'at', now(), 'worker', locked_by,
         'error', 'worker stopped renewing its lease (killed or cut off)')),
       finished_at = case when attempts >= max_attempts then now() else null end,
       run_after = now(), locked_by = null, locked_until = null, updated_at = now()
     where status = 'running' and locked_until < now()
     returning id`,
  );
  return rows.map((r) => Number(r.id));
}

export interface ClaimOptions {
  workerId: string;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
  /** Only these kinds (default: any). */
  kinds?: string[];
}

/** Takes the next due job (oldest first) and leases it to `workerId`; undefined when nothing is due. */
export async function claimJob(db: Db, o: ClaimOptions): Promise<Job | undefined> {
  await releaseExpiredLeases(db);
  const kinds = o.kinds?.length ? o.kinds.join(',') : null;
  const rows = await db.transaction((tx) =>
    tx.query<JobRow>(
      `update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = $1,
         locked_until = now() + $2 ${MS}, heartbeat_at = now(), started_at = coalesce(j.started_at, now()),
         dedupe_key = null, updated_at = now()
       where j.id = (
         select id from jobs
         where status = 'queued' and run_after <= now() and ($3::text is null or kind = any(string_to_array($3::text, ',')))
         order by run_after, id
         limit 1
         for update skip locked)
       returning j.*`,
      [o.workerId, o.leaseMs, kinds],
    ),
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

/** Renews a lease; false when the job is no longer this worker's (its lease ran out and it was taken back). */
export async function renewLease(q: Queryable, id: number, workerId: string, leaseMs: number): Promise<boolean> {
  const rows = await q.query(
    `update jobs set locked_until = now() + $3 ${MS}, heartbeat_at = now(), updated_at = now()
     where id = $1 and locked_by = $2 and status = 'running' returning id`,
    [id, workerId, leaseMs],
  );
  return rows.length > 0;
}

/** Marks a leased job done; undefined when the lease had already been lost (the result is then not recorded). */
export async function completeJob(q: Queryable, id: number, workerId: string, result: unknown): Promise<Job | undefined> {
  const rows = await q.query<JobRow>(
    `update jobs set status = 'succeeded', result = $3::jsonb, finished_at = now(), locked_by = null, locked_until = null,
       last_error = null, updated_at = now()
     where id = $1 and locked_by = $2 and status = 'running' returning *`,
    [id, workerId, result === undefined ? null : JSON.stringify(result)],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

export interface FailOptions {
  /** Wait before the next attempt (ignored when no attempt is left or `permanent`). */
  retryInMs: number;
  /** No retry: the error will not go away by itself (bad configuration, missing source). */
  permanent?: boolean;
}

/** Records a failed attempt: back to the queue after `retryInMs`, or failed for good when no attempt is left. */
export async function failJob(q: Queryable, id: number, workerId: string, error: string, o: FailOptions): Promise<Job | undefined> {
  const rows = await q.query<JobRow>(
    `update jobs set
       status = case when $5::boolean or attempts >= max_attempts then 'failed' else 'queued' end,
       run_after = case when $5::boolean or attempts >= max_attempts then run_after else now() + $4 ${MS} end,
       finished_at = case when $5::boolean or attempts >= max_attempts then now() else null end,
       last_error = $3,
       errors = errors || jsonb_build_array(jsonb_build_object('attempt', attempts, 'at', now(), 'worker', locked_by, 'error', $3::text)),
       locked_by = null, locked_until = null, updated_at = now()
     where id = $1 and locked_by = $2 and status = 'running' returning *`,
    [id, workerId, error, Math.max(0, Math.round(o.retryInMs)), !!o.permanent],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

export async function getJob(q: Queryable, id: number): Promise<Job | undefined> {
  const rows = await q.query<JobRow>('select * from jobs where id = $1', [id]);
  return rows[0] ? toJob(rows[0]) : undefined;
}

/** Cancels a job that has not started; a running job cannot be cancelled (its worker owns it). */
export async function cancelJob(q: Queryable, id: number): Promise<Job | undefined> {
  const rows = await q.query<JobRow>(
    `update jobs set status = 'cancelled', finished_at = now(), dedupe_key = null, updated_at = now()
     where id = $1 and status = 'queued' returning *`,
    [id],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

/** Runs a failed or cancelled job again with a fresh set of attempts (its error history is kept). */
export async function retryJob(q: Queryable, id: number): Promise<Job | undefined> {
  const rows = await q.query<JobRow>(
    `update jobs set status = 'queued', attempts = 0, run_after = now(), finished_at = null, updated_at = now()
     where id = $1 and status in ('failed', 'cancelled') returning *`,
    [id],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

export interface JobQuery {
  status?: JobStatus[];
  kind?: string[];
  sort?: 'createdAt' | 'updatedAt' | 'runAfter';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

const SORT_COLUMNS: Record<NonNullable<JobQuery['sort']>, string> = { createdAt: 'created_at', updatedAt: 'updated_at', runAfter: 'run_after' };

export async function listJobs(q: Queryable, query: JobQuery = {}): Promise<{ items: Job[]; total: number; limit: number; offset: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (query.status?.length) {
    params.push(query.status.join(','));
    where.push(`status = any(string_to_array($${params.length}::text, ','))`);
  }
  if (query.kind?.length) {
    params.push(query.kind.join(','));
    where.push(`kind = any(string_to_array($${params.length}::text, ','))`);
  }
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  const col = SORT_COLUMNS[query.sort ?? 'createdAt'];
  const dir = query.order === 'asc' ? 'asc' : 'desc';
  const [items, count] = await Promise.all([
    q.query<JobRow>(`select * from jobs ${w} order by ${col} ${dir}, id ${dir} limit ${limit} offset ${offset}`, params),
    q.query<{ n: string | number }>(`select count(*) as n from jobs ${w}`, params),
  ]);
  return { items: items.map(toJob), total: Number(count[0]?.n ?? 0), limit, offset };
}

/** Exponential backoff: base, 2x base, 4x base ... capped, for the attempt that just failed (1-based). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
