// Scheduled rescans on both engines, with an injected clock: cron parsing, next runs, one job per due run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listJobs } from '../../src/store/jobs.js';
import { insertSource } from '../../src/server/sources.js';
import { getSchedule, listSchedules, nextRun, parseSchedule, queueDueScans, ScheduleError, setSchedule } from '../../src/server/jobs/schedule.js';
import { ENGINES } from '../store/engines.js';
import { openTestDb, type TestDb } from './jobs-support.js';

describe('cron expressions', () => {
  test('five and six fields, time zones, and clear errors', () => {
    assert.equal(nextRun('0 3 * * *', 'UTC', new Date('2026-03-10T02:59:00Z'))?.toISOString(), '2026-03-10T03:00:00.000Z');
    assert.equal(nextRun('0 3 * * *', 'UTC', new Date('2026-03-10T03:00:00Z'))?.toISOString(), '2026-03-11T03:00:00.000Z', 'strictly after');
    assert.equal(nextRun('0 3 * * 1', 'Europe/Berlin', new Date('2026-01-01T00:00:00Z'))?.toISOString(), '2026-01-05T02:00:00.000Z');
    assert.equal(nextRun('30 */15 * * * *', null, new Date('2026-01-01T00:00:00Z'))?.toISOString(), '2026-01-01T00:00:30.000Z');
    assert.throws(() => parseSchedule('61 * * * *'), (e: Error) => e instanceof ScheduleError && /minute/.test(e.message));
    assert.throws(() => parseSchedule('* * *'), /expected 5 fields .* got 3/);
    assert.throws(() => parseSchedule('0 3 * * *', 'Mars/Olympus'), /Mars\/Olympus/);
  });
});

for (const engine of ENGINES) {
  describe(`scheduled rescans on ${engine}`, () => {
    let t: TestDb;
    before(async () => {
      t = await openTestDb(engine);
    });
    after(async () => t?.close());

    test('a due source gets one scan job and its next run moves on; missed runs queue once', async () => {
      const s = await insertSource(t.db, { name: 'nightly', kind: 'directory', location: '/srv/repos/nightly', createdBy: 'alice' });
      const set = await setSchedule(t.db, s.id, '0 2 * * *', 'UTC', new Date('2026-04-01T12:00:00Z'));
      assert.equal(set?.nextRunAt, '2026-04-02T02:00:00.000Z');
      assert.deepEqual(await queueDueScans(t.db, new Date('2026-04-02T01:59:59Z')), [], 'not due yet');

      // the server was down for three days: one run, not three
      const runs = await queueDueScans(t.db, new Date('2026-04-05T09:00:00Z'));
      assert.equal(runs.length, 1);
      assert.equal(runs[0].source, 'nightly');
      assert.equal(runs[0].nextRunAt, '2026-04-06T02:00:00.000Z');
      assert.deepEqual(runs[0].job.payload, { sourceId: s.id, requestedBy: 'schedule' });
      assert.deepEqual(await queueDueScans(t.db, new Date('2026-04-05T09:00:01Z')), []);
      const sched = await getSchedule(t.db, s.id);
      assert.equal(sched?.lastJobId, runs[0].job.id);

      // due again while the last run still waits in the queue: the queued one stands for both
      const again = await queueDueScans(t.db, new Date('2026-04-06T02:00:00Z'));
      assert.equal(again[0].job.id, runs[0].job.id);
      const jobs = await listJobs(t.db, { kind: ['scan'] });
      assert.equal(jobs.total, 1);
      assert.deepEqual((await listSchedules(t.db)).items.map((x) => x.source), ['nightly']);
    });

    test('clearing a schedule stops the runs', async () => {
      const s = await insertSource(t.db, { name: 'weekly', kind: 'directory', location: '/srv/repos/weekly', createdBy: 'alice' });
      await setSchedule(t.db, s.id, '0 6 * * 1', 'Europe/Berlin', new Date('2026-04-01T00:00:00Z'));
      const cleared = await setSchedule(t.db, s.id, null, null, new Date('2026-04-01T00:00:00Z'));
      assert.equal(cleared?.schedule, null);
      assert.equal(cleared?.nextRunAt, null);
      assert.ok((await queueDueScans(t.db, new Date('2027-01-01T00:00:00Z'))).every((r) => r.sourceId !== s.id));
    });

    test('schedulers racing on the same due source queue it once', async () => {
      const s = await insertSource(t.db, { name: 'raced', kind: 'directory', location: '/srv/repos/raced', createdBy: 'alice' });
      await setSchedule(t.db, s.id, '*/5 * * * *', null, new Date('2026-05-01T00:00:00Z'));
      const now = new Date('2026-05-01T00:07:00Z');
      const results = await Promise.all([queueDueScans(t.db, now), queueDueScans(t.db, now), queueDueScans(t.db, now)]);
      const mine = results.flat().filter((r) => r.sourceId === s.id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0].nextRunAt, '2026-05-01T00:10:00.000Z');
    });
  });
}
