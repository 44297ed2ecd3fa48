// The job services end to end on both engines, without HTTP: a git source scanned as a job, a ticket opened on the
// GitHub stand-in through the queue (surviving an outage), a rescan that resolves the finding closes the ticket,
// and webhooks receive the signed events. Permanent failures are reported on the job and the ticket.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { storeOver } from '../../src/store/index.js';
import { getJob, listJobs } from '../../src/store/jobs.js';
import { DEFAULT_CONFIG } from '../../src/server/context.js';
import { insertSource } from '../../src/server/sources.js';
import { JobRunner } from '../../src/server/jobs/runner.js';
import { deliveryDeps, JobScanDispatcher, jobHandlers, type BaseContext } from '../../src/server/jobs/services.js';
import { openTicket } from '../../src/server/jobs/deliveries.js';
import { registerJobSourceKinds } from '../../src/server/jobs/source-kinds.js';
import { createIntegration, getTicket, listIntegrations, listTickets } from '../../src/integrations/repository.js';
import { GithubReceiver, JiraReceiver, WebhookReceiver } from '../support/receivers/index.js';
import { ENGINES } from '../store/engines.js';
import { makeRemote, openTestDb, type TestDb } from './jobs-support.js';

const MCP_HTTP = JSON.stringify({ mcpServers: { docs: { url: 'http://mcp.internal.example.com/sse', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } } } }, null, 2);
const MCP_HTTPS = MCP_HTTP.replace('http://', 'https://');
const GH_TOKEN = 'ghp_flowtoken0123456789abcdefghijklmnopq';
const HOOK_SECRET = 'whsec_flow_0123456789abcdef';

for (const engine of ENGINES) {
  describe(`job services on ${engine}`, () => {
    let t: TestDb;
    let root: string;
    let remote: ReturnType<typeof makeRemote>;
    let dispatcher: JobScanDispatcher;
    let runner: JobRunner;
    let base: BaseContext;
    const gh = new GithubReceiver(GH_TOKEN);
    const jira = new JiraReceiver({ email: 'bot@acme.example', apiToken: 'right-token' });
    const hook = new WebhookReceiver(HOOK_SECRET);

    /** Runs every due job until the queue is empty (retries here wait no backoff). */
    async function drain(): Promise<void> {
      while (await runner.runOnce());
    }

    before(async () => {
      t = await openTestDb(engine);
      root = mkdtempSync(path.join(tmpdir(), 'aispm-flow-'));
      registerJobSourceKinds({ dataDir: path.join(root, 'data') });
      remote = makeRemote(path.join(root));
      remote.commit('README.md', '# platform\n', 'init');
      await gh.start();
      await jira.start();
      await hook.start();
      base = { db: t.db, store: storeOver(t.db), config: { ...DEFAULT_CONFIG, baseUrl: 'https://aispm.test' }, log: () => undefined };
      dispatcher = new JobScanDispatcher(base, { runInProcess: false, schedule: false }).start();
      runner = new JobRunner(t.db, jobHandlers(dispatcher.context!), { backoffBaseMs: 0, workerId: 'test-runner' });
    });
    after(async () => {
      await dispatcher?.close();
      await gh.close();
      await jira.close();
      await hook.close();
      await t?.close();
      rmSync(root, { recursive: true, force: true });
    });

    test('a git source is scanned as a job; a ticket survives an outage; a resolving rescan closes it', async () => {
      mkdirSync(path.join(remote.work, '.cursor'), { recursive: true });
      remote.commit('.cursor/mcp.json', MCP_HTTP, 'add mcp');
      const source = await insertSource(t.db, { name: 'platform', kind: 'git', location: `${remote.bare}#main`, createdBy: 'alice' });

      await createIntegration(t.db, { name: 'gh', type: 'github', config: { apiUrl: gh.url, repository: 'acme/ai-platform' }, secrets: { token: GH_TOKEN } }, 'admin');
      const hookInteg = await createIntegration(t.db, {
        name: 'siem', type: 'webhook', config: { url: hook.webhookUrl }, secrets: { signingSecret: HOOK_SECRET },
        events: ['scan.completed', 'finding.opened', 'finding.resolved', 'ticket.opened', 'ticket.closed'], minSeverity: 'high',
      }, 'admin');
      assert.ok(!JSON.stringify(hookInteg).includes(HOOK_SECRET), 'secrets never come back unmasked');

      const run = await dispatcher.request(source.id, 'alice');
      assert.equal(run.status, 'queued');
      assert.equal(run.source, 'platform');
      const again = await dispatcher.request(source.id, 'bob');
      assert.equal(again.id, run.id, 'a second request while one is queued joins it');
      await drain();
      const done = await dispatcher.get(run.id);
      assert.equal(done?.status, 'succeeded', done?.error ?? '');
      assert.ok(done?.scanId);
      assert.ok((done?.summary?.findings ?? 0) > 0);

      const page = await base.store.findings({ source: 'platform', checkId: 'AISPM-MCP-002' });
      assert.equal(page.items.length, 1, 'the plain-HTTP MCP server is a finding');
      const finding = page.items[0];
      assert.ok(hook.events.some((e) => e.event === 'scan.completed' && e.body.data.source === 'platform'));
      const opened = hook.events.filter((e) => e.event === 'finding.opened');
      assert.ok(opened.some((e) => e.body.data.finding.fingerprint === finding.fingerprint));
      assert.ok(opened.every((e) => ['high', 'critical'].includes(e.body.data.finding.severity)), 'below the integration\'s severity nothing is sent');

      const ghId = (await listIntegrations(t.db, { type: 'github' })).items[0].id;
      gh.failNext(1);
      const deps = deliveryDeps(base);
      const req = await openTicket(deps, { fingerprint: finding.fingerprint, integrationId: ghId, by: 'alice' });
      assert.equal(req.ticket.status, 'pending');
      assert.ok(req.job);
      const dup = await openTicket(deps, { fingerprint: finding.fingerprint, integrationId: ghId, by: 'bob' });
      assert.equal(dup.created, false, 'one ticket per finding and tracker');
      assert.equal(dup.ticket.id, req.ticket.id);
      await drain();
      const createJob = await getJob(t.db, req.job!.id);
      assert.equal(createJob?.status, 'succeeded');
      assert.equal(createJob?.attempts, 2, 'the outage cost one attempt');
      assert.match(createJob?.errors[0].error ?? '', /answered 503/);
      const ticket = await getTicket(t.db, req.ticket.id);
      assert.equal(ticket?.status, 'open');
      assert.equal(ticket?.key, '#1');
      const issue = gh.issues.get('acme/ai-platform#1')!;
      assert.ok(issue.body.includes(`https://aispm.test/findings/${finding.fingerprint}`), 'the ticket links back to the finding');
      assert.ok(hook.events.some((e) => e.event === 'ticket.opened' && e.body.data.ticket.key === '#1'));

      // the fix lands upstream; the next scan no longer sees the finding and the ticket is closed
      remote.commit('.cursor/mcp.json', MCP_HTTPS, 'use TLS');
      const rescan = await dispatcher.request(source.id, 'schedule');
      await drain();
      assert.equal((await dispatcher.get(rescan.id))?.status, 'succeeded');
      assert.equal((await base.store.finding(finding.fingerprint, 'platform'))?.status, 'resolved');
      assert.equal(issue.state, 'closed');
      assert.equal(issue.state_reason, 'completed');
      assert.match(issue.comments[0], /resolved/);
      assert.equal((await getTicket(t.db, req.ticket.id))?.status, 'closed');
      assert.ok(hook.events.some((e) => e.event === 'finding.resolved' && e.body.data.finding.fingerprint === finding.fingerprint));
      assert.ok(hook.events.some((e) => e.event === 'ticket.closed'));
      assert.equal(hook.rejected.length, 0, 'every delivery was signed correctly');
      const syncs = await listJobs(t.db, { kind: ['sync'] });
      assert.equal(syncs.items[0]?.status, 'succeeded');
    });

    test('a tracker that refuses the credentials fails the ticket at once, with the reason', async () => {
      const jiraInteg = await createIntegration(t.db, { name: 'jira-bad', type: 'jira', config: { baseUrl: jira.url, projectKey: 'SEC' }, secrets: { email: 'bot@acme.example', apiToken: 'wrong-token' } }, 'admin');
      const [f] = (await base.store.findings({ source: 'platform', limit: 1 })).items;
      const req = await openTicket(deliveryDeps(base), { fingerprint: f.fingerprint, integrationId: jiraInteg.id, by: 'alice' });
      await drain();
      const job = await getJob(t.db, req.job!.id);
      assert.equal(job?.status, 'failed');
      assert.equal(job?.attempts, 1, 'a 401 is not retried');
      const ticket = await getTicket(t.db, req.ticket.id);
      assert.equal(ticket?.status, 'failed');
      assert.match(ticket?.lastError ?? '', /401.*not authenticated/);
      const failed = await listTickets(t.db, { status: ['failed'] });
      assert.deepEqual(failed.items.map((x) => x.id), [req.ticket.id]);
    });

    test('a source that cannot be scanned fails its job once, with the reason', async () => {
      const source = await insertSource(t.db, { name: 'gone', kind: 'git', location: path.join(root, 'no-such-repo.git'), createdBy: 'alice' });
      const run = await dispatcher.request(source.id, 'alice');
      await drain();
      const r = await dispatcher.get(run.id);
      assert.equal(r?.status, 'failed');
      assert.match(r?.error ?? '', /git repository not found/);
      const job = await getJob(t.db, Number(run.id));
      assert.equal(job?.attempts, 1);
      const list = await dispatcher.list({ status: 'failed', limit: 10, offset: 0 });
      assert.ok(list.items.some((x) => x.id === run.id));
    });
  });
}
