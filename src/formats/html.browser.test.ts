// The HTML report in a real browser (Debian's Chromium through playwright-core): the hostile content in the
// fixture runs nothing, the page asks the network for nothing, and the filter script works. Chromium is installed
// when missing (scripts/install-chromium.sh), as the dashboard tests do, so this never silently skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureChromium } from '../../test/server/jobs-support.js';
import { loadCatalogue } from '../compliance/catalogue.js';
import { renderHtml } from './html.js';
import { fullReport } from './testdata/judged-report.js';

test('in Chromium: no script from scanned text runs, nothing is fetched, filtering works', async () => {
  const chromiumPath = await ensureChromium();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, chromiumSandbox: process.getuid?.() !== 0 });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    let dialogs = 0;
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.setContent(renderHtml(fullReport(), loadCatalogue()), { waitUntil: 'load' });
    assert.equal(dialogs, 0, 'the hostile alert() never runs');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), [], 'no request leaves the page');

    const visible = () => page.locator('details.finding:not(.hidden)').count();
    const all = await page.locator('details.finding').count();
    assert.ok(await page.locator('#filters').isVisible(), 'the script reveals the filter bar');
    assert.equal(await visible(), all);
    await page.fill('#q', 'tickets.csv');
    assert.equal(await visible(), 2, 'the open and the suppressed dataset finding');
    await page.fill('#q', '');
    await page.locator('input[data-supp]').uncheck();
    assert.equal(await visible(), all - 5);
    await page.locator('input[data-sev="high"]').uncheck();
    assert.equal(await page.locator('details.finding:not(.hidden)[data-sev="high"]').count(), 0);
    assert.match((await page.locator('#shown').textContent()) ?? '', /^\d+ of 15 shown$/);
  } finally {
    await browser.close();
  }
});
