// The dashboard in a real browser (Debian's Chromium through playwright-core) against a real server, with scans and
// deliveries on its job queue as under `aispm serve`: each role signs in; an analyst adds examples/acme-ai as a source
// and scans it; the overview, inventory search, asset page, graph neighbourhood, attack path, risk acceptance with an
// expiry, a ticket on a GitHub stand-in, the compliance PDF and the runtime view are driven through the UI; a viewer is
// shown no control that changes anything. Screenshots of every main view go to test-artifacts/web/ (and to
// docs/screenshots/ with UPDATE_SCREENSHOTS=1).
// The whole flow runs on PGlite; on PostgreSQL its core runs (each role signs in, the source, the scan as a queued job,
// an asset found, a risk accepted): what depends on the engine, without paying twice for what does not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { decisionEvent, findingEvent } from '../../src/gateway/events/ocsf.js';
import type { RunningServer } from '../../src/server/server.js';
import { runtimeStore } from '../../src/store/runtime.js';
import { type EngineName, REPO_ROOT } from '../store/engines.js';
import { ADMIN_PASSWORD, type Client, login } from '../server/harness.js';
import { GithubReceiver } from '../support/receivers/index.js';
import { newPage, screenshot as saveScreenshot, signIn, startDashboard } from './support.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'acme-ai');
const GITHUB_TOKEN = 'ghp_webtest0123456789abcdefghijklmnopqrstu';
const PASSWORD = 'Xq7-dashboard-pass-phrase';

/** Follows a link of the main navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/**
 * `all`: every test below, with screenshots. `core`: what depends on the store engine (each role signs in, a source, a
 * scan run as a job the queue consumed, an asset found by search, a risk accepted).
 */
type Scope = 'all' | 'core';

function dashboardSuite(engine: EngineName, scope: Scope): void {
  describe(`web dashboard in Chromium on ${engine}${scope === 'core' ? ' (core flow)' : ''}`, { concurrency: false }, () => {
    let server: RunningServer;
    let dispose: () => Promise<void>;
    let browser: Browser;
    let github: GithubReceiver;
    let admin: Client;
    let analystPage: Page;
    let analystErrors: string[];
    const pages: Page[] = [];
    /** Jobs the server's own queue consumer finished. */
    const consumed: Array<{ id: number; kind: string }> = [];
    /** Tests beyond the core flow. */
    const extra = (name: string, fn: () => Promise<void>) => (scope === 'all' ? test(name, fn) : undefined);
    const screenshot: typeof saveScreenshot = scope === 'all' ? saveScreenshot : async () => undefined;

    before(async () => {
      ({ browser, server, dispose } = await startDashboard(engine, { jobs: { runner: { pollMs: 100, onEvent: (e) => {
        if (e.type === 'succeeded' && e.job) consumed.push({ id: e.job.id, kind: e.job.kind });
      } } } }));
      github = await new GithubReceiver(GITHUB_TOKEN).start();
      admin = await login(server.url, 'admin', ADMIN_PASSWORD);
      for (const [username, role] of [['alice', 'analyst'], ['victor', 'viewer']]) {
        const r = await admin.post('/api/users', { username, role, password: PASSWORD });
        assert.equal(r.status, 201, r.text);
      }
      const a = await newPage(browser, server.url);
      analystPage = a.page;
      analystErrors = a.errors;
      pages.push(a.page);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      await dispose?.();
      await github?.close();
    });

    extra('the page is served at / with a strict CSP, deep links fall back to the app, the API keeps its answers', async () => {
      const page = await fetch(`${server.url}/findings?severity=high`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(await page.text(), /<div id="root">/);
      assert.equal((await fetch(`${server.url}/api/no-such-route`, { headers: { accept: 'text/html' } })).status, 401, 'unknown API paths are not the page');
      assert.equal((await fetch(`${server.url}/assets/missing.js`)).status, 404, 'a missing file is a 404, not the page');
    });

    test('sign-in: a wrong password is refused; the analyst signs in and sees the role', async () => {
      const page = analystPage;
      await page.goto('/');
      await page.getByLabel('User name').fill('alice');
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor();
      await screenshot(page, 'sign-in');
      await signIn(page, 'alice', PASSWORD);
      assert.equal(await page.getByTestId('role').textContent(), 'analyst');
      // empty states say what to do next
      await page.getByRole('heading', { name: 'No sources yet' }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'Add a source' }).isVisible());
    });

    test('the analyst adds examples/acme-ai as a source and the scan finishes', async () => {
      const page = analystPage;
      await page.getByRole('link', { name: 'Add a source' }).click();
      await page.getByLabel('Name').fill('acme-ai');
      await page.getByLabel('Kind').selectOption('directory');
      await page.getByLabel('Location').fill(EXAMPLE);
      await page.getByRole('button', { name: 'Add source' }).click();
      const runs = page.getByRole('list', { name: 'Recent scans' });
      await runs.locator('li[data-status="succeeded"]').first().waitFor({ timeout: 120_000 });
      assert.match((await runs.textContent()) ?? '', /acme-ai.*\d+ assets, \d+ findings/);
      // the scan was a job of the queue, consumed by this server's runner in one attempt
      const scanRuns = await admin.get('/api/scan-runs');
      assert.equal(scanRuns.body.total, 1);
      const job = (await admin.get(`/api/jobs/${scanRuns.body.items[0].id}`)).body;
      assert.deepEqual([job.kind, job.status, job.attempts, job.result.scanId], ['scan', 'succeeded', 1, scanRuns.body.items[0].scanId]);
      assert.ok(consumed.some((j) => j.kind === 'scan' && j.id === job.id), 'the server\'s queue consumer ran the scan job');
      await page.getByRole('table', { name: 'Sources' }).getByRole('link', { name: /^\d+$/ }).waitFor();
      await screenshot(page, 'settings', [page.getByRole('table', { name: 'Sources' }).locator('td.mono')]);
    });

    extra('overview: posture score, KPIs with trend, top risks, shadow AI and charts', async () => {
      const page = analystPage;
      await nav(page, 'Overview');
      await page.getByRole('img', { name: /Posture score: \d+ out of 100/ }).waitFor();
      const kpis = page.getByRole('list', { name: 'Key indicators' });
      assert.match((await kpis.textContent()) ?? '', /AI assets\d+/);
      assert.ok((await page.locator('.risk-list li').count()) > 0, 'top risks are listed');
      assert.ok((await page.locator('.path-list li').count()) > 0, 'attack paths are listed');
      assert.ok((await page.locator('.shadow-list li').count()) > 0, 'the example has shadow AI in its egress logs');
      for (const chart of ['Open findings by severity over time', 'Share of assets with an owner over time', 'Unsanctioned AI services seen in egress']) {
        await page.getByRole('img', { name: new RegExp(`^${chart}`) }).waitFor();
      }
      await screenshot(page, 'overview');
      await page.locator('.grid-3').scrollIntoViewIfNeeded();
      await screenshot(page, 'overview-charts');
    });

    test('inventory: a search in the URL finds an asset; its page shows evidence and relationships; ownership is assigned', async () => {
      const page = analystPage;
      await nav(page, 'Inventory');
      await page.getByRole('table', { name: 'Assets' }).locator('[role="row"][data-index="10"]').waitFor();
      await screenshot(page, 'inventory');
      await page.getByLabel('Kind').selectOption('vector-store');
      await page.getByLabel('Search').fill('support-kb');
      await page.waitForURL(/q=support-kb/);
      assert.match(page.url(), /kind=vector-store/);
      const row = page.getByRole('row').filter({ hasText: 'support-kb-vectors' });
      await row.waitFor();
      // the link can be shared: opening it again gives the same list
      await page.goto(page.url());
      await row.waitFor();
      await row.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /support-kb-vectors/ }).first().waitFor();
      await page.getByRole('heading', { name: /Evidence \(\d+\)/ }).waitFor();
      assert.match((await page.locator('.evidence').first().textContent()) ?? '', /infra\/terraform\/bedrock\.tf:\d+/);
      assert.match((await page.locator('.relations').last().textContent()) ?? '', /exposes/);
      await page.getByLabel('Assign an owner').fill('team-search');
      await page.getByRole('button', { name: 'Save owner' }).click();
      await page.getByText('team-search (assigned)').waitFor();
      await screenshot(page, 'asset');
    });

    extra('graph: the asset\'s neighbourhood, a node expanded, an attack path followed', async () => {
      const page = analystPage;
      await page.getByRole('link', { name: 'Open in graph explorer' }).click();
      const nodes = page.getByRole('list', { name: 'Nodes in the graph' });
      await nodes.getByRole('button', { name: 'internet' }).waitFor();
      const before = await nodes.getByRole('listitem').count();
      assert.ok(before > 2, `the neighbourhood has the asset and its neighbours (${before})`);
      await nodes.getByRole('button', { name: 'acme-prod-support-kb' }).click();
      await page.getByRole('button', { name: 'Expand neighbours' }).click();
      await page.getByRole('button', { name: 'Neighbours shown' }).waitFor();
      assert.ok((await nodes.getByRole('listitem').count()) > before, 'expanding adds the knowledge base\'s neighbours');
      await screenshot(page, 'graph');

      const paths = page.getByRole('list', { name: 'Attack paths' });
      const first = paths.getByRole('link').first();
      const summary = (await first.textContent()) ?? '';
      await first.click();
      await page.waitForURL(/path=path%3A|path=path:/);
      const steps = page.locator('.steps li');
      await steps.first().waitFor();
      const names = summary.split(' → ').map((s) => s.replace(/^[a-z-]+ /, ''));
      assert.equal(await steps.count(), names.length, `one step per hop of "${summary}"`);
      assert.match((await steps.first().textContent()) ?? '', /entry:/);
      assert.match((await steps.last().textContent()) ?? '', /target:/);
      assert.equal(await nodes.getByRole('listitem').count(), names.length, 'the path is drawn alone');
      await screenshot(page, 'attack-path');
    });

    test('findings: the analyst assigns, comments and accepts a risk with a reason and an expiry; the history shows it', async () => {
      const page = analystPage;
      await nav(page, 'Findings');
      const queue = page.getByRole('table', { name: 'Findings queue' });
      await queue.getByRole('row').nth(1).waitFor();
      const top = queue.locator('[role="row"][data-index="0"]');
      const fingerprint = await top.getAttribute('data-key');
      assert.ok(fingerprint);
      await top.click();
      await page.waitForURL(new RegExp(`/findings/${fingerprint}`));
      const detail = page.getByRole('complementary');
      await detail.getByLabel('Assign to').fill('bob');
      await detail.getByRole('button', { name: 'Assign' }).click();
      await detail.getByText(/assigned by alice/).waitFor();
      await detail.getByLabel('Comment').fill('reviewed with the ML team');
      await detail.getByRole('button', { name: 'Add comment' }).click();
      await detail.getByText('reviewed with the ML team').waitFor();
      await screenshot(page, 'findings');

      const until = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
      await detail.getByRole('button', { name: 'Accept risk…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Accept the risk' });
      await dialog.getByLabel(/^Reason/).fill('compensating control: egress proxy');
      await dialog.getByLabel(/^Accepted until/).fill(until);
      await dialog.getByRole('button', { name: 'Accept risk' }).click();
      await detail.locator('.detail-badges .status-accepted').waitFor();
      await detail.getByText('compensating control: egress proxy').waitFor();
      const history = (await detail.getByRole('region', { name: 'History' }).textContent()) ?? '';
      assert.match(history, /opened by aispm/);
      assert.match(history, /assigned by alice → bob/);
      assert.match(history, /commented by alice/);
      assert.match(history, /accepted by alice until/);
      const stored = await admin.get(`/api/findings/${fingerprint}`);
      assert.equal(stored.body.status, 'accepted');
      assert.equal(stored.body.acceptedUntil.slice(0, 10), until);
      assert.equal(stored.body.assignee, 'bob');
      // the accepted finding left the open queue
      await queue.locator(`[role="row"][data-key="${fingerprint}"]`).waitFor({ state: 'detached' });
    });

    extra('ticket: the admin adds GitHub Issues, the analyst opens a ticket from a finding and it links back', async () => {
      const { page, context } = await newPage(browser, server.url);
      pages.push(page);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.goto('/settings/integrations');
      await page.getByLabel('Name').fill('github');
      await page.getByLabel('Type').selectOption('github');
      await page.getByLabel('Settings (JSON)').fill(JSON.stringify({ apiUrl: github.url, repository: 'acme/ai-platform' }));
      await page.getByLabel('Secrets (JSON, write-only)').fill(JSON.stringify({ token: GITHUB_TOKEN }));
      await page.getByRole('button', { name: 'Add integration' }).click();
      await page.getByRole('table', { name: 'Integrations' }).getByText('acme/ai-platform').waitFor();
      await context.close();

      const a = analystPage;
      await nav(a, 'Findings');
      const top = a.getByRole('table', { name: 'Findings queue' }).locator('[role="row"][data-index="0"]');
      await top.waitFor();
      const fingerprint = (await top.getAttribute('data-key'))!;
      await top.click();
      const detail = a.getByRole('complementary');
      await detail.getByLabel('Open a ticket in').selectOption({ label: 'github (github)' });
      await detail.getByRole('button', { name: 'Open ticket' }).click();
      const tickets = detail.getByRole('region', { name: 'Tickets' });
      await tickets.waitFor();
      // the ticket is created by a job: reload the finding until the tracker answered
      for (let i = 0; i < 50 && !(await tickets.getByRole('link').count()); i++) {
        await a.waitForTimeout(200);
        await a.reload();
        await tickets.waitFor();
      }
      const link = tickets.getByRole('link', { name: /^#\d+$/ });
      await link.waitFor();
      const key = ((await link.textContent()) ?? '').slice(1);
      const issue = github.issues.get(`acme/ai-platform#${key}`);
      assert.ok(issue, 'the GitHub stand-in holds the issue');
      assert.ok(issue.body.includes(`/findings/${fingerprint}`), 'the issue links back to the finding');
    });

    extra('compliance: controls per framework with evidence; the PDF export downloads a PDF', async () => {
      const page = analystPage;
      await nav(page, 'Compliance');
      await page.getByLabel('Framework').selectOption('owasp-llm-2025');
      await page.waitForURL(/framework=owasp-llm-2025/);
      await page.locator('.controls > li').first().waitFor();
      assert.equal(await page.locator('.controls > li').count(), 10);
      await page.locator('.controls summary').filter({ hasText: 'LLM01:2025' }).click();
      await page.locator('.controls details[open] table').waitFor();
      await screenshot(page, 'compliance');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('link', { name: 'PDF' }).click()]);
      assert.match(download.suggestedFilename(), /^aispm-owasp-llm-2025-acme-ai\.pdf$/);
      const file = await download.path();
      assert.equal(readFileSync(file!).subarray(0, 5).toString('latin1'), '%PDF-');
    });

    extra('runtime: gateway decisions, blocked requests and detections', async () => {
      const now = Date.now();
      const key = { id: 'k1', name: 'support-bot', app: 'support-agent' };
      const decision = (i: number, action: 'allow' | 'block' | 'redact', guardrail?: string) => decisionEvent({
        time: now - i * 3_600_000, requestId: `req-${i}`, api: 'openai', endpoint: 'chat', method: 'POST', provider: 'openai', model: 'gpt-4o',
        key, clientIp: '10.0.0.7', status: action === 'block' ? 403 : 200, action, reason: action === 'block' ? `blocked by ${guardrail}` : undefined,
        hits: guardrail ? [{ guardrail, hook: 'input', action, scope: 'request', severity: 'high', detections: [], ms: 1 }] as never : [],
        inputTokens: 120, outputTokens: action === 'block' ? 0 : 80, addedLatencyMs: 2, attempts: 1, stream: false, prompt: ['my card is 4111 1111 1111 1111'],
      }, 'full');
      const events = [decision(1, 'allow'), decision(2, 'allow'), decision(3, 'block', 'prompt-injection'), decision(30, 'redact', 'pii'),
        findingEvent({ time: now - 600_000, uid: 'a1', title: 'Token usage spike', message: 'support-bot used 9x its usual tokens per minute',
          analytic: { uid: 'usage-spike', name: 'usage spike', typeId: 3, type: 'Statistical' }, severity: 'medium', key, provider: 'openai', model: 'gpt-4o',
          evidence: { ratio: 9 }, throttled: true })];
      await runtimeStore(server.ctx.db).insertEvents(events.map((e) => ({ time: new Date(e.time).toISOString(), classUid: e.classUid, severityId: e.severityId,
        action: e.action, keyId: e.keyId, app: e.app, provider: e.provider, model: e.model, event: e.ocsf })));

      const page = analystPage;
      await nav(page, 'Runtime');
      await page.getByRole('table', { name: 'Gateway events' }).waitFor();
      const stats = (await page.locator('.summary-row').textContent()) ?? '';
      assert.match(stats, /4 requests/);
      assert.match(stats, /2 blocked/, 'the blocked request and the throttled key');
      assert.match(stats, /1 detections/);
      await page.getByLabel('Show').selectOption('blocked');
      await page.waitForURL(/show=blocked/);
      const rows = page.getByRole('table', { name: 'Gateway events' }).locator('[role="row"][data-index]');
      await page.waitForFunction(() => document.querySelectorAll('[aria-label="Gateway events"] [role="row"][data-index]').length === 2);
      assert.match((await rows.allTextContents()).join(' '), /prompt-injection/);
      await screenshot(page, 'runtime');
      await rows.first().click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.doesNotMatch((await dialog.textContent()) ?? '', /4111/, 'logged prompts are not shown');
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    extra('the read-only API the dashboard adds: the check library and filtered runtime events', async () => {
      const viewer = await login(server.url, 'victor', PASSWORD);
      const checks = await viewer.get('/api/checks?severity=critical');
      assert.equal(checks.status, 200, checks.text);
      assert.ok(checks.body.items.length > 0 && checks.body.items.every((c: any) => c.severity === 'critical'));
      assert.ok(checks.body.domains.includes('secrets'));
      const one = (await viewer.get('/api/checks?q=AISPM-CLD-025')).body.items;
      assert.deepEqual(one.map((c: any) => c.id), ['AISPM-CLD-025']);
      assert.equal((await viewer.get('/api/checks?severity=nope')).status, 400);

      const all = await viewer.get('/api/runtime/events');
      assert.equal(all.body.total, 5);
      assert.deepEqual(all.body.items.map((e: any) => e.time), [...all.body.items.map((e: any) => e.time)].sort().reverse(), 'newest first');
      const blocked = await viewer.get('/api/runtime/events?action=block,refuse');
      assert.deepEqual(blocked.body.items.map((e: any) => [e.kind, e.action, e.guardrails]), [['decision', 'block', ['prompt-injection']]]);
      const detections = await viewer.get('/api/runtime/events?kind=detection&minSeverity=medium');
      assert.deepEqual(detections.body.items.map((e: any) => e.title), ['Token usage spike']);
      assert.equal((await viewer.get('/api/runtime/events?minSeverity=critical')).body.total, 0);
      assert.ok(!JSON.stringify(all.body).includes('4111'), 'logged prompts stay in the gateway log');
      const page2 = await viewer.get('/api/runtime/events?limit=2&offset=4');
      assert.equal(page2.body.items.length, 1);
      const summary = await viewer.get('/api/runtime/summary?days=7');
      assert.equal(summary.body.days.length, 7);
      assert.deepEqual(summary.body.totals, { requests: 4, blocked: 2, detections: 1, events: 5 });
      assert.equal((await fetch(`${server.url}/api/runtime/events`)).status, 401);
    });

    extra('a viewer sees no control that changes anything, on any view', async () => {
      const { page, errors } = await newPage(browser, server.url);
      pages.push(page);
      await signIn(page, 'victor', PASSWORD);
      assert.equal(await page.getByTestId('role').textContent(), 'viewer');
      // read-only controls a viewer may have; anything else on the page would be a mutation
      const readOnly = /^(Close the finding|Refresh|Expand neighbours|Neighbours shown|Clear filters|Close|.*✕)$/;
      const views = ['/', '/inventory', '/findings', '/graph?source=acme-ai', '/compliance', '/runtime', '/settings/sources', '/settings/jobs', '/settings/checks', '/settings/gateway-keys'];
      const q = await admin.get('/api/findings?status=open&limit=1');
      views.push(`/findings/${q.body.items[0].fingerprint}`);
      const asset = (await admin.get('/api/assets?q=support-kb-vectors')).body.items[0];
      views.push(`/assets/${encodeURIComponent(asset.id)}`);
      for (const view of views) {
        await page.goto(view);
        await page.getByRole('main').waitFor();
        await page.waitForLoadState('networkidle');
        const buttons = await page.locator('main button:visible, main input[type="submit"]:visible').evaluateAll((els) =>
          els.filter((e) => !e.closest('.node-list, .finder, .steps, .bars, .controls')).map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
        const mutating = buttons.filter((b) => !readOnly.test(b));
        assert.deepEqual(mutating, [], `${view} shows ${mutating.join(', ')}`);
        for (const label of ['Assign an owner', 'Assign to', 'Comment', 'Open a ticket in', 'Cron']) {
          assert.equal(await page.getByLabel(label).count(), 0, `${view} has no "${label}" field`);
        }
      }
      await page.goto('/settings/checks');
      await page.locator('.check-list li').nth(50).waitFor();
      await page.goto('/settings');
      const sections = page.getByRole('navigation', { name: 'Settings sections' });
      // allTextContents() does not wait: the section links render after the client-side route loads
      await sections.getByRole('link', { name: 'Account' }).waitFor();
      const tabs = await sections.getByRole('link').allTextContents();
      assert.deepEqual(tabs, ['Sources and scans', 'API tokens', 'Checks', 'Gateway keys', 'Jobs', 'Account']);
      assert.deepEqual(errors, []);
    });

    extra('keyboard and theme: arrows move through the inventory and Enter opens; the light theme is kept across reloads', async () => {
      const page = analystPage;
      await page.goto('/inventory?sort=name');
      const table = page.getByRole('table', { name: 'Assets' });
      await table.locator('[role="row"][data-index="0"]').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-index'));
      assert.equal(focused, '2');
      const name = await table.locator('[role="row"][data-index="2"] [role="cell"]').first().textContent();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: new RegExp(name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
      // "/" jumps to the search box
      await page.goto('/inventory');
      await page.getByRole('table', { name: 'Assets' }).waitFor();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'search');

      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      await page.reload();
      await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      await page.goto('/');
      await page.getByRole('img', { name: /Posture score/ }).waitFor();
      await screenshot(page, 'overview-light');
    });

    test('the admin and the viewer sign in and the dashboard shows their role; no page had a script error', async () => {
      for (const [username, password, role] of [['admin', ADMIN_PASSWORD, 'admin'], ['victor', PASSWORD, 'viewer']]) {
        const { page, context, errors } = await newPage(browser, server.url);
        await signIn(page, username, password);
        assert.equal(await page.getByTestId('role').textContent(), role);
        await context.close();
        assert.deepEqual(errors, [], username);
      }
      assert.deepEqual(analystErrors, []);
    });
  });
}

dashboardSuite('pglite', 'all');
dashboardSuite('postgres', 'core');
