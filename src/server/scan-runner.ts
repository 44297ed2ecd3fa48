// The default scan dispatcher: scans run in this process, one at a time, each recorded in `scan_runs` (queued →
// running → succeeded/failed with the error). Runs left queued or running by a stopped server are run again at start.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { toIso } from '../store/rows.js';
import { writeAudit } from './audit.js';
import type { ScanRun, ScanRunStatus } from '../model/api.js';
import type { ScanDispatcher, ServerContext } from './context.js';
import { scanSource } from './scan-source.js';

interface RunRow {
  id: string;
  source_id: number;
  source: string;
  status: ScanRunStatus;
  requested_by: string;
  requested_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  error: string | null;
  scan_id: string | null;
  summary: ScanRun['summary'];
}

const SELECT = `select r.id, r.source_id, src.name as source, r.status, r.requested_by, r.requested_at, r.started_at,
  r.finished_at, r.error, r.scan_id, r.summary from scan_runs r join sources src on src.id = r.source_id`;

const fromRow = (r: RunRow): ScanRun => ({
  id: r.id,
  sourceId: r.source_id,
  source: r.source,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: toIso(r.requested_at) as string,
  startedAt: toIso(r.started_at),
  finishedAt: toIso(r.finished_at),
  error: r.error,
  scanId: r.scan_id,
  summary: r.summary,
});

export async function getScanRun(db: Db, id: string): Promise<ScanRun | undefined> {
  const [r] = await db.query<RunRow>(`${SELECT} where r.id = $1`, [id]);
  return r && fromRow(r);
}

export class InProcessScanRunner implements ScanDispatcher {
  private readonly queue: string[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private ctx: ServerContext | undefined;

  constructor(private readonly db: Db) {}

  /** Called once the context exists (the context holds this runner, the runner needs the context). */
  async start(ctx: ServerContext): Promise<void> {
    this.ctx = ctx;
    const left = await this.db.query<{ id: string }>(
      "update scan_runs set status = 'queued', started_at = null where status in ('queued', 'running') returning id");
    const ordered = await this.db.query<{ id: string }>(
      `select id from scan_runs where id in (select jsonb_array_elements_text($1::jsonb)) order by requested_at`,
      [JSON.stringify(left.map((r) => r.id))]);
    for (const r of ordered) this.queue.push(r.id);
    this.pump();
  }

  async request(sourceId: number, requestedBy: string): Promise<ScanRun> {
    if (this.closed) throw new Error('the server is shutting down');
    const id = randomUUID();
    await this.db.query("insert into scan_runs (id, source_id, status, requested_by) values ($1, $2, 'queued', $3)",
      [id, sourceId, requestedBy]);
    this.queue.push(id);
    this.pump();
    return (await getScanRun(this.db, id)) as ScanRun;
  }

  get(id: string): Promise<ScanRun | undefined> {
    return getScanRun(this.db, id);
  }

  async list(q: { sourceId?: number; status?: ScanRunStatus; limit: number; offset: number }): Promise<{ items: ScanRun[]; total: number }> {
    const where = 'where ($1::int is null or r.source_id = $1) and ($2::text is null or r.status = $2)';
    const params = [q.sourceId ?? null, q.status ?? null];
    const rows = await this.db.query<RunRow>(`${SELECT} ${where} order by r.requested_at desc, r.id limit ${q.limit} offset ${q.offset}`, params);
    const [c] = await this.db.query<{ n: number }>(`select count(*)::int as n from scan_runs r ${where}`, params);
    return { items: rows.map(fromRow), total: c.n };
  }

  /** Stops taking runs, lets the current one finish; queued ones stay queued for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await this.running;
  }

  /** Resolves when nothing is queued or running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running || !this.ctx) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = this.execute(next).finally(() => {
      this.running = undefined;
      if (!this.closed) this.pump();
    });
  }

  private async execute(id: string): Promise<void> {
    const ctx = this.ctx as ServerContext;
    const [claimed] = await this.db.query<{ source_id: number }>(
      "update scan_runs set status = 'running', started_at = now() where id = $1 and status = 'queued' returning source_id", [id]);
    if (!claimed) return; // the source was deleted meanwhile
    try {
      const { scanId, summary } = await scanSource(ctx, claimed.source_id);
      await this.db.query("update scan_runs set status = 'succeeded', finished_at = now(), scan_id = $2, summary = $3::jsonb where id = $1",
        [id, scanId, JSON.stringify(summary)]);
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      ctx.log(`aispm serve: scan run ${id} failed: ${message}`);
      await this.db.query("update scan_runs set status = 'failed', finished_at = now(), error = $2 where id = $1", [id, message.slice(0, 2000)])
        .catch(() => undefined);
      await writeAudit(this.db, { actor: { name: 'aispm', via: 'system' }, action: 'scan.fail', target: { type: 'scan-run', id },
        after: { error: message.slice(0, 500) } }).catch(() => undefined);
    }
  }
}
