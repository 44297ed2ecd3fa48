// Gateway keys in the dashboard, in Chromium against a real server (PGlite): the admin creates a key with a budget
// and limits in Settings → Gateway keys and sees its value once; an application calls a gateway that reads the same
// store with the official openai client and the budget bar shows the tokens it used; the admin rotates the key (the
// new value shown once) and revokes it after confirming, and the gateway refuses it; a viewer sees the keys and no
// control that changes them. Screenshot: settings-gateway-keys.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { runtimeStore } from '../../src/store/runtime.js';
import type { RunningServer } from '../../src/server/server.js';
import { chatThrough, harness, STORE_KEYS } from '../gateway/helpers.js';
import { ADMIN_PASSWORD, login } from '../server/harness.js';
import { newPage, screenshot, signIn, startDashboard } from './support.js';

const PASSWORD = 'Xq7-gateway-keys-pass-phrase';
const chat = (url: string, key: string) => chatThrough(url, key, 'gpt-4o-mini');

describe('gateway keys in the dashboard (Chromium, PGlite)', { concurrency: false }, () => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    ({ browser, server, dispose } = await startDashboard('pglite'));
    const api = await login(server.url, 'admin', ADMIN_PASSWORD);
    assert.equal((await api.post('/api/users', { username: 'victor', role: 'viewer', password: PASSWORD })).status, 201);
    ({ page, errors } = await newPage(browser, server.url));
    await signIn(page, 'admin', ADMIN_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await dispose?.();
  });

  test('create with limits, use through a gateway, rotate, revoke after confirming', async () => {
    await page.goto('/settings/gateway-keys');
    await page.getByText('No gateway key yet').waitFor();
    const form = page.getByRole('form', { name: 'Create a gateway key' });
    await form.getByLabel('Name').fill('billing-prod');
    await form.getByLabel('Application').fill('billing');
    await form.getByLabel('Team').fill('finance');
    await form.getByLabel('Allowed models').fill('gpt-4o*, claude-*');
    await form.getByLabel('Token budget').fill('1000');
    await form.getByLabel('Budget period').selectOption('day');
    await form.getByLabel('Requests per minute').fill('600');
    await form.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByTestId('new-gateway-key');
    const key = (await shown.textContent())!.trim();
    assert.match(key, /^aispm_vk_[A-Za-z0-9_-]{32}$/);
    const row = page.locator('tr[data-key="billing-prod"]');
    await row.waitFor();
    assert.match((await row.textContent())!, /billing.*finance.*gpt-4o\*, claude-\*.*0 \/ 1,000 per day.*600 req\/min.*never.*active/);

    // an application calls a gateway that reads keys from the same store; the budget bar shows what it used
    const h = await harness(STORE_KEYS, { store: { store: server.ctx.store, runtime: runtimeStore(server.ctx.db) } });
    try {
      h.upstream.script = () => ({ usage: { input: 200, output: 50 } });
      await chat(h.gateway.url, key);
      await assert.rejects(
        chatThrough(h.gateway.url, key, 'o3'),
        (e: unknown) => e instanceof OpenAI.PermissionDeniedError,
        'a model outside the key\'s globs is refused',
      );
    } finally {
      await h.close();
    }
    await page.reload();
    await row.getByTestId('budget-used').waitFor();
    assert.equal(await row.getByTestId('budget-used').textContent(), '250');
    assert.equal(await row.getByRole('meter').getAttribute('aria-valuenow'), '250');
    await screenshot(page, 'settings-gateway-keys');

    // rotation with a grace period: a new value, shown once; the old one still valid for an hour
    await page.getByLabel('Rotation grace').selectOption({ label: 'old key works 1 h' });
    await row.getByRole('button', { name: 'Rotate' }).click();
    await page.getByText('Rotated billing-prod').waitFor();
    const rotated = (await page.getByTestId('new-gateway-key').textContent())!.trim();
    assert.notEqual(rotated, key);
    await row.getByText('old key until').waitFor();

    // revocation asks for a confirmation first; the gateway then refuses both values
    await row.getByRole('button', { name: 'Revoke' }).click();
    assert.equal(await page.locator('tr[data-key="billing-prod"]').count(), 1, 'one click revokes nothing');
    await row.getByRole('button', { name: 'Confirm revoke' }).click();
    await page.getByText('No gateway key yet').waitFor();
    await page.getByLabel('show revoked').check();
    await row.getByText('revoked').waitFor();
    const h2 = await harness(STORE_KEYS, { store: { store: server.ctx.store, runtime: runtimeStore(server.ctx.db) } });
    try {
      for (const k of [key, rotated]) await assert.rejects(chat(h2.gateway.url, k), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    } finally {
      await h2.close();
    }
    assert.deepEqual(errors, []);
  });

  test('a viewer sees the keys and their budgets, and no control that changes them', async () => {
    const viewer = await newPage(browser, server.url);
    try {
      await signIn(viewer.page, 'victor', PASSWORD);
      await viewer.page.goto('/settings/gateway-keys');
      await viewer.page.getByLabel('show revoked').check();
      await viewer.page.locator('tr[data-key="billing-prod"]').waitFor();
      assert.equal(await viewer.page.getByRole('form', { name: 'Create a gateway key' }).count(), 0);
      assert.equal(await viewer.page.getByLabel('Rotation grace').count(), 0);
      assert.equal(await viewer.page.locator('main button').count(), 0, 'no button at all on this tab for a viewer');
      assert.deepEqual(viewer.errors, []);
    } finally {
      await viewer.context.close();
    }
  });
});
