// `aispm worker`: consumes the PostgreSQL job queue (scans, ticket and webhook deliveries, ticket sync) next to one or
// more `aispm serve` processes. Any number of workers may run; each job runs once at a time, and a worker that dies
// mid-job loses its lease, after which another worker retries the job. Wiring only: the work is in src/server/jobs/.

import { Command, InvalidArgumentError } from 'commander';
import { ScanInputError } from '../scan.js';
import { defaultDataDir } from './config.js';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

interface WorkerFlags {
  concurrency: number;
  leaseSeconds: number;
  pollMs: number;
  kinds?: string;
  scheduler: boolean;
  baseUrl?: string;
  dataDir?: string;
  quiet?: boolean;
}

export function registerWorkerCommand(program: Command): Command {
  return program
    .command('worker')
    .description('run queued jobs (scans, ticket and webhook deliveries, ticket sync) from the PostgreSQL job queue (DATABASE_URL)')
    .option('--concurrency <n>', 'jobs run at the same time', positiveInt, 2)
    .option('--lease-seconds <n>', 'how long a job stays claimed without a heartbeat before another worker may retry it', positiveInt, 60)
    .option('--poll-ms <n>', 'wait between polls when the queue is empty', positiveInt, 1000)
    .option('--kinds <list>', 'only these job kinds (comma-separated: scan,deliver,sync)')
    .option('--no-scheduler', 'do not queue scheduled rescans from this worker (a server or another worker does)')
    .option('--base-url <url>', 'the URL users reach the server at, for links in tickets and messages (default: $AISPM_BASE_URL)')
    .option('--data-dir <dir>', 'where git sources are checked out (git-cache/ inside; default $AISPM_DATA_DIR or ~/.local/share/aispm)')
    .option('-q, --quiet', 'log failures only')
    .action(async (o: WorkerFlags) => {
      await runWorker(o);
    });
}

export async function runWorker(o: WorkerFlags): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new ScanInputError('the worker needs PostgreSQL (set DATABASE_URL); on the embedded store `aispm serve` runs the jobs itself');
  }
  const kinds = o.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
  const { JOB_KINDS, createJobQueue } = await import('../server/jobs/index.js');
  const unknown = kinds?.filter((k) => !(JOB_KINDS as readonly string[]).includes(k)) ?? [];
  if (unknown.length) throw new ScanInputError(`unknown job kind: ${unknown.join(', ')} (known: ${JOB_KINDS.join(', ')})`);

  const { openDb, storeOver } = await import('../store/index.js');
  const { DEFAULT_CONFIG } = await import('../server/context.js');
  const { defaultWorkerId } = await import('../server/jobs/runner.js');
  const { maskSecrets } = await import('../util/mask.js');

  const err = (m: string) => process.stderr.write(`${maskSecrets(m)}\n`);
  const db = await openDb({ databaseUrl });
  const workerId = defaultWorkerId();
  const base = {
    db,
    store: storeOver(db),
    config: { ...DEFAULT_CONFIG, ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}) },
    log: err,
  };
  const dispatcher = createJobQueue(base, {
    dataDir: o.dataDir ?? defaultDataDir(),
    runInProcess: true,
    schedule: o.scheduler,
    runner: {
      workerId,
      concurrency: o.concurrency,
      leaseMs: o.leaseSeconds * 1000,
      pollMs: o.pollMs,
      ...(kinds?.length ? { kinds } : {}),
      onEvent: (e) => {
        // failures are logged by the dispatcher; the rest is progress
        if (o.quiet || !e.job || (e.type !== 'started' && e.type !== 'succeeded' && e.type !== 'log')) return;
        err(`aispm worker: job ${e.job.id} (${e.job.kind}) ${e.type === 'log' ? e.message : `${e.type}${e.type === 'started' ? `, attempt ${e.job.attempts} of ${e.job.maxAttempts}` : ''}`}`);
      },
    },
  }).start();
  err(`aispm worker ${workerId}: running ${kinds?.join(', ') ?? JOB_KINDS.join(', ')} jobs from PostgreSQL (concurrency ${o.concurrency}, lease ${o.leaseSeconds}s${o.scheduler ? ', scheduler on' : ''})`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        // a second signal: stop the running jobs now (they are retried later, by this or another worker)
        err(`aispm worker: ${signal} again: abandoning running jobs`);
        void dispatcher.runner?.stop({ abort: true });
        return;
      }
      stopping = true;
      err(`aispm worker: ${signal}: finishing running jobs (send it again to abandon them)`);
      dispatcher
        .close()
        .catch((e: Error) => err(`aispm worker: error while stopping: ${e.message}`))
        .finally(() => {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          void db.close().finally(resolve);
        });
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  err('aispm worker: stopped');
}
