// The store's behaviour, written once and run on each engine (see store.pglite.test.ts, store.postgres.test.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type AssetRef, type Store } from '../../src/store/index.js';
import type { Asset } from '../../src/model/asset.js';
import { freshLocation, type EngineLocation, type EngineName } from './engines.js';
import {
  APP_ID, AUTH_WITH, baseline, CALLS_SERVICE, MODEL_ID, SECRET_ID, SERVICE_ID, T1, T2, T3, T4, T5,
  USES_MODEL, app, model, report, secret, service,
} from './fixtures.js';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ref = (a: Asset): AssetRef => ({ id: a.id, kind: a.kind, name: a.name });

export function storeSuite(engine: EngineName): void {
  describe(`store on ${engine}`, () => {
    let location: EngineLocation;
    let store: Store;

    before(async () => {
      location = await freshLocation(engine);
      store = await openStore(location.options); // one store per file: PGlite's first open costs seconds
    });
    after(async () => {
      await store?.close();
      await location?.dispose();
    });

    test('the first scan adds every asset and edge, with first and last seen at the scan time', async () => {
      const saved = await store.saveScan(baseline('first', T1, 'first-1'));
      assert.equal(store.kind, engine);
      assert.equal(saved.scanId, 'first-1');
      assert.equal(typeof saved.sourceId, 'number');
      assert.deepEqual(saved.diff, {
        source: 'first',
        toScan: 'first-1',
        added: [app(), model(), service(), secret()].map(ref).sort(byId),
        removed: [],
        changed: [],
        edgesAdded: [AUTH_WITH, CALLS_SERVICE, USES_MODEL].sort((a, b) => (a.kind < b.kind ? -1 : 1)),
        edgesRemoved: [],
      });
      const assets = await store.assets('first');
      assert.deepEqual(assets.map((a) => a.id), [SERVICE_ID, APP_ID, MODEL_ID, SECRET_ID]); // by kind, then id
      const stored = assets.find((a) => a.id === MODEL_ID);
      assert.deepEqual(stored, {
        ...model(),
        // evidence is a set, stored in a stable order
        evidence: [...model().evidence].sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : 1)),
        firstSeen: T1,
        lastSeen: T1,
      });
      assert.deepEqual(await store.assets('first', { kind: 'secret' }), [{ ...secret(), firstSeen: T1, lastSeen: T1 }]);
      const [scan] = await store.listScans('first');
      assert.deepEqual(
        { ...scan, stats: undefined },
        { id: 'first-1', source: 'first', startedAt: T1, finishedAt: T1, status: 'complete', toolVersion: '0.0.0-test',
          stats: undefined, assetCount: 4, edgeCount: 3, warningCount: 1, added: 4, changed: 0, removed: 0 },
      );
      assert.equal(scan.stats.files, 4);
      const sources = await store.listSources();
      assert.deepEqual(sources.find((s) => s.name === 'first'), {
        id: saved.sourceId, name: 'first', root: './first', scanCount: 1, lastScanId: 'first-1', lastScanAt: T1,
        assetCount: 4,
      });
    });

    test('an unchanged rescan updates rows in place: same ids, first seen kept, last seen moved, empty diff', async () => {
      await store.saveScan(baseline('rescan', T1, 'rescan-1'));
      const saved = await store.saveScan(baseline('rescan', T2, 'rescan-2'));
      assert.deepEqual(saved.diff, {
        source: 'rescan', fromScan: 'rescan-1', toScan: 'rescan-2',
        added: [], removed: [], changed: [], edgesAdded: [], edgesRemoved: [],
      });
      const assets = await store.assets('rescan');
      assert.equal(assets.length, 4);
      for (const a of assets) assert.deepEqual([a.firstSeen, a.lastSeen], [T1, T2], a.id);
      assert.equal((await store.edges('rescan')).length, 3);
      assert.deepEqual((await store.listScans('rescan')).map((s) => [s.id, s.added, s.changed]), [
        ['rescan-2', 0, 0], ['rescan-1', 4, 0],
      ]);
      // evidence listed in another order is the same set: not a change
      const reordered = baseline('rescan', T3, 'rescan-3');
      reordered.assets[1] = model({ evidence: [...model().evidence].reverse() });
      assert.deepEqual((await store.saveScan(reordered)).diff.changed, []);
    });

    test('attribute changes are named by dotted path, with before and after values', async () => {
      await store.saveScan(baseline('attrs', T1, 'attrs-1'));
      const changedModel = model({
        owner: 'team-platform',
        attrs: { version: '2024-08-06', params: { temperature: 0.7, maxTokens: 512 }, region: 'eu' },
      });
      const saved = await store.saveScan(report('attrs', T2, [app(), changedModel, service(), secret()],
        [USES_MODEL, CALLS_SERVICE, AUTH_WITH], 'attrs-2'));
      assert.deepEqual(saved.diff.changed, [{
        asset: { id: MODEL_ID, kind: 'model', name: 'gpt-4o' },
        changes: [
          { field: 'owner', before: 'team-ai', after: 'team-platform' },
          { field: 'attrs.params.temperature', before: 0.2, after: 0.7 },
          { field: 'attrs.region', before: null, after: 'eu' },
          { field: 'attrs.version', before: '2024-05-13', after: '2024-08-06' },
        ],
        evidenceOnly: false,
      }]);
      assert.deepEqual([saved.diff.added, saved.diff.removed], [[], []]);
      const [stored] = await store.assets('attrs', { kind: 'model' });
      assert.deepEqual([stored.owner, stored.attrs.version, stored.firstSeen, stored.lastSeen],
        ['team-platform', '2024-08-06', T1, T2]);
      // the history query rebuilds the same diff as the save returned
      assert.deepEqual(await store.diff('attrs'), saved.diff);
    });

    test('evidence line shifts alone are a change of field "evidence" flagged evidenceOnly', async () => {
      await store.saveScan(baseline('evidence', T1, 'evidence-1'));
      const shifted = model({ evidence: model().evidence.map((e) => ({ ...e, line: (e.line ?? 0) + 3 })) });
      const saved = await store.saveScan(report('evidence', T2, [app(), shifted, service(), secret()],
        [USES_MODEL, CALLS_SERVICE, AUTH_WITH], 'evidence-2'));
      assert.equal(saved.diff.changed.length, 1);
      const [change] = saved.diff.changed;
      assert.equal(change.evidenceOnly, true);
      assert.deepEqual(change.changes.map((c) => c.field), ['evidence']);
      assert.deepEqual(change.changes[0].before, [
        { file: 'app/batch.py', line: 40, snippet: 'model="gpt-4o"', collector: 'python' },
        { file: 'app/chat.py', line: 12, snippet: 'model="gpt-4o"', collector: 'python' },
      ]);
      assert.deepEqual((change.changes[0].after as Array<{ line: number }>).map((e) => e.line), [43, 15]);
      // an attribute change together with moved evidence is not evidence-only
      const both = model({ evidence: shifted.evidence, attrs: { ...model().attrs, version: 'x' } });
      const again = await store.saveScan(report('evidence', T3, [app(), both, service(), secret()],
        [USES_MODEL, CALLS_SERVICE, AUTH_WITH], 'evidence-3'));
      assert.deepEqual(again.diff.changed.map((c) => [c.evidenceOnly, c.changes.map((x) => x.field)]),
        [[false, ['attrs.version']]]);
      assert.deepEqual(await store.diff('evidence', { from: 'evidence-1', to: 'evidence-3' }).then((d) =>
        d?.changed.map((c) => [c.evidenceOnly, c.changes.map((x) => x.field)])), [[false, ['attrs.version', 'evidence']]]);
    });

    test('an asset gone is removed (kept with its last seen), and coming back is added again', async () => {
      await store.saveScan(baseline('comeback', T1, 'comeback-1'));
      await store.saveScan(baseline('comeback', T2, 'comeback-2'));
      const gone = await store.saveScan(report('comeback', T3, [app(), model(), service()],
        [USES_MODEL, CALLS_SERVICE], 'comeback-3'));
      assert.deepEqual(gone.diff.removed, [{ id: SECRET_ID, kind: 'secret', name: 'OPENAI_API_KEY' }]);
      assert.deepEqual(gone.diff.edgesRemoved, [AUTH_WITH]);
      assert.deepEqual((await store.assets('comeback')).map((a) => a.id).includes(SECRET_ID), false);
      const kept = (await store.assets('comeback', { includeRemoved: true })).find((a) => a.id === SECRET_ID);
      assert.deepEqual([kept?.firstSeen, kept?.lastSeen], [T1, T2]);
      assert.deepEqual((await store.listSources()).find((s) => s.name === 'comeback')?.assetCount, 3);

      const back = await store.saveScan(baseline('comeback', T4, 'comeback-4'));
      assert.deepEqual(back.diff.added, [{ id: SECRET_ID, kind: 'secret', name: 'OPENAI_API_KEY' }]);
      assert.deepEqual(back.diff.edgesAdded, [AUTH_WITH]);
      const returned = (await store.assets('comeback')).find((a) => a.id === SECRET_ID);
      assert.deepEqual([returned?.firstSeen, returned?.lastSeen], [T1, T4]);
      assert.equal((await store.assets('comeback', { includeRemoved: true })).length, 4);
      // across the whole gap nothing changed for the secret: gone and back nets out
      const span = await store.diff('comeback', { from: 'comeback-2', to: 'comeback-4' });
      assert.deepEqual([span?.added, span?.removed, span?.changed, span?.edgesAdded, span?.edgesRemoved],
        [[], [], [], [], []]);
    });

    test('edges: added and removed between scans, the current set readable', async () => {
      await store.saveScan(report('edges', T1, [app(), model(), service()], [USES_MODEL], 'edges-1'));
      const saved = await store.saveScan(report('edges', T2, [app(), model(), service()], [CALLS_SERVICE], 'edges-2'));
      assert.deepEqual([saved.diff.edgesAdded, saved.diff.edgesRemoved], [[CALLS_SERVICE], [USES_MODEL]]);
      assert.deepEqual(await store.edges('edges'), [CALLS_SERVICE]);
      // an edge attribute change keeps the edge (no added/removed) and stores the new attributes
      const withAttrs = { ...CALLS_SERVICE, attrs: { via: 'sdk' } };
      const third = await store.saveScan(report('edges', T3, [app(), model(), service()], [withAttrs], 'edges-3'));
      assert.deepEqual([third.diff.edgesAdded, third.diff.edgesRemoved], [[], []]);
      assert.deepEqual(await store.edges('edges'), [withAttrs]);
    });

    test('diff between any two scans, reversed, and for unknown sources or scans', async () => {
      await store.saveScan(report('span', T1, [app(), model()], [USES_MODEL], 'span-1'));
      await store.saveScan(report('span', T2, [app(), model({ owner: 'x' }), service()], [USES_MODEL], 'span-2'));
      await store.saveScan(report('span', T3, [app(), model({ owner: 'y' }), secret()], [AUTH_WITH], 'span-3'));
      const d = await store.diff('span', { from: 'span-1', to: 'span-3' });
      assert.deepEqual(d, {
        source: 'span', fromScan: 'span-1', toScan: 'span-3',
        added: [ref(secret())], removed: [],
        changed: [{ asset: ref(model()), changes: [{ field: 'owner', before: 'team-ai', after: 'y' }], evidenceOnly: false }],
        edgesAdded: [AUTH_WITH], edgesRemoved: [USES_MODEL],
      });
      const back = await store.diff('span', { from: 'span-3', to: 'span-1' });
      assert.deepEqual([back?.added, back?.removed, back?.changed[0].changes, back?.edgesAdded, back?.edgesRemoved],
        [[], [ref(secret())], [{ field: 'owner', before: 'y', after: 'team-ai' }], [USES_MODEL], [AUTH_WITH]]);
      const first = await store.diff('span', { to: 'span-1' });
      assert.deepEqual([first?.fromScan, first?.added.length], [undefined, 2]);
      const latest = await store.diff('span');
      assert.deepEqual([latest?.fromScan, latest?.toScan, latest?.added, latest?.removed],
        ['span-2', 'span-3', [ref(secret())], [ref(service())]]);
      assert.equal(await store.diff('no-such-source'), undefined);
      await assert.rejects(store.diff('span', { from: 'first-1' }), /first-1 is not a scan of source span/);
    });

    test('a failing save is rolled back whole: the previous state stays', async () => {
      await store.saveScan(baseline('atomic', T1, 'atomic-1'));
      const conflicting = report('atomic', T2, [app(), model({ owner: 'changed' })], [], 'atomic-1');
      await assert.rejects(store.saveScan(conflicting), /scan atomic-1 is already saved/);
      assert.deepEqual((await store.listScans('atomic')).map((s) => s.id), ['atomic-1']);
      const assets = await store.assets('atomic');
      assert.deepEqual([assets.length, assets.find((a) => a.id === MODEL_ID)?.owner], [4, 'team-ai']);
      assert.equal((await store.edges('atomic')).length, 3);
      // and the next save still works, against the untouched previous state
      const next = await store.saveScan(baseline('atomic', T5));
      assert.deepEqual([next.diff.fromScan, next.diff.changed, next.diff.added], ['atomic-1', [], []]);
      assert.match(next.scanId, /^[0-9a-f-]{36}$/);
    });

    test('scans list newest first, across sources and limited', async () => {
      const all = await store.listScans();
      assert.ok(all.length >= 10);
      assert.deepEqual((await store.listScans(undefined, 2)).map((s) => s.source), all.slice(0, 2).map((s) => s.source));
      assert.deepEqual((await store.listScans('span')).map((s) => s.id), ['span-3', 'span-2', 'span-1']);
    });
  });
}
