// Crash safety of the finding lifecycle: a writer SIGKILLed while it writes a rescan's findings (after its assets,
// inside the same transaction) leaves the previous scan's findings and history exactly as they were.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/index.js';
import { syntheticReport, type SyntheticOptions } from '../../src/store/synthetic-report.js';
import { saveAndKill } from './crash-harness.js';
import { ENGINES, freshLocation, type EngineLocation } from './engines.js';

const COUNT = 3000;
const PAUSE_AFTER = 1000; // findings rows written by the killed rescan before it stops

for (const engine of ENGINES) {
  describe(`finding crash safety on ${engine}`, () => {
    let location: EngineLocation;
    before(async () => {
      location = await freshLocation(engine);
    });
    after(async () => {
      await location?.dispose();
    });

    test('a writer killed while writing findings leaves the previous findings and history intact', async () => {
      const source = 'crash-findings';
      const t1 = '2025-02-01T00:00:00.000Z';
      let store = await openStore({ ...location.options, now: () => new Date(t1) });
      const first = await store.saveScan(syntheticReport({ source, count: COUNT, findings: COUNT, scanId: 'cf-1', startedAt: t1 }));
      assert.equal(first.findings?.opened, COUNT);
      await store.close(); // PGlite: the child needs the data directory lock

      // the rescan changes 2000 findings and no longer sees 500: the kill lands after 1000 finding rows
      const next: SyntheticOptions = { source, count: COUNT, findings: COUNT, fixed: 500, changed: 2000, generation: 1,
        scanId: 'cf-2', startedAt: '2025-02-02T00:00:00.000Z' };
      const killed = await saveAndKill(location.options, next, { afterFindings: PAUSE_AFTER });
      assert.equal(killed.sawFaultPoint, true, `the child never reached the fault point:\n${killed.stderr}`);
      assert.equal(killed.signal, 'SIGKILL');

      store = await openStore({ ...location.options, now: () => new Date('2025-02-03T00:00:00.000Z') });
      try {
        assert.deepEqual((await store.listScans(source)).map((s) => s.id), ['cf-1']);
        const all = await store.findings({ source, limit: 1000 });
        assert.equal(all.total, COUNT);
        assert.equal((await store.findings({ source, status: ['open'] })).total, COUNT);
        for (const f of all.items) {
          assert.deepEqual([f.firstScan, f.lastScan, f.lastSeen], ['cf-1', 'cf-1', t1]);
          assert.match(f.message, /\(revision 0\)$/);
        }
        const sample = all.items[0].fingerprint;
        assert.deepEqual((await store.findingHistory(sample)).map((e) => [e.kind, e.scanId]), [['opened', 'cf-1']]);

        const saved = await store.saveScan(syntheticReport({ ...next, scanId: 'cf-3', startedAt: '2025-02-03T00:00:00.000Z' }));
        assert.deepEqual(saved.findings, { opened: 0, reopened: 0, resolved: 500, expired: 0, triaged: [] });
        assert.equal((await store.findings({ source, status: ['open'] })).total, COUNT - 500);
        assert.equal((await store.findings({ source, status: ['resolved'] })).total, 500);
        const changed = await store.findings({ source, q: '(revision 2)', limit: 1 });
        assert.equal(changed.total, 1500); // findings 500..1999 changed; 0..499 are gone
      } finally {
        await store.close();
      }
    });
  });
}
