// End to end over HTTP, on each engine: users of each role, the example organisation as a source, a scan run in the
// background, the inventory, graph, triage of a finding, KPIs, compliance evidence export, and the audit log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { type EngineName, REPO_ROOT } from '../store/engines.js';
import { type Client, withServer } from './harness.js';
import { GithubReceiver } from '../support/receivers/index.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'acme-ai');

export async function waitForRun(c: Client, runId: string): Promise<any> {
  for (;;) {
    const r = await c.get(`/api/scan-runs/${runId}`);
    assert.equal(r.status, 200);
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
    await sleep(200);
  }
}

export function e2eSuite(engine: EngineName): void {
  describe(`server end to end on ${engine}`, () => {
    test('source → scan → inventory → graph → triage → KPIs → compliance export → audit log', async () => {
      // scans and deliveries run through the job queue, as under `aispm serve`; tickets go to a GitHub stand-in
      const github = await new GithubReceiver('ghp_e2etoken0123456789abcdefghijklmnopqrs').start();
      try {
      await withServer(engine, async (srv) => {
        const analyst = await srv.userOf('analyst', 'alice');
        const viewer = await srv.userOf('viewer', 'victor');
        const a = analyst.client;
        const v = viewer.client;

        // a source: validated, and only analysts and admins may add one
        assert.equal((await v.post('/api/sources', { name: 'acme-ai', location: EXAMPLE })).status, 403);
        const bad = await a.post('/api/sources', { name: 'nowhere', location: path.join(EXAMPLE, 'no-such-folder') });
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /body\.location: no such folder/);
        assert.equal((await a.post('/api/sources', { name: 'rel', location: 'examples/acme-ai' })).status, 400);
        const created = await a.post('/api/sources', { name: 'acme-ai', location: EXAMPLE, description: 'the example organisation' });
        assert.equal(created.status, 201, created.text);
        const sourceId = created.body.id;
        assert.equal(created.body.createdBy, 'alice');
        assert.equal((await a.post('/api/sources', { name: 'acme-ai', location: EXAMPLE })).status, 409);

        // a scan on demand, run in the background; a viewer may watch but not start one
        assert.equal((await v.post(`/api/sources/${sourceId}/scans`)).status, 403);
        const queued = await a.post(`/api/sources/${sourceId}/scans`);
        assert.equal(queued.status, 202, queued.text);
        assert.ok(['queued', 'running'].includes(queued.body.status));
        const run = await waitForRun(v, queued.body.id);
        assert.equal(run.status, 'succeeded', run.error);
        assert.ok(run.summary.assets > 20, JSON.stringify(run.summary));
        assert.ok(run.scanId);
        const runs = await v.get(`/api/scan-runs?sourceId=${sourceId}`);
        assert.equal(runs.body.total, 1);

        const source = (await v.get(`/api/sources/${sourceId}`)).body;
        assert.equal(source.scanCount, 1);
        assert.equal(source.lastScanId, run.scanId);
        assert.equal(source.location, EXAMPLE);
        const scans = await v.get('/api/scans?source=acme-ai');
        assert.equal(scans.body.items[0].id, run.scanId);

        // inventory: filters, sort, pagination, search, facets
        const all = await v.get('/api/assets?source=acme-ai&limit=500');
        assert.equal(all.status, 200);
        assert.equal(all.body.total, source.assetCount);
        const models = await v.get('/api/assets?source=acme-ai&kind=model&sort=name');
        assert.ok(models.body.total > 0);
        assert.ok(models.body.items.every((x: any) => x.kind === 'model'));
        const names = models.body.items.map((x: any) => x.name);
        assert.deepEqual(names, [...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
        const page1 = await v.get('/api/assets?source=acme-ai&limit=5&offset=0&sort=kind');
        const page2 = await v.get('/api/assets?source=acme-ai&limit=5&offset=5&sort=kind');
        assert.equal(page1.body.items.length, 5);
        const ids1 = new Set(page1.body.items.map((x: any) => x.id));
        assert.ok(page2.body.items.every((x: any) => !ids1.has(x.id)), 'pages do not overlap');
        const provider = models.body.items.find((x: any) => x.provider)?.provider;
        if (provider) {
          const byProvider = await v.get(`/api/assets?source=acme-ai&provider=${encodeURIComponent(provider)}`);
          assert.ok(byProvider.body.total > 0 && byProvider.body.items.every((x: any) => x.provider === provider));
        }
        const target = models.body.items[0];
        const search = await v.get(`/api/assets?q=${encodeURIComponent(target.name.slice(0, 6))}`);
        assert.ok(search.body.items.some((x: any) => x.id === target.id));
        assert.equal((await v.get('/api/assets?kind=not-a-kind')).status, 400);
        const facets = await v.get('/api/assets/facets?source=acme-ai');
        assert.ok(facets.body.kind.some((f: any) => f.value === 'model' && f.count === models.body.total));

        // one asset: evidence and relationships; ownership assignment survives as the effective owner
        const detail = await v.get(`/api/assets/${encodeURIComponent(target.id)}`);
        assert.equal(detail.status, 200);
        assert.ok(detail.body.evidence.length > 0);
        assert.ok(detail.body.relationships.incoming.length + detail.body.relationships.outgoing.length > 0);
        assert.equal((await v.put(`/api/assets/${encodeURIComponent(target.id)}/owner`, { owner: 'team-ml' })).status, 403);
        const owned = await a.put(`/api/assets/${encodeURIComponent(target.id)}/owner`, { owner: 'team-ml' });
        assert.equal(owned.status, 200, owned.text);
        assert.equal(owned.body.owner, 'team-ml');
        assert.equal(owned.body.ownerAssigned, true);
        const byOwner = await v.get('/api/assets?owner=team-ml');
        assert.deepEqual(byOwner.body.items.map((x: any) => x.id), [target.id]);

        // graph explorer: the neighbourhood holds the asset and its neighbours, edges only between returned nodes
        const hood = await v.get(`/api/graph/neighbourhood?asset=${encodeURIComponent(target.id)}&hops=2`);
        assert.equal(hood.status, 200, hood.text);
        assert.ok(hood.body.nodes.some((n: any) => n.id === target.id && n.depth === 0));
        assert.ok(hood.body.nodes.length > 1 && hood.body.edges.length > 0);
        const nodeIds = new Set(hood.body.nodes.map((n: any) => n.id));
        assert.ok(hood.body.edges.every((e: any) => nodeIds.has(e.from) && nodeIds.has(e.to)));
        const paths = await v.get('/api/graph/paths?source=acme-ai');
        assert.equal(paths.status, 200);
        assert.equal(paths.body.scanId, run.scanId);

        // findings: the queue, then triage by an analyst (a viewer cannot)
        const queue = await v.get('/api/findings?source=acme-ai&status=open&sort=score');
        assert.equal(queue.status, 200);
        assert.ok(queue.body.total > 0, 'the example has findings');
        const scores = queue.body.items.map((f: any) => f.score);
        assert.deepEqual(scores, [...scores].sort((x: number, y: number) => y - x));
        // the other direction is the same queue reversed (ties broken the same way), and pages tile it
        const full = (await v.get('/api/findings?source=acme-ai&limit=500')).body.items.map((x: any) => `${x.source}/${x.fingerprint}`);
        const reversed = (await v.get('/api/findings?source=acme-ai&limit=500&order=asc')).body.items.map((x: any) => `${x.source}/${x.fingerprint}`);
        assert.deepEqual(reversed, [...full].reverse());
        const tiles = [...(await v.get('/api/findings?source=acme-ai&limit=3')).body.items, ...(await v.get('/api/findings?source=acme-ai&limit=3&offset=3')).body.items];
        assert.deepEqual(tiles.map((x: any) => `${x.source}/${x.fingerprint}`), full.slice(0, 6));
        const bySeverity = (await v.get('/api/findings?source=acme-ai&severity=critical,high&limit=500')).body;
        assert.ok(bySeverity.items.every((x: any) => x.severity === 'critical' || x.severity === 'high'));
        const f = queue.body.items[0];
        const fp = f.fingerprint;
        assert.equal((await v.post(`/api/findings/${fp}/accept`, { reason: 'no' })).status, 403);
        assert.equal((await a.post(`/api/findings/${fp}/accept`, { reason: 'ok', until: '2001-01-01' })).status, 400, 'an expiry in the past');
        const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        const accepted = await a.post(`/api/findings/${fp}/accept`, { reason: 'compensating control: egress proxy', until });
        assert.equal(accepted.status, 200, accepted.text);
        assert.equal(accepted.body.status, 'accepted');
        assert.equal(accepted.body.acceptedUntil.slice(0, 10), until);
        assert.equal((await a.post(`/api/findings/${fp}/assign`, { assignee: 'bob' })).body.assignee, 'bob');
        assert.equal((await a.post(`/api/findings/${fp}/comments`, { text: 'reviewed with the ML team' })).status, 201);
        const history = await v.get(`/api/findings/${fp}/history`);
        const kinds = history.body.items.map((e: any) => e.kind);
        assert.deepEqual(kinds, ['opened', 'accepted', 'assigned', 'commented']);
        assert.equal(history.body.items[1].by, 'alice');
        assert.equal((await v.get(`/api/findings?source=acme-ai&status=accepted`)).body.total, 1);
        assert.equal((await a.post(`/api/findings/${fp}/reopen`, { reason: 'control removed' })).body.status, 'open');
        const second = queue.body.items[1];
        if (second) assert.equal((await a.post(`/api/findings/${second.fingerprint}/false-positive`, { reason: 'test fixture' })).body.status, 'false-positive');
        assert.equal((await a.post('/api/findings/0000000000000000/accept', { reason: 'x' })).status, 404);

        // a ticket for a finding on the local GitHub stand-in, opened through the job queue, linking back here
        const tracker = await srv.admin.post('/api/integrations', { name: 'github', type: 'github',
          config: { apiUrl: github.url, repository: 'acme/ai-platform' }, secrets: { token: 'ghp_e2etoken0123456789abcdefghijklmnopqrs' } });
        assert.equal(tracker.status, 201, tracker.text);
        assert.equal((await v.post(`/api/findings/${fp}/tickets`, { integrationId: tracker.body.id })).status, 403);
        const asked = await a.post(`/api/findings/${fp}/tickets`, { integrationId: tracker.body.id });
        assert.equal(asked.status, 202, asked.text);
        let ticket = asked.body.ticket;
        while (ticket.status === 'pending') {
          await sleep(100);
          ticket = (await v.get(`/api/tickets/${ticket.id}`)).body;
        }
        assert.equal(ticket.status, 'open', ticket.lastError);
        assert.ok(github.issues.get(`acme/ai-platform#${ticket.key.slice(1)}`)?.body.includes(`/findings/${fp}`));

        const kpis = await v.get('/api/kpis?source=acme-ai');
        assert.equal(kpis.status, 200);
        const network = (await v.get('/api/assets?source=acme-ai&kind=network')).body.total;
        assert.equal(kpis.body.assets, source.assetCount - network, 'KPIs count every asset but the internet node');
        const trend = await v.get('/api/kpis/trend?source=acme-ai');
        assert.equal(trend.body.items.length, 1);
        assert.equal(trend.body.items[0].scanId, run.scanId);

        // compliance: JSON per framework, and the evidence export
        const frameworks = await v.get('/api/compliance/frameworks');
        assert.ok(frameworks.body.items.some((x: any) => x.id === 'owasp-llm-2025'));
        const comp = await v.get('/api/compliance/owasp-llm-2025?source=acme-ai');
        assert.equal(comp.status, 200, comp.text);
        assert.equal(comp.body.framework.id, 'owasp-llm-2025');
        assert.ok(comp.body.controls.length > 0);
        assert.ok(comp.body.summary.fail > 0, 'the example fails some control');
        const html = await v.get('/api/compliance/owasp-llm-2025/export?source=acme-ai&format=html');
        assert.equal(html.status, 200);
        assert.match(html.headers.get('content-type') ?? '', /text\/html/);
        assert.match(html.headers.get('content-disposition') ?? '', /aispm-owasp-llm-2025-acme-ai\.html/);
        assert.match(html.text, /<html/i);
        assert.equal((await v.get('/api/compliance/not-a-framework?source=acme-ai')).status, 404);

        // a rescan: a second scan and its drift
        const again = await waitForRun(a, (await a.post(`/api/sources/${sourceId}/scans`)).body.id);
        assert.equal(again.status, 'succeeded');
        const diff = await v.get(`/api/scans/${again.scanId}/diff`);
        assert.equal(diff.status, 200);
        // (the example folder may change between the scans while others edit it: compare with the run, not with zero)
        assert.equal(diff.body.toScan, again.scanId);
        assert.equal(diff.body.fromScan, run.scanId);
        assert.equal(diff.body.added.length, again.summary.added);
        assert.equal(diff.body.removed.length, again.summary.removed);
        assert.equal((await v.get('/api/kpis/trend?source=acme-ai')).body.items.length, 2);
        // the assigned owner survives the rescan
        assert.equal((await v.get(`/api/assets/${encodeURIComponent(target.id)}`)).body.owner, 'team-ml');

        // a source whose folder disappeared: the run fails with the reason, it is not lost
        const gone = mkdtempSync(path.join(tmpdir(), 'aispm-gone-'));
        const doomed = await a.post('/api/sources', { name: 'doomed', location: gone });
        rmSync(gone, { recursive: true, force: true });
        const failed = await waitForRun(a, (await a.post(`/api/sources/${doomed.body.id}/scans`)).body.id);
        assert.equal(failed.status, 'failed');
        assert.match(failed.error, /no such folder/);

        // the audit log tells who did what
        assert.equal((await a.get('/api/audit')).status, 403);
        const audit = await srv.admin.get('/api/audit?limit=200&order=asc');
        const actions = audit.body.items.map((e: any) => `${e.actor}:${e.action}`);
        for (const want of ['alice:source.create', 'alice:scan.request', 'alice:asset.owner', 'alice:finding.accept',
          'alice:finding.assign', 'alice:finding.comment', 'alice:finding.reopen', 'victor:compliance.export', 'aispm:scan.fail', 'alice:ticket.create']) {
          assert.ok(actions.includes(want), `${want} in ${actions.join(' ')}`);
        }
        const acceptEntry = audit.body.items.find((e: any) => e.action === 'finding.accept');
        assert.equal(acceptEntry.targetId, fp);
        assert.equal(acceptEntry.before.status, 'open');
        assert.equal(acceptEntry.after.status, 'accepted');

        // deleting a source is for admins, and takes its data with it
        assert.equal((await a.delete(`/api/sources/${sourceId}`)).status, 403);
        assert.equal((await srv.admin.delete(`/api/sources/${sourceId}`)).status, 204);
        assert.equal((await v.get('/api/assets?source=acme-ai')).body.total, 0);
      });
      } finally {
        await github.close();
      }
    });
  });
}
