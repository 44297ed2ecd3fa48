// The job queue and its runner on both engines: leasing, results, retries with backoff, lost leases, no double runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cancelJob, claimJob, enqueueJob, getJob, listJobs, retryJob, backoffMs, type Job,
} from '../../src/store/jobs.js';
import { JobRunner, PermanentJobError, type RunnerEvent } from '../../src/server/jobs/runner.js';
import { ENGINES } from '../store/engines.js';
import { openTestDb, type TestDb } from './jobs-support.js';

for (const engine of ENGINES) {
  describe(`job queue on ${engine}`, () => {
    let t: TestDb;
    before(async () => {
      t = await openTestDb(engine);
    });
    after(async () => t?.close());

    // each test uses its own kind, so jobs of other tests are never picked up
    const runner = (kind: string, handler: (p: Job['payload']) => Promise<unknown>, events: RunnerEvent[] = [], id = `w-${kind}`) =>
      new JobRunner(t.db, { [kind]: async (p) => (await handler(p)) as never }, { workerId: id, backoffBaseMs: 2000, backoffMaxMs: 60_000, onEvent: (e) => events.push(e) });

    test('a job is leased, run and recorded with its result', async () => {
      const queued = await enqueueJob(t.db, { kind: 'k-ok', payload: { n: 2 }, createdBy: 'alice' });
      assert.equal(queued.status, 'queued');
      assert.equal(queued.attempts, 0);
      const events: RunnerEvent[] = [];
      const done = await runner('k-ok', async (p) => ({ doubled: (p.n as number) * 2 }), events).runOnce();
      assert.equal(done?.id, queued.id);
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.attempts, 1);
      assert.deepEqual(done?.result, { doubled: 4 });
      assert.equal(done?.lockedBy, null);
      assert.ok(done?.startedAt && done.finishedAt);
      assert.deepEqual(events.map((e) => e.type), ['started', 'succeeded']);
      assert.equal(await runner('k-ok', async () => null).runOnce(), undefined, 'nothing left to do');
    });

    test('a failed attempt is retried after an exponential backoff and its error is kept', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-flaky', maxAttempts: 3 });
      let calls = 0;
      const r = runner('k-flaky', async () => {
        calls++;
        if (calls < 3) throw new Error(`upstream said 503 (call ${calls}) key sk-proj-Ab12Cd34Ef56Gh78Ij90`);
        return 'ok';
      });
      const first = await r.runOnce();
      assert.equal(first?.status, 'queued');
      assert.equal(first?.attempts, 1);
      assert.match(first?.lastError ?? '', /503 \(call 1\)/);
      assert.doesNotMatch(first?.lastError ?? '', /Ab12Cd34Ef56Gh78Ij90/, 'secrets in errors are masked');
      const [gap1] = await t.db.query<{ ms: number }>('select extract(epoch from run_after - updated_at) * 1000 as ms from jobs where id = $1', [job.id]);
      assert.equal(Math.round(Number(gap1.ms)), backoffMs(1, 2000, 60_000));
      assert.equal(await r.runOnce(), undefined, 'not due before its backoff');

      await t.db.query('update jobs set run_after = now() where id = $1', [job.id]);
      const second = await r.runOnce();
      assert.equal(second?.status, 'queued');
      const [gap2] = await t.db.query<{ ms: number }>('select extract(epoch from run_after - updated_at) * 1000 as ms from jobs where id = $1', [job.id]);
      assert.equal(Math.round(Number(gap2.ms)), 4000, 'the second wait doubles');

      await t.db.query('update jobs set run_after = now() where id = $1', [job.id]);
      const third = await r.runOnce();
      assert.equal(third?.status, 'succeeded');
      assert.equal(third?.attempts, 3);
      assert.equal(third?.lastError, null);
      assert.deepEqual(third?.errors.map((e) => e.attempt), [1, 2]);
      assert.ok(third?.errors.every((e) => e.worker === 'w-k-flaky'));
    });

    test('a job that keeps failing ends failed with every error, and can be retried by hand', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-broken', maxAttempts: 2 });
      const events: RunnerEvent[] = [];
      const r = runner('k-broken', async () => {
        throw new Error('connection refused');
      }, events);
      await r.runOnce();
      await t.db.query('update jobs set run_after = now() where id = $1', [job.id]);
      const last = await r.runOnce();
      assert.equal(last?.status, 'failed');
      assert.equal(last?.attempts, 2);
      assert.equal(last?.errors.length, 2);
      assert.equal(last?.lastError, 'connection refused');
      assert.deepEqual(events.filter((e) => e.type !== 'started').map((e) => e.type), ['retrying', 'failed']);
      assert.equal(await r.runOnce(), undefined, 'a failed job is not picked up again');

      const again = await retryJob(t.db, job.id);
      assert.equal(again?.status, 'queued');
      assert.equal(again?.attempts, 0);
      assert.equal(again?.errors.length, 2, 'the history stays');
    });

    test('a permanent error fails at once', async () => {
      await enqueueJob(t.db, { kind: 'k-perm', maxAttempts: 5 });
      const done = await runner('k-perm', async () => {
        throw new PermanentJobError('source "nope" does not exist');
      }).runOnce();
      assert.equal(done?.status, 'failed');
      assert.equal(done?.attempts, 1);
    });

    test('a kind without a handler fails with a clear error', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-nohandler' });
      const r = new JobRunner(t.db, {}, { kinds: ['k-nohandler'] });
      const done = await r.runOnce();
      assert.equal(done?.id, job.id);
      assert.equal(done?.status, 'failed');
      assert.match(done?.lastError ?? '', /no handler for jobs of kind "k-nohandler"/);
    });

    test('a lease that runs out is taken back: the attempt counts as failed and another worker retries', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-lease', maxAttempts: 3 });
      const leased = await claimJob(t.db, { workerId: 'w-dead', leaseMs: 60_000, kinds: ['k-lease'] });
      assert.equal(leased?.id, job.id);
      assert.equal(await claimJob(t.db, { workerId: 'w-other', leaseMs: 60_000, kinds: ['k-lease'] }), undefined, 'a live lease is respected');
      // the worker dies: nobody renews, the lease runs out
      await t.db.query("update jobs set locked_until = now() - interval '1 second' where id = $1", [job.id]);
      const done = await runner('k-lease', async () => 'recovered', [], 'w-other').runOnce();
      assert.equal(done?.status, 'succeeded');
      assert.equal(done?.attempts, 2);
      assert.equal(done?.errors[0].worker, 'w-dead');
      assert.match(done?.errors[0].error ?? '', /stopped renewing its lease/);
    });

    test('a lease that runs out on the last attempt fails the job with the reason', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-lease-last', maxAttempts: 1 });
      await claimJob(t.db, { workerId: 'w-dead', leaseMs: 60_000, kinds: ['k-lease-last'] });
      await t.db.query("update jobs set locked_until = now() - interval '1 second' where id = $1", [job.id]);
      assert.equal(await claimJob(t.db, { workerId: 'w-2', leaseMs: 60_000, kinds: ['k-lease-last'] }), undefined);
      const failed = await getJob(t.db, job.id);
      assert.equal(failed?.status, 'failed');
      assert.match(failed?.lastError ?? '', /worker w-dead stopped renewing its lease/);
    });

    test('a worker that lost its lease is told to stop and does not overwrite the new attempt', async () => {
      const job = await enqueueJob(t.db, { kind: 'k-lost' });
      const events: RunnerEvent[] = [];
      let aborted = false;
      let release!: () => void;
      const started = new Promise<void>((resolve) => (release = resolve));
      const slow = new JobRunner(
        t.db,
        {
          'k-lost': (_p, ctx) =>
            new Promise((resolve) => {
              release();
              ctx.signal.addEventListener('abort', () => {
                aborted = true;
                resolve('too late');
              });
            }),
        },
        { workerId: 'w-slow', leaseMs: 60_000, renewEveryMs: 50, onEvent: (e) => events.push(e) },
      );
      const run = slow.runOnce();
      await started;
      // another worker takes the job over (as after an expired lease)
      await t.db.query("update jobs set locked_by = 'w-new' where id = $1", [job.id]);
      await run;
      assert.ok(aborted, 'the handler was signalled');
      assert.ok(events.some((e) => e.type === 'lease-lost'));
      const now = await getJob(t.db, job.id);
      assert.equal(now?.status, 'running');
      assert.equal(now?.lockedBy, 'w-new');
    });

    test('concurrent workers never run the same job twice', async () => {
      const ids = new Set<number>();
      for (let i = 0; i < 24; i++) ids.add((await enqueueJob(t.db, { kind: 'k-many', payload: { i } })).id);
      const seen: number[] = [];
      const workers = Array.from({ length: 4 }, (_, w) => runner('k-many', async (p) => seen.push(p.i as number), [], `w-many-${w}`));
      await Promise.all(
        workers.map(async (w) => {
          while (await w.runOnce());
        }),
      );
      assert.equal(seen.length, 24);
      assert.equal(new Set(seen).size, 24);
      const { items } = await listJobs(t.db, { kind: ['k-many'], limit: 100 });
      assert.ok(items.every((j) => j.status === 'succeeded' && j.attempts === 1));
      assert.deepEqual(new Set(items.map((j) => j.id)), ids);
    });

    test('a dedupe key keeps one queued job per key; a started job frees the key', async () => {
      const a = await enqueueJob(t.db, { kind: 'k-dedupe', dedupeKey: 'scan:1' });
      const b = await enqueueJob(t.db, { kind: 'k-dedupe', dedupeKey: 'scan:1' });
      assert.equal(b.id, a.id);
      await claimJob(t.db, { workerId: 'w', leaseMs: 60_000, kinds: ['k-dedupe'] });
      const c = await enqueueJob(t.db, { kind: 'k-dedupe', dedupeKey: 'scan:1' });
      assert.notEqual(c.id, a.id);
    });

    test('queued jobs can be cancelled; lists filter, sort and page', async () => {
      const j = await enqueueJob(t.db, { kind: 'k-cancel' });
      assert.equal((await cancelJob(t.db, j.id))?.status, 'cancelled');
      assert.equal(await cancelJob(t.db, j.id), undefined, 'only queued jobs');
      for (let i = 0; i < 3; i++) await enqueueJob(t.db, { kind: 'k-list', payload: { i } });
      const page = await listJobs(t.db, { kind: ['k-list'], limit: 2, order: 'asc' });
      assert.equal(page.total, 3);
      assert.deepEqual(page.items.map((x) => x.payload.i), [0, 1]);
      const rest = await listJobs(t.db, { kind: ['k-list'], limit: 2, offset: 2, order: 'asc' });
      assert.deepEqual(rest.items.map((x) => x.payload.i), [2]);
      const cancelled = await listJobs(t.db, { status: ['cancelled'] });
      assert.deepEqual(cancelled.items.map((x) => x.id), [j.id]);
    });

    test('the runner loop picks up work when woken and stops cleanly', async () => {
      const seen: number[] = [];
      const r = new JobRunner(t.db, { 'k-loop': async (p) => void seen.push(p.i as number) }, { pollMs: 60_000 });
      r.start();
      await enqueueJob(t.db, { kind: 'k-loop', payload: { i: 1 } });
      r.wake();
      const deadline = Date.now() + 30_000;
      while (seen.length < 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      await r.stop();
      assert.deepEqual(seen, [1]);
      assert.equal(r.isRunning, false);
    });
  });
}
