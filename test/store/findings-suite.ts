// The finding lifecycle in the store, written once and run on each engine (findings.pglite/postgres.test.ts).
// Times come from an injected clock and the scans' own start times: nothing here waits for the wall clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Asset, Edge } from '../../src/model/asset.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { assetId } from '../../src/model/ids.js';
import { fingerprint } from '../../src/policy/fingerprint.js';
import { FindingTriageError, openStore, type Store } from '../../src/store/index.js';
import { freshLocation, type EngineLocation, type EngineName } from './engines.js';
import { model, report, secret, T1, T2, T3, T4, T5 } from './fixtures.js';

const HOUR = 3600_000;
const at = (iso: string, hours = 0) => new Date(new Date(iso).getTime() + hours * HOUR);

function findingOn(asset: Asset, checkId: string, over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: fingerprint(checkId, asset),
    checkId,
    severity: 'high',
    score: 70,
    reasons: [{ factor: 'severity', points: 70, detail: 'high severity' }],
    title: `${checkId} title`,
    message: `${asset.name} fails ${checkId}`,
    assetId: asset.id,
    evidence: asset.evidence,
    frameworks: { 'owasp-llm-2025': ['LLM02:2025'] },
    remediation: 'fix it',
    status: 'open',
    ...over,
  };
}

/**
 * Two findings with check ids of their own per test: a fingerprint names the same finding in every source (triage
 * applies to all of them), so tests that share one store must not share fingerprints.
 */
function pair(tag: string) {
  return {
    KEY: findingOn(secret(), `AISPM-SEC-${tag}`, { severity: 'critical', score: 90 }),
    LICENSE: findingOn(model(), `AISPM-GOV-${tag}`, { severity: 'low', score: 30 }),
  };
}

/** A judged scan: the fixture assets with these findings, by checks that include every check named. */
function judged(source: string, startedAt: string, scanId: string, findings: Finding[], checks?: string[]) {
  const r = report(source, startedAt, [model(), secret()], [], scanId);
  r.findings = findings;
  if (checks) r.scan.checks = checks;
  return r;
}

export function findingsSuite(engine: EngineName): void {
  describe(`finding lifecycle on ${engine}`, () => {
    let location: EngineLocation;
    let store: Store;
    let clock = new Date(T1);

    before(async () => {
      location = await freshLocation(engine);
      store = await openStore({ ...location.options, now: () => clock });
    });
    after(async () => {
      await store?.close();
      await location?.dispose();
    });

    test('three scans: open, auto-resolve when no longer seen, reopen when seen again; history and MTTR', async () => {
      const { KEY, LICENSE } = pair('life');
      clock = at(T1);
      const first = await store.saveScan(judged('life', T1, 'life-1', [KEY, LICENSE]));
      assert.deepEqual(first.findings, { opened: 2, reopened: 0, resolved: 0, expired: 0, triaged: [] });
      let page = await store.findings({ source: 'life' });
      assert.equal(page.total, 2);
      assert.deepEqual(page.items.map((f) => [f.checkId, f.status, f.firstSeen, f.lastSeen, f.firstScan, f.lastScan]), [
        [KEY.checkId, 'open', T1, T1, 'life-1', 'life-1'],
        [LICENSE.checkId, 'open', T1, T1, 'life-1', 'life-1'],
      ]);
      const stored = page.items[0];
      assert.deepEqual({ ...stored, source: undefined, firstSeen: undefined, lastSeen: undefined, firstScan: undefined, lastScan: undefined },
        { ...KEY, source: undefined, firstSeen: undefined, lastSeen: undefined, firstScan: undefined, lastScan: undefined });

      clock = at(T2);
      const second = await store.saveScan(judged('life', T2, 'life-2', [KEY]));
      assert.deepEqual(second.findings, { opened: 0, reopened: 0, resolved: 1, expired: 0, triaged: [] });
      const gone = await store.finding(LICENSE.fingerprint);
      assert.deepEqual([gone?.status, gone?.resolvedAt, gone?.lastSeen, gone?.lastScan], ['resolved', T2, T1, 'life-1']);
      const kept = await store.finding(KEY.fingerprint);
      assert.deepEqual([kept?.status, kept?.firstSeen, kept?.lastSeen, kept?.lastScan, kept?.resolvedAt], ['open', T1, T2, 'life-2', undefined]);

      clock = at(T4);
      const third = await store.saveScan(judged('life', T4, 'life-3', [KEY, LICENSE]));
      assert.deepEqual(third.findings, { opened: 0, reopened: 1, resolved: 0, expired: 0, triaged: [] });
      const back = await store.finding(LICENSE.fingerprint);
      assert.deepEqual([back?.status, back?.firstSeen, back?.lastSeen, back?.resolvedAt], ['open', T1, T4, undefined]);
      assert.deepEqual((await store.findingHistory(LICENSE.fingerprint)).map((e) => [e.kind, e.at, e.by, e.scanId]), [
        ['opened', T1, 'aispm', 'life-1'],
        ['resolved', T2, 'aispm', 'life-2'],
        ['reopened', T4, 'aispm', 'life-3'],
      ]);
      page = await store.findings({ source: 'life', status: ['open'] });
      assert.equal(page.total, 2);
      const kpis = await store.kpis('life');
      assert.equal(kpis.meanTimeToRemediateHours, 24); // one remediation: opened T1, resolved T2
      assert.equal(kpis.remediated, 1);
      assert.deepEqual(kpis.openFindingsBySeverity, { critical: 1, high: 0, medium: 0, low: 1, info: 0 });
    });

    test('a changed judgement is rewritten in place: same fingerprint, first seen kept, new score and message', async () => {
      const { KEY } = pair('change');
      clock = at(T1);
      await store.saveScan(judged('change', T1, 'change-1', [KEY]));
      await store.saveScan(judged('change', T2, 'change-2', [{ ...KEY, score: 95, message: 'now reachable from the internet' }]));
      const f = await store.finding(KEY.fingerprint, 'change');
      assert.deepEqual([f?.score, f?.message, f?.firstSeen, f?.lastSeen], [95, 'now reachable from the internet', T1, T2]);
      assert.deepEqual((await store.findingHistory(KEY.fingerprint, 'change')).map((e) => e.kind), ['opened']);
    });

    test('a scan without checks resolves nothing; a scan with fewer checks holds the others back', async () => {
      const { KEY, LICENSE } = pair('partial');
      clock = at(T1);
      await store.saveScan(judged('partial', T1, 'partial-1', [KEY, LICENSE], [KEY.checkId, LICENSE.checkId]));
      const inventoryOnly = report('partial', T2, [model(), secret()], [], 'partial-2'); // --no-checks: no findings
      const saved = await store.saveScan(inventoryOnly);
      assert.equal(saved.findings, undefined);
      let page = await store.findings({ source: 'partial' });
      assert.deepEqual(page.items.map((f) => [f.checkId, f.status, f.lastSeen, f.lastScan]), [
        [KEY.checkId, 'open', T1, 'partial-1'],
        [LICENSE.checkId, 'open', T1, 'partial-1'],
      ]);
      // only the secrets check ran: the license finding is neither seen nor resolved
      const third = await store.saveScan(judged('partial', T3, 'partial-3', [KEY], [KEY.checkId]));
      assert.deepEqual([third.findings?.resolved, third.findings?.opened], [0, 0]);
      page = await store.findings({ source: 'partial' });
      assert.deepEqual(page.items.map((f) => [f.checkId, f.status, f.lastSeen, f.lastScan]), [
        [KEY.checkId, 'open', T3, 'partial-3'],
        [LICENSE.checkId, 'open', T1, 'partial-1'],
      ]);
      // the license check runs again and no longer fires: now it resolves, last seen where it was last seen
      const fourth = await store.saveScan(judged('partial', T4, 'partial-4', [KEY], [KEY.checkId, LICENSE.checkId]));
      assert.equal(fourth.findings?.resolved, 1);
      const f = await store.finding(LICENSE.fingerprint, 'partial');
      assert.deepEqual([f?.status, f?.lastSeen, f?.resolvedAt], ['resolved', T1, T4]);
    });

    test('accept until a date: suppressed while it lasts, survives rescans, reopens on read and on save when it lapses', async () => {
      const { KEY, LICENSE } = pair('accept');
      clock = at(T1);
      await store.saveScan(judged('accept', T1, 'accept-1', [KEY, LICENSE]));
      const accepted = await store.triageFinding(KEY.fingerprint, { status: 'accepted', reason: 'rotating next sprint', by: 'dana', until: T3 });
      assert.deepEqual([accepted.status, accepted.acceptedUntil, accepted.suppressed],
        ['accepted', T3, { kind: 'accepted', reason: 'rotating next sprint', by: 'dana', until: T3 }]);

      clock = at(T2);
      const rescan = await store.saveScan(judged('accept', T2, 'accept-2', [KEY, LICENSE]));
      assert.deepEqual(rescan.findings?.triaged, [{ fingerprint: KEY.fingerprint, status: 'accepted', reason: 'rotating next sprint', by: 'dana', until: T3 }]);
      assert.equal((await store.finding(KEY.fingerprint, 'accept'))?.status, 'accepted');
      assert.equal((await store.kpis('accept')).openFindingsBySeverity.critical, 0);

      clock = at(T3, 1); // an hour after the acceptance ran out: the next read reopens it
      const lapsed = await store.finding(KEY.fingerprint, 'accept');
      assert.deepEqual([lapsed?.status, lapsed?.acceptedUntil, lapsed?.suppressed], ['open', undefined, undefined]);
      assert.deepEqual((await store.findingHistory(KEY.fingerprint, 'accept')).map((e) => [e.kind, e.at, e.by, e.until ?? null]), [
        ['opened', T1, 'aispm', null],
        ['accepted', T1, 'dana', T3],
        ['expired', T3, 'aispm', T3],
      ]);

      // and on save: accept again until T4, the next scan runs after T4
      await store.triageFinding(KEY.fingerprint, { status: 'accepted', reason: 'one more week', by: 'dana', until: T4 });
      clock = at(T5);
      const late = await store.saveScan(judged('accept', T5, 'accept-3', [KEY, LICENSE]));
      assert.deepEqual([late.findings?.expired, late.findings?.triaged], [1, []]);
      assert.equal((await store.finding(KEY.fingerprint, 'accept'))?.status, 'open');
    });

    test('triage refuses what cannot be done, with a reason', async () => {
      const { KEY, LICENSE } = pair('refuse');
      clock = at(T1);
      await store.saveScan(judged('refuse', T1, 'refuse-1', [KEY, LICENSE]));
      await store.saveScan(judged('refuse', T2, 'refuse-2', [KEY]));
      clock = at(T2);
      const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => (e instanceof FindingTriageError ? e.code : String(e)));
      assert.equal(await code(store.triageFinding('f'.repeat(64), { status: 'accepted', reason: 'x', by: 'a' })), 'not-found');
      assert.equal(await code(store.triageFinding(KEY.fingerprint, { status: 'accepted', reason: 'x', by: 'a', until: T1 })), 'invalid');
      assert.equal(await code(store.triageFinding(KEY.fingerprint, { status: 'accepted', reason: ' ', by: 'a' })), 'invalid');
      assert.equal(await code(store.triageFinding(KEY.fingerprint, { status: 'accepted', reason: 'x', by: 'a', until: 'soon' })), 'invalid');
      assert.equal(await code(store.triageFinding(LICENSE.fingerprint, { status: 'accepted', reason: 'x', by: 'a' })), 'conflict');
      assert.equal(await code(store.triageFinding(KEY.fingerprint, { status: 'open', by: 'a' })), 'conflict');
      await assert.rejects(store.triageFinding(LICENSE.fingerprint, { status: 'accepted', reason: 'x', by: 'a' }), /is resolved/);
    });

    test('a false positive stays one across rescans, while gone and when it comes back; reopen makes it open', async () => {
      const { KEY, LICENSE } = pair('fp');
      clock = at(T1);
      await store.saveScan(judged('fp', T1, 'fp-1', [KEY, LICENSE]));
      await store.triageFinding(LICENSE.fingerprint, { status: 'false-positive', reason: 'the license is in LICENSE.md', by: 'sam' });
      await store.saveScan(judged('fp', T2, 'fp-2', [KEY]));
      let f = await store.finding(LICENSE.fingerprint, 'fp');
      assert.deepEqual([f?.status, f?.resolvedAt, f?.suppressed?.kind], ['false-positive', T2, 'false-positive']);
      const back = await store.saveScan(judged('fp', T3, 'fp-3', [KEY, LICENSE]));
      assert.deepEqual([back.findings?.reopened, back.findings?.triaged.map((t) => [t.status, t.by])], [0, [['false-positive', 'sam']]]);
      f = await store.finding(LICENSE.fingerprint, 'fp');
      assert.deepEqual([f?.status, f?.resolvedAt, f?.lastSeen], ['false-positive', undefined, T3]);
      clock = at(T3);
      f = await store.triageFinding(LICENSE.fingerprint, { status: 'open', by: 'lee', reason: 'the file was removed' });
      assert.deepEqual([f.status, f.suppressed], ['open', undefined]);
      assert.deepEqual((await store.findingHistory(LICENSE.fingerprint, 'fp')).map((e) => [e.kind, e.by, e.reason ?? null]), [
        ['opened', 'aispm', null],
        ['false-positive', 'sam', 'the license is in LICENSE.md'],
        ['reopened', 'lee', 'the file was removed'],
      ]);
      // no remediation happened while it was a false positive
      assert.equal((await store.kpis('fp')).remediated, 0);
    });

    test('assign and comment are recorded in the history; a fingerprint two sources share is triaged in both', async () => {
      const { KEY } = pair('shared');
      clock = at(T1);
      await store.saveScan(judged('shared-a', T1, 'shared-a-1', [KEY]));
      await store.saveScan(judged('shared-b', T2, 'shared-b-1', [KEY]));
      clock = at(T3);
      const assigned = await store.assignFinding(KEY.fingerprint, 'dana', 'lee');
      assert.equal(assigned.assignee, 'dana');
      assert.equal(assigned.source, 'shared-b'); // the most recently seen
      const comment = await store.commentFinding(KEY.fingerprint, 'ticket SEC-12', 'dana');
      assert.deepEqual([comment.kind, comment.reason, comment.by, comment.at], ['commented', 'ticket SEC-12', 'dana', at(T3).toISOString()]);
      await store.triageFinding(KEY.fingerprint, { status: 'false-positive', reason: 'test key', by: 'dana' });
      for (const source of ['shared-a', 'shared-b']) {
        const f = await store.finding(KEY.fingerprint, source);
        assert.deepEqual([f?.status, f?.assignee], ['false-positive', 'dana'], source);
        assert.deepEqual((await store.findingHistory(KEY.fingerprint, source)).map((e) => [e.kind, e.assignee ?? e.reason ?? null]), [
          ['opened', null], ['assigned', 'dana'], ['commented', 'ticket SEC-12'], ['false-positive', 'test key'],
        ]);
      }
      const unassigned = await store.assignFinding(KEY.fingerprint, null, 'lee');
      assert.equal(unassigned.assignee, undefined);
      assert.deepEqual(await store.findings({ assignee: 'dana' }).then((p) => p.total), 0);
    });

    test('findings() pages, filters and sorts; short fingerprints resolve like git short hashes', async () => {
      clock = at(T1);
      const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
      const assets: Asset[] = [];
      const findings: Finding[] = [];
      for (let i = 0; i < 30; i++) {
        const key = `page/tool-${i}`;
        const a: Asset = { id: assetId('tool', key), kind: 'tool', key, name: `tool ${i}`, attrs: {}, tags: [],
          evidence: [{ file: `tools/t${i}.py`, line: i + 1, snippet: `def tool_${i}():`, collector: 'python' }] };
        assets.push(a);
        findings.push(findingOn(a, `AISPM-PG-00${i % 3}`, { severity: severities[i % 5], score: 100 - i, title: i === 7 ? 'Shell access without approval' : `check ${i % 3}` }));
      }
      const r = report('page', T1, assets, [], 'page-1');
      r.findings = findings;
      await store.saveScan(r);

      const seen: string[] = [];
      for (let offset = 0; offset < 30; offset += 10) {
        const p = await store.findings({ source: 'page', limit: 10, offset });
        assert.deepEqual([p.total, p.limit, p.offset, p.items.length], [30, 10, offset, 10]);
        seen.push(...p.items.map((f) => f.fingerprint));
      }
      assert.equal(new Set(seen).size, 30);
      assert.deepEqual(seen, [...findings].sort((a, b) => b.score - a.score).map((f) => f.fingerprint)); // by score

      const high = await store.findings({ source: 'page', severity: ['critical', 'high'] });
      assert.equal(high.total, 12);
      assert.ok(high.items.every((f) => f.severity === 'critical' || f.severity === 'high'));
      assert.equal((await store.findings({ source: 'page', checkId: 'AISPM-PG-001' })).total, 10);
      assert.equal((await store.findings({ source: 'page', checkId: 'AISPM-PG-001', severity: ['info'] })).total, 2);
      assert.deepEqual((await store.findings({ source: 'page', q: 'shell ACCESS' })).items.map((f) => f.title), ['Shell access without approval']);
      assert.equal((await store.findings({ source: 'page', q: '100%' })).total, 0); // wildcards are literal
      const bySeverity = await store.findings({ source: 'page', sort: 'severity', order: 'asc', limit: 6 });
      assert.deepEqual(bySeverity.items.map((f) => f.severity), ['info', 'info', 'info', 'info', 'info', 'info']);
      const byCheck = await store.findings({ source: 'page', sort: 'checkId', limit: 30 });
      assert.deepEqual(byCheck.items.map((f) => f.checkId), [...findings.map((f) => f.checkId)].sort());
      assert.equal((await store.findings({ source: 'page', status: ['resolved'] })).total, 0);
      assert.equal((await store.findings({ source: 'no-such-source' })).total, 0);
      assert.equal((await store.findings({ source: 'page', limit: 5000 })).limit, 1000);

      const fp = findings[0].fingerprint;
      assert.deepEqual(await store.matchFingerprints(fp.slice(0, 12)), [fp]);
      assert.deepEqual(await store.matchFingerprints(fp.slice(0, 12).toUpperCase()), [fp]);
      assert.ok((await store.matchFingerprints('', 50)).length === 0);
      assert.ok((await store.matchFingerprints('%')).length === 0);
      const short = await store.matchFingerprints(fp.slice(0, 1), 100);
      assert.ok(short.includes(fp) && short.every((f) => f.startsWith(fp[0])));
    });

    test('KPIs: owners, models and agents mapped to data, identities and endpoints, shadow AI, open findings', async () => {
      const a = (kind: Asset['kind'], key: string, over: Partial<Asset> = {}): Asset =>
        ({ id: assetId(kind, key), kind, key, name: key, attrs: {}, evidence: [], tags: [], ...over });
      const m1 = a('model', 'openai/gpt-4o', { owner: 'team-ai' });
      const m2 = a('model', 'local/llama', { owner: 'team-ml' });
      const agent = a('agent', 'agents/support.py#agent', { owner: 'team-ai' });
      const ds = a('dataset', 'data/train.csv');
      const role = a('identity', 'arn:aws:iam::1:role/ml');
      const ep = a('endpoint', 'https://ml.example/invoke', { owner: 'team-ml' });
      const shadow = a('ai-service', 'deepseek', { attrs: { sanctioned: false } });
      const sanctioned = a('ai-service', 'anthropic', { attrs: { sanctioned: true } });
      const internet = a('network', 'internet');
      const edges: Edge[] = [
        { from: m1.id, to: ds.id, kind: 'trains-on' },
        { from: m1.id, to: role.id, kind: 'assumes' },
        { from: ep.id, to: m2.id, kind: 'serves' },
        { from: internet.id, to: ep.id, kind: 'exposes' },
      ];
      const r = report('kpi', T1, [m1, m2, agent, ds, role, ep, shadow, sanctioned, internet], edges, 'kpi-1');
      r.findings = [
        findingOn(m1, 'AISPM-A', { severity: 'high' }),
        findingOn(m2, 'AISPM-A', { severity: 'high' }),
        findingOn(agent, 'AISPM-B', { severity: 'medium', suppressed: { kind: 'inline', reason: 'demo agent' } }),
        findingOn(ep, 'AISPM-C', { severity: 'critical' }),
      ];
      clock = at(T1);
      await store.saveScan(r);
      const k = await store.kpis('kpi');
      assert.deepEqual(k, {
        source: 'kpi',
        assets: 8, // the internet node is nobody's asset
        ownerCoverage: 4 / 8,
        mappingCoverage: 2 / 3, // m1 (data, identity), m2 (endpoint); the agent has no links
        mappedTo: { data: 1 / 3, identities: 1 / 3, endpoints: 1 / 3 },
        modelsAndAgents: 3,
        shadowAiServices: 1,
        openFindingsBySeverity: { critical: 1, high: 2, medium: 0, low: 0, info: 0 }, // the inline-suppressed one is muted
        meanTimeToRemediateHours: null,
        remediated: 0,
      });
      const stored = await store.finding(r.findings[2].fingerprint, 'kpi');
      assert.deepEqual([stored?.status, stored?.suppressed], ['open', { kind: 'inline', reason: 'demo agent' }]);
      const none = await store.kpis('no-such-source');
      assert.deepEqual([none.assets, none.ownerCoverage, none.meanTimeToRemediateHours], [0, 0, null]);
      const all = await store.kpis();
      assert.equal(all.source, undefined);
      assert.ok(all.assets >= 8 && all.shadowAiServices >= 1);
    });
  });
}
