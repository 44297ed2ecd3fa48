// The job queue, schedules, integrations, tickets and the PDF export over HTTP, on both engines: a git source scanned
// as a job, a ticket opened on the GitHub stand-in and closed by the rescan that resolves its finding, a signed
// webhook test, compliance evidence as PDF, roles on every step, and the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GithubReceiver, WebhookReceiver } from '../support/receivers/index.js';
import { ENGINES } from '../store/engines.js';
import { waitForRun } from './e2e-suite.js';
import { type Client, withServer } from './harness.js';
import { ensureChromium, makeRemote } from './jobs-support.js';

const GH_TOKEN = 'ghp_apitest0123456789abcdefghijklmnopqrs';
const HOOK_SECRET = 'whsec_api_test_0123456789ab';
const MCP_HTTP = JSON.stringify({ mcpServers: { docs: { url: 'http://mcp.internal.example.com/sse', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } } } }, null, 2);

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function ticketIn(c: Client, id: number, status: string): Promise<any> {
  return until(`ticket ${id} ${status}`, async () => {
    const t = (await c.get(`/api/tickets/${id}`)).body;
    if (t.status === 'failed' && status !== 'failed') throw new Error(`ticket failed: ${t.lastError}`);
    return t.status === status ? t : undefined;
  });
}

before(async () => {
  await ensureChromium();
});

for (const engine of ENGINES) {
  describe(`jobs, integrations and tickets over the API on ${engine}`, () => {
    let root: string;
    const gh = new GithubReceiver(GH_TOKEN);
    const hook = new WebhookReceiver(HOOK_SECRET);
    before(async () => {
      root = mkdtempSync(path.join(tmpdir(), 'aispm-jobs-api-'));
      await gh.start();
      await hook.start();
    });
    after(async () => {
      await gh.close();
      await hook.close();
      rmSync(root, { recursive: true, force: true });
    });

    test('git source → scheduled and on-demand scan jobs → ticket → PDF → resolving rescan closes the ticket → audit', async () => {
      const remote = makeRemote(root);
      mkdirSync(path.join(remote.work, '.cursor'));
      remote.commit('.cursor/mcp.json', MCP_HTTP, 'mcp over http');

      await withServer(engine, async (srv) => {
        const a = (await srv.userOf('analyst', 'alice')).client;
        const v = (await srv.userOf('viewer', 'victor')).client;
        const admin = srv.admin;

        // a git source, validated
        const bad = await a.post('/api/sources', { name: 'evil', kind: 'git', location: 'ext::sh -c id' });
        assert.equal(bad.status, 400);
        assert.match(bad.body.error.message, /remote helpers/);
        const created = await a.post('/api/sources', { name: 'platform', kind: 'git', location: `${remote.bare}#main` });
        assert.equal(created.status, 201, created.text);
        const sourceId = created.body.id;

        // a schedule
        assert.equal((await v.put(`/api/sources/${sourceId}/schedule`, { schedule: '0 3 * * *' })).status, 403);
        const badCron = await a.put(`/api/sources/${sourceId}/schedule`, { schedule: '0 25 * * *' });
        assert.equal(badCron.status, 400);
        assert.match(badCron.body.error.message, /body\.schedule: .*hour/);
        const sched = await a.put(`/api/sources/${sourceId}/schedule`, { schedule: '0 3 * * 1', timezone: 'Europe/Berlin' });
        assert.equal(sched.status, 200, sched.text);
        assert.ok(Date.parse(sched.body.nextRunAt) > Date.now());
        assert.deepEqual((await v.get('/api/schedules')).body.items.map((x: any) => x.source), ['platform']);

        // a scan on demand runs as a job
        const queued = await a.post(`/api/sources/${sourceId}/scans`);
        assert.equal(queued.status, 202, queued.text);
        const run = await waitForRun(v, queued.body.id);
        assert.equal(run.status, 'succeeded', run.error);
        const jobs = await v.get('/api/jobs?kind=scan');
        assert.equal(jobs.status, 200);
        assert.equal(jobs.body.items[0].id, Number(queued.body.id));
        assert.equal(jobs.body.items[0].status, 'succeeded');
        assert.equal((await v.get(`/api/jobs/${queued.body.id}`)).body.result.scanId, run.scanId);
        assert.equal((await v.post(`/api/jobs/${queued.body.id}/retry`)).status, 403);
        assert.equal((await a.post(`/api/jobs/${queued.body.id}/retry`)).status, 409, 'a succeeded job is not retried');

        // integrations are admin business; secrets never come back
        const ghBody = { name: 'GitHub platform', type: 'github', config: { apiUrl: gh.url, repository: 'acme/ai-platform' }, secrets: { token: GH_TOKEN } };
        assert.equal((await a.post('/api/integrations', ghBody)).status, 403);
        const invalid = await admin.post('/api/integrations', { ...ghBody, config: { apiUrl: gh.url, repository: 'no-slash' } });
        assert.equal(invalid.status, 400);
        assert.match(invalid.body.error.message, /body\.config\.repository/);
        const ghInteg = await admin.post('/api/integrations', ghBody);
        assert.equal(ghInteg.status, 201, ghInteg.text);
        assert.ok(!ghInteg.text.includes(GH_TOKEN));
        const hookInteg = await admin.post('/api/integrations', {
          name: 'SIEM', type: 'webhook', config: { url: hook.webhookUrl }, secrets: { signingSecret: HOOK_SECRET }, events: ['ticket.opened', 'ticket.closed'], minSeverity: 'low',
        });
        assert.equal(hookInteg.status, 201, hookInteg.text);
        const ping = await admin.post(`/api/integrations/${hookInteg.body.id}/test`);
        assert.deepEqual(ping.body, { ok: true });
        assert.equal(hook.events.at(-1)?.event, 'ping');
        const listed = await a.get('/api/integrations');
        assert.equal(listed.body.total, 2);
        assert.ok(!listed.text.includes(HOOK_SECRET) && !listed.text.includes(GH_TOKEN));

        // a ticket for the finding, opened through the queue on the GitHub stand-in
        const findings = await v.get('/api/findings?source=platform&checkId=AISPM-MCP-002');
        const fp = findings.body.items[0]?.fingerprint;
        assert.ok(fp, findings.text);
        assert.equal((await v.post(`/api/findings/${fp}/tickets`, { integrationId: ghInteg.body.id })).status, 403);
        assert.equal((await a.post(`/api/findings/${fp}/tickets`, { integrationId: hookInteg.body.id })).status, 400, 'a webhook opens no tickets');
        const asked = await a.post(`/api/findings/${fp}/tickets`, { integrationId: ghInteg.body.id });
        assert.equal(asked.status, 202, asked.text);
        assert.equal(asked.body.ticket.status, 'pending');
        const ticket = await ticketIn(v, asked.body.ticket.id, 'open');
        assert.equal(ticket.key, '#1');
        const issue = gh.issues.get('acme/ai-platform#1')!;
        assert.ok(issue.body.includes(`${srv.url}/findings/${fp}`), 'the issue links back to the finding on this server');
        assert.deepEqual((await v.get(`/api/tickets?fingerprint=${fp}`)).body.items.map((t: any) => t.id), [ticket.id]);

        // compliance evidence as PDF
        const pdf = await v.get('/api/compliance/owasp-mcp/pdf?source=platform');
        assert.equal(pdf.status, 200, pdf.text.slice(0, 300));
        assert.equal(pdf.headers.get('content-type'), 'application/pdf');
        assert.ok(pdf.text.startsWith('%PDF-'));
        assert.match(pdf.headers.get('content-disposition') ?? '', /aispm-owasp-mcp-platform\.pdf/);

        // the fix lands; the next scan resolves the finding and the ticket is closed in GitHub
        remote.commit('.cursor/mcp.json', MCP_HTTP.replace('http://', 'https://'), 'TLS');
        const rescan = await waitForRun(a, (await a.post(`/api/sources/${sourceId}/scans`)).body.id);
        assert.equal(rescan.status, 'succeeded', rescan.error);
        const closed = await ticketIn(v, ticket.id, 'closed');
        assert.ok(closed.closedAt);
        assert.equal(issue.state, 'closed');
        await until('the ticket.closed webhook', async () => (hook.events.some((e) => e.event === 'ticket.closed') ? true : undefined));
        assert.equal(hook.rejected.length, 0);

        // the audit trail
        const audit = await admin.get('/api/audit?limit=200&order=asc');
        const actions = audit.body.items.map((e: any) => `${e.actor}:${e.action}`);
        for (const want of ['alice:source.create', 'alice:source.schedule', 'alice:scan.request', 'admin:integration.create', 'admin:integration.test',
          'alice:ticket.create', 'victor:compliance.export']) {
          assert.ok(actions.includes(want), `${want} in ${actions.join(' ')}`);
        }
        assert.ok(!audit.text.includes(GH_TOKEN) && !audit.text.includes(HOOK_SECRET), 'no secret in the audit log');
      }, { jobs: { dataDir: path.join(root, 'data'), runner: { pollMs: 100, backoffBaseMs: 100 } } });
    });
  });
}
