// Custom checks in the dashboard, in Chromium against a real server (PGlite, scans on the job queue): the admin writes a
// check in Settings → Checks, sees the server's validation error at its line for a broken one, fixes it, scans, finds
// the custom finding in Findings, tries the check on the scan, disables and deletes it (with a confirmation); a viewer
// sees the library, custom check included, without one control that changes it. The template the editor starts from
// saves as it stands. The add-source form offers the kinds the server reports. Screenshot: settings-checks.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.js';
import { ADMIN_PASSWORD, type Client, login } from '../server/harness.js';
import { CUSTOM_CHECK, openaiFixture } from '../server/checks-support.js';
import { newPage, screenshot, signIn, startDashboard } from './support.js';

const PASSWORD = 'Xq7-custom-checks-pass-phrase';
const TITLE = 'OpenAI model used without an approval tag';

describe('custom checks in the dashboard (Chromium, PGlite)', { concurrency: false }, () => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let browser: Browser;
  let api: Client;
  let page: Page;
  let errors: string[];
  let fixture: string;

  before(async () => {
    fixture = openaiFixture();
    ({ browser, server, dispose } = await startDashboard('pglite'));
    api = await login(server.url, 'admin', ADMIN_PASSWORD);
    assert.equal((await api.post('/api/users', { username: 'victor', role: 'viewer', password: PASSWORD })).status, 201);
    const src = await api.post('/api/sources', { name: 'openai-app', location: fixture });
    assert.equal(src.status, 201, src.text);
    ({ page, errors } = await newPage(browser, server.url));
    await signIn(page, 'admin', ADMIN_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await dispose?.();
    rmSync(fixture, { recursive: true, force: true });
  });

  test('the add-source form offers the kinds the server reports', async () => {
    await page.goto('/settings/sources');
    const kind = page.getByLabel('Kind');
    await kind.locator('option[value="egress-log"]').waitFor({ state: 'attached' });
    assert.deepEqual(await kind.locator('option').allTextContents(), ['directory', 'egress-log', 'git', 'mcp-config']);
    await kind.selectOption('git');
    await page.getByText(/a git URL or local repository path/).waitFor();
  });

  test('the admin writes a check: a broken one is refused at its line, the fixed one is saved', async () => {
    await page.goto('/settings/checks');
    await page.getByRole('button', { name: 'New custom check' }).click();
    const editor = page.getByLabel('Check YAML');
    assert.match(await editor.inputValue(), /^id: ACME-001/, 'a template to start from');

    await editor.fill(CUSTOM_CHECK.replace('severity: high', 'severity: urgent'));
    await page.getByRole('button', { name: 'Save check' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Invalid check' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /check\.yaml line 4: severity: /);
    assert.equal(await page.getByLabel('Line 4').textContent(), '4 | severity: urgent');
    assert.equal(await editor.getAttribute('aria-invalid'), 'true');
    assert.equal((await api.get('/api/checks?origin=custom')).body.items.length, 0, 'nothing was stored');
    // the editor selects the line the server named, ready to be typed over
    await page.getByRole('button', { name: 'Go to line 4' }).click();
    assert.deepEqual(await editor.evaluate((ta: HTMLTextAreaElement) => [document.activeElement === ta, ta.value.slice(ta.selectionStart, ta.selectionEnd)]),
      [true, 'severity: urgent']);
    await page.keyboard.type('severity: high');
    assert.equal(await editor.inputValue(), CUSTOM_CHECK);

    await editor.fill(CUSTOM_CHECK);
    await page.getByRole('button', { name: 'Save check' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved ACME-001' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'the error is gone');
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 1, 'the editor now edits ACME-001');

    await page.getByLabel('Origin').selectOption('custom');
    const item = page.getByRole('list', { name: 'Checks' }).locator('li[data-check="ACME-001"]');
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', new RegExp(`ACME-001 ${TITLE}.*custom`));
  });

  test('a scan judges with it: the custom finding is in Findings, and a dry run on the scan finds it too', async () => {
    await page.goto('/settings/sources');
    await page.getByRole('button', { name: 'Scan openai-app now' }).click();
    await page.getByRole('list', { name: 'Recent scans' }).locator('li[data-status="succeeded"]').first().waitFor({ timeout: 120_000 });

    await page.goto('/settings/checks?corigin=custom');
    const item = page.getByRole('list', { name: 'Checks' }).locator('li[data-check="ACME-001"]');
    await item.locator('summary').click();
    await item.getByRole('link', { name: 'Findings of this check →' }).click();
    const queue = page.getByRole('table', { name: 'Findings queue' });
    const row = queue.locator('[role="row"][data-index="0"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /ACME-001/);
    await row.click();
    const detail = page.getByRole('complementary');
    await detail.getByText(TITLE).first().waitFor();
    assert.match((await detail.textContent()) ?? '', /LLM03:2025/, 'the finding carries the check\'s framework mappings');

    await page.goto('/settings/checks?corigin=custom');
    await item.locator('summary').click();
    await item.getByRole('button', { name: 'Edit ACME-001' }).click();
    await page.getByRole('button', { name: 'Try it' }).click();
    const dry = page.getByRole('region', { name: 'Dry run' });
    await dry.getByRole('status').waitFor();
    assert.match((await dry.textContent()) ?? '', /ACME-001 would raise 1 finding on the latest scan of openai-app/);
    assert.match((await dry.textContent()) ?? '', /Model gpt-4o-mini is used without the AI board's approval/);
    await screenshot(page, 'settings-checks');
  });

  test('a viewer sees the library and the custom check, and no control that changes them', async () => {
    const viewer = await newPage(browser, server.url);
    try {
      await signIn(viewer.page, 'victor', PASSWORD);
      await viewer.page.goto('/settings/checks?corigin=custom');
      const item = viewer.page.getByRole('list', { name: 'Checks' }).locator('li[data-check="ACME-001"]');
      await item.locator('summary').click();
      await item.getByRole('link', { name: 'Findings of this check →' }).waitFor();
      await viewer.page.getByLabel('Origin').selectOption('');
      await viewer.page.getByRole('list', { name: 'Checks' }).locator('li[data-check="AISPM-AGT-001"]').waitFor();
      for (const name of ['New custom check', /^Edit /, /^Disable /, /^Delete /, /^Start a custom check from /, 'Save check', 'Try it']) {
        assert.equal(await viewer.page.getByRole('button', { name }).count(), 0, `no ${name} button for a viewer`);
      }
      assert.equal(await viewer.page.getByLabel('Check YAML').count(), 0);
      assert.deepEqual(viewer.errors, []);
    } finally {
      await viewer.context.close();
    }
  });

  test('the admin disables the check, then deletes it after confirming', async () => {
    await page.goto('/settings/checks?corigin=custom');
    const item = page.getByRole('list', { name: 'Checks' }).locator('li[data-check="ACME-001"]');
    await item.locator('summary').click();
    await item.getByRole('button', { name: 'Disable ACME-001' }).click();
    await item.getByText('disabled', { exact: true }).waitFor();
    assert.equal((await api.get('/api/checks/ACME-001')).body.enabled, false);

    page.once('dialog', (d) => void d.dismiss());
    await item.getByRole('button', { name: 'Delete ACME-001' }).click();
    assert.equal((await api.get('/api/checks/ACME-001')).status, 200, 'a dismissed confirmation deletes nothing');
    page.once('dialog', (d) => {
      assert.match(d.message(), /Delete the custom check ACME-001\?/);
      void d.accept();
    });
    await item.getByRole('button', { name: 'Delete ACME-001' }).click();
    await page.getByRole('heading', { name: 'No custom checks yet' }).waitFor();
    assert.equal((await api.get('/api/checks/ACME-001')).status, 404);
  });

  test('the template the editor starts from is a valid check as it stands', async () => {
    await page.getByRole('button', { name: 'New custom check' }).click();
    await page.getByRole('button', { name: 'Save check' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved ACME-001' }).waitFor();
    const saved = (await api.get('/api/checks/ACME-001')).body;
    assert.deepEqual([saved.custom, saved.enabled, saved.problem, saved.kinds], [true, true, null, ['model']]);
    assert.deepEqual(errors, []);
  });
});
