// Crash safety with a real kill: a child process is SIGKILLed in the middle of writing a scan; the previous scan's
// state must be intact afterwards, and the next scan must succeed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/index.js';
import { syntheticReport, type SyntheticOptions } from '../../src/store/synthetic-report.js';
import { saveAndKill } from './crash-harness.js';
import { ENGINES, freshLocation, type EngineLocation } from './engines.js';

const COUNT = 6000;
const PAUSE_AFTER = 4000; // past the first batch, so several statements of the transaction have run

for (const engine of ENGINES) {
  describe(`crash safety on ${engine}`, () => {
    let location: EngineLocation;
    before(async () => {
      location = await freshLocation(engine);
    });
    after(async () => {
      await location?.dispose();
    });

    test('a writer killed mid-transaction leaves the previous scan intact, and the next scan succeeds', async () => {
      const source = 'crash';
      let store = await openStore(location.options);
      await store.saveScan(syntheticReport({ source, count: COUNT, scanId: 'crash-1', startedAt: '2025-02-01T00:00:00.000Z' }));
      await store.close(); // PGlite: the child needs the data directory lock

      const next: SyntheticOptions = { source, count: COUNT + 500, changed: COUNT, generation: 1, scanId: 'crash-2' };
      const killed = await saveAndKill(location.options, next, { afterAssets: PAUSE_AFTER });
      assert.equal(killed.sawFaultPoint, true, `the child never reached the fault point:\n${killed.stderr}`);
      assert.equal(killed.signal, 'SIGKILL');

      store = await openStore(location.options); // PGlite: takes over the dead child's lock and recovers
      try {
        assert.deepEqual((await store.listScans(source)).map((s) => s.id), ['crash-1']);
        const assets = await store.assets(source);
        assert.equal(assets.length, COUNT);
        assert.deepEqual(new Set(assets.map((a) => a.attrs.version)), new Set(['1.0']));
        assert.deepEqual(new Set(assets.map((a) => a.lastSeen)), new Set(['2025-02-01T00:00:00.000Z']));
        assert.equal((await store.diff(source))?.toScan, 'crash-1');
        const [summary] = await store.listSources();
        assert.deepEqual([summary.lastScanId, summary.assetCount, summary.scanCount], ['crash-1', COUNT, 1]);

        const saved = await store.saveScan(syntheticReport({ ...next, scanId: 'crash-3', startedAt: '2025-02-03T00:00:00.000Z' }));
        assert.deepEqual([saved.diff.fromScan, saved.diff.added.length, saved.diff.changed.length, saved.diff.removed.length],
          ['crash-1', 500, COUNT, 0]);
        assert.deepEqual((await store.listScans(source)).map((s) => s.id), ['crash-3', 'crash-1']);
        const versions = (await store.assets(source)).map((a) => a.attrs.version);
        assert.deepEqual([versions.filter((v) => v === '1.2').length, versions.filter((v) => v === '1.0').length],
          [COUNT, 500]);
      } finally {
        await store.close();
      }
    });
  });
}
