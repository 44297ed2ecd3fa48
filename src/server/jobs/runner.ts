// Consumes the job queue: leases a job, runs its handler while renewing the lease, records the result or the error
// (with exponential backoff before the retry). The same runner serves `aispm worker` processes on PostgreSQL and the
// single in-process consumer of `aispm serve` on the embedded store.

import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../store/db.js';
import { backoffMs, claimJob, completeJob, failJob, renewLease, type Job } from '../../store/jobs.js';
import { maskSecrets } from '../../util/mask.js';

export interface JobContext {
  job: Job;
  /** Aborted when the lease is lost or the runner stops: a handler should stop soon after. */
  signal: AbortSignal;
  log(message: string): void;
}

export type JobHandler = (payload: Job['payload'], ctx: JobContext) => Promise<unknown>;

/** An error that retrying will not fix (bad configuration, a source that does not exist): fail at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface RunnerEvent {
  type: 'started' | 'log' | 'succeeded' | 'retrying' | 'failed' | 'lease-lost' | 'error';
  job?: Job;
  message?: string;
}

export interface RunnerOptions {
  workerId?: string;
  /** Jobs run at the same time (1 on the embedded store). */
  concurrency?: number;
  leaseMs?: number;
  /** How often a running job's lease is renewed (default: a third of the lease). */
  renewEveryMs?: number;
  /** Wait between polls when the queue is empty. */
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Only these kinds (default: every kind with a handler). */
  kinds?: string[];
  onEvent?: (e: RunnerEvent) => void;
}

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export class JobRunner {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly pollMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly kinds: string[];
  private running = false;
  private loops: Promise<void>[] = [];
  private wakeUp: (() => void)[] = [];
  private woken = false;
  private readonly active = new Map<number, AbortController>();

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly opts: RunnerOptions = {},
  ) {
    this.workerId = opts.workerId ?? defaultWorkerId();
    this.concurrency = Math.max(1, opts.concurrency ?? 1);
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.renewEveryMs = opts.renewEveryMs ?? Math.max(50, Math.floor(this.leaseMs / 3));
    this.pollMs = opts.pollMs ?? 1000;
    this.backoffBaseMs = opts.backoffBaseMs ?? 5_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 15 * 60_000;
    this.kinds = opts.kinds ?? Object.keys(handlers);
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.concurrency }, () => this.loop());
  }

  /** Polls now instead of at the next interval (after an enqueue in the same process). */
  wake(): void {
    // a loop between its poll and its sleep has no waiter yet: the flag makes that sleep return at once
    this.woken = true;
    for (const w of this.wakeUp.splice(0)) w();
  }

  /**
   * Stops taking jobs and waits for the running ones to finish. With `abort`, running handlers are signalled to
   * stop; their jobs are then recorded as failed attempts and retried later.
   */
  async stop(o: { abort?: boolean } = {}): Promise<void> {
    this.running = false;
    if (o.abort) for (const c of this.active.values()) c.abort(new Error(`worker ${this.workerId} is shutting down`));
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Leases and runs one due job; undefined when none was due. Used by the loops and by tests. */
  async runOnce(): Promise<Job | undefined> {
    const job = await claimJob(this.db, { workerId: this.workerId, leaseMs: this.leaseMs, kinds: this.kinds });
    if (!job) return undefined;
    return this.execute(job);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let ran: Job | undefined;
      try {
        ran = await this.runOnce();
      } catch (e) {
        // the database went away or refused: report and back off, never crash the worker
        this.emit({ type: 'error', message: `queue: ${(e as Error).message}` });
      }
      if (!ran && this.running) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(() => {
        this.wakeUp = this.wakeUp.filter((w) => w !== done);
        resolve();
      }, ms);
      this.wakeUp.push(done);
    });
  }

  private async execute(job: Job): Promise<Job> {
    const controller = new AbortController();
    this.active.set(job.id, controller);
    let leaseLost = false;
    const renew = setInterval(() => {
      renewLease(this.db, job.id, this.workerId, this.leaseMs).then(
        (held) => {
          if (!held && !leaseLost) {
            leaseLost = true;
            controller.abort(new Error('the lease on this job was lost'));
          }
        },
        (e: Error) => this.emit({ type: 'error', job, message: `renewing the lease: ${e.message}` }),
      );
    }, this.renewEveryMs);
    this.emit({ type: 'started', job });
    try {
      const handler = this.handlers[job.kind];
      if (!handler) throw new PermanentJobError(`no handler for jobs of kind "${job.kind}"`);
      const result = await handler(job.payload, {
        job,
        signal: controller.signal,
        log: (m) => this.emit({ type: 'log', job, message: maskSecrets(m) }),
      });
      clearInterval(renew);
      const done = await completeJob(this.db, job.id, this.workerId, result ?? null);
      if (!done) {
        this.emit({ type: 'lease-lost', job, message: `job ${job.id} finished after its lease was taken back; its result was not recorded` });
        return job;
      }
      this.emit({ type: 'succeeded', job: done });
      return done;
    } catch (e) {
      clearInterval(renew);
      const message = maskSecrets((e as Error).message ?? String(e));
      const permanent = e instanceof PermanentJobError;
      const failed = await failJob(this.db, job.id, this.workerId, message, {
        retryInMs: backoffMs(job.attempts, this.backoffBaseMs, this.backoffMaxMs),
        permanent,
      });
      if (!failed) {
        this.emit({ type: 'lease-lost', job, message: `job ${job.id} failed after its lease was taken back: ${message}` });
        return job;
      }
      this.emit({ type: failed.status === 'failed' ? 'failed' : 'retrying', job: failed, message });
      return failed;
    } finally {
      clearInterval(renew);
      this.active.delete(job.id);
    }
  }

  private emit(e: RunnerEvent): void {
    try {
      this.opts.onEvent?.(e);
    } catch {
      // a listener's error must not stop the queue
    }
  }
}
