// The job queue behind the server: scans requested through the API become `scan` jobs (the ScanDispatcher the core
// asks for), and the same handlers serve the in-process runner of `aispm serve` and `aispm worker` processes.
// Jobs: scan (fetch the source, scan, save, then events and ticket sync), deliver (tickets, webhooks, Slack), sync.

import type { Db } from '../../store/db.js';
import { enqueueJob, type Job } from '../../store/jobs.js';
import { toIso } from '../../store/rows.js';
import { writeAudit } from '../audit.js';
import type { ScanRun, ScanRunStatus } from '../../model/api.js';
import type { ScanDispatcher, ServerContext } from '../context.js';
import { scanSource, SourceScanError } from '../scan-source.js';
import { getSource } from '../sources.js';
import { afterScan, deliverHandler, queueEvent, syncHandler, type DeliveryDeps } from './deliveries.js';
import { JobRunner, PermanentJobError, type JobHandler, type RunnerEvent, type RunnerOptions } from './runner.js';
import { Scheduler } from './schedule.js';

export type BaseContext = Omit<ServerContext, 'scans'>;

export const JOB_KINDS = ['scan', 'deliver', 'sync'] as const;
const SCAN_ATTEMPTS = 3;

/** The link base for tickets and messages: the configured public URL (set once the server listens). */
export function baseUrlOf(ctx: BaseContext): string {
  return process.env.AISPM_BASE_URL || ctx.config.baseUrl || 'http://127.0.0.1:8080';
}

export function deliveryDeps(ctx: BaseContext, onQueued?: () => void): DeliveryDeps {
  return {
    db: ctx.db,
    store: ctx.store,
    get baseUrl() {
      return baseUrlOf(ctx);
    },
    onQueued,
  };
}

/** The handlers of every job kind, over a context (the server's, or one a worker builds). */
export function jobHandlers(ctx: ServerContext, onQueued?: () => void): Record<string, JobHandler> {
  const deps = deliveryDeps(ctx, onQueued);
  return {
    async scan(payload) {
      const sourceId = Number(payload.sourceId);
      const source = await getSource(ctx.db, sourceId);
      if (!source) throw new PermanentJobError(`source ${sourceId} no longer exists`);
      let result;
      try {
        result = await scanSource(ctx, sourceId);
      } catch (e) {
        // a source that cannot be scanned as defined (gone, not a folder, unknown kind) will not fix itself
        if (e instanceof SourceScanError) throw new PermanentJobError(e.message);
        throw e;
      }
      const { summary } = result;
      const after = await afterScan(deps, {
        source: source.name,
        scanId: result.scanId,
        counts: { assets: summary.assets, findings: summary.findings, added: summary.added, changed: summary.changed, removed: summary.removed, ...(await findingCounts(ctx.db, result.scanId)) },
      });
      return { scanId: result.scanId, source: source.name, summary, events: after.events, syncJob: after.sync?.id ?? null };
    },
    deliver: deliverHandler(deps),
    sync: syncHandler(deps),
  };
}

async function findingCounts(db: Db, scanId: string): Promise<{ findingsOpened: number; findingsResolved: number }> {
  const [r] = await db.query<{ opened: number; resolved: number }>(
    `select count(*) filter (where kind in ('opened', 'reopened'))::int as opened, count(*) filter (where kind = 'resolved')::int as resolved
     from finding_events where scan_id = $1`,
    [scanId],
  );
  return { findingsOpened: r?.opened ?? 0, findingsResolved: r?.resolved ?? 0 };
}

/**
 * A scan job that failed for good is written to the audit log (`scan.fail`, target the scan run = the job) and
 * announced (`scan.failed`) to the integrations subscribed to it.
 */
export function announceFailures(ctx: BaseContext, onQueued?: () => void): (e: RunnerEvent) => void {
  return (e) => {
    if (e.type !== 'failed' || e.job?.kind !== 'scan') return;
    const job = e.job;
    void (async () => {
      await writeAudit(ctx.db, { actor: { name: 'aispm', via: 'system' }, action: 'scan.fail', target: { type: 'scan-run', id: String(job.id) },
        after: { error: (job.lastError ?? 'unknown').slice(0, 500), attempts: job.attempts } });
      const source = await getSource(ctx.db, Number(job.payload.sourceId));
      const queued = await queueEvent(ctx.db, 'scan.failed', { source: source?.name ?? String(job.payload.sourceId), jobId: job.id, error: job.lastError ?? 'unknown', link: `${baseUrlOf(ctx).replace(/\/+$/, '')}/jobs/${job.id}` });
      if (queued.length) onQueued?.();
    })().catch((err: Error) => ctx.log(`aispm: could not announce the failure of job ${job.id}: ${err.message}`));
  };
}

export interface JobServicesOptions {
  /** Run jobs in this process (always on the embedded store; optional on PostgreSQL, where workers can do it). */
  runInProcess: boolean;
  /** Queue scheduled rescans from this process. */
  schedule?: boolean;
  scheduleEveryMs?: number;
  runner?: RunnerOptions;
}

interface ScanJobRow {
  id: string | number;
  status: Job['status'];
  payload: { sourceId?: number; requestedBy?: string };
  created_by: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  last_error: string | null;
  result: { scanId?: string; summary?: ScanRun['summary'] } | null;
  source: string | null;
}

const RUN_SELECT = `select j.id, j.status, j.payload, j.created_by, j.created_at, j.started_at, j.finished_at, j.last_error, j.result,
  s.name as source from jobs j left join sources s on s.id = (j.payload->>'sourceId')::int where j.kind = 'scan'`;

function runFromRow(r: ScanJobRow): ScanRun {
  const status: ScanRunStatus = r.status === 'cancelled' ? 'failed' : r.status === 'succeeded' ? 'succeeded' : r.status;
  return {
    id: String(r.id),
    sourceId: Number(r.payload.sourceId),
    source: r.source ?? `(deleted source ${r.payload.sourceId})`,
    status,
    requestedBy: r.payload.requestedBy ?? r.created_by ?? 'aispm',
    requestedAt: toIso(r.created_at)!,
    startedAt: toIso(r.started_at),
    finishedAt: r.status === 'queued' || r.status === 'running' ? null : toIso(r.finished_at),
    error: r.status === 'cancelled' ? 'cancelled' : r.status === 'succeeded' ? null : r.last_error,
    scanId: r.result?.scanId ?? null,
    summary: r.result?.summary ?? null,
  };
}

/** The ScanDispatcher over the job queue, with the in-process runner and the scheduler it may own. */
export class JobScanDispatcher implements ScanDispatcher {
  runner: JobRunner | undefined;
  scheduler: Scheduler | undefined;
  private ctx: ServerContext | undefined;
  private closed = false;

  constructor(private readonly base: BaseContext, private readonly opts: JobServicesOptions) {}

  /** Starts the runner and scheduler this process owns. */
  start(): this {
    const ctx: ServerContext = { ...this.base, scans: this };
    this.ctx = ctx;
    const wake = () => this.runner?.wake();
    if (this.opts.runInProcess) {
      const announce = announceFailures(this.base, wake);
      const userEvent = this.opts.runner?.onEvent;
      this.runner = new JobRunner(ctx.db, jobHandlers(ctx, wake), {
        // one consumer on the embedded store: PGlite is a single connection
        concurrency: ctx.db.kind === 'pglite' ? 1 : 2,
        ...this.opts.runner,
        onEvent: (e) => {
          announce(e);
          if (e.type === 'failed' || e.type === 'retrying' || e.type === 'error' || e.type === 'lease-lost') {
            ctx.log(`aispm jobs: ${e.type}${e.job ? ` job ${e.job.id} (${e.job.kind})` : ''}${e.message ? `: ${e.message}` : ''}`);
          }
          userEvent?.(e);
        },
      });
      this.runner.start();
    }
    if (this.opts.schedule !== false) {
      this.scheduler = new Scheduler(ctx.db, { everyMs: this.opts.scheduleEveryMs, onQueued: wake, onError: (e) => ctx.log(`aispm scheduler: ${e.message}`) });
      this.scheduler.start();
    }
    return this;
  }

  get context(): ServerContext | undefined {
    return this.ctx;
  }

  wake(): void {
    this.runner?.wake();
  }

  async request(sourceId: number, requestedBy: string): Promise<ScanRun> {
    if (this.closed) throw new Error('the server is shutting down');
    const job = await enqueueJob(this.base.db, {
      kind: 'scan',
      payload: { sourceId, requestedBy },
      dedupeKey: `scan:${sourceId}`,
      createdBy: requestedBy,
      maxAttempts: SCAN_ATTEMPTS,
    });
    this.wake();
    return (await this.get(String(job.id)))!;
  }

  async get(id: string): Promise<ScanRun | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const [r] = await this.base.db.query<ScanJobRow>(`${RUN_SELECT} and j.id = $1`, [Number(id)]);
    return r && runFromRow(r);
  }

  async list(q: { sourceId?: number; status?: ScanRunStatus; limit: number; offset: number }): Promise<{ items: ScanRun[]; total: number }> {
    // a failed run is a failed or cancelled job
    const statuses = q.status === undefined ? null : q.status === 'failed' ? 'failed,cancelled' : q.status;
    const where = `and ($1::int is null or (j.payload->>'sourceId')::int = $1) and ($2::text is null or j.status = any(string_to_array($2::text, ',')))`;
    const params = [q.sourceId ?? null, statuses];
    const rows = await this.base.db.query<ScanJobRow>(`${RUN_SELECT} ${where} order by j.created_at desc, j.id desc limit ${q.limit} offset ${q.offset}`, params);
    const [c] = await this.base.db.query<{ n: number }>(`select count(*)::int as n from jobs j where j.kind = 'scan' ${where}`, params);
    return { items: rows.map(runFromRow), total: c.n };
  }

  /** Stops queuing scheduled runs and lets running jobs finish; queued jobs stay for the next start or a worker. */
  async close(): Promise<void> {
    this.closed = true;
    await this.scheduler?.stop();
    await this.runner?.stop();
  }
}
