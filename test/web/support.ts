// What the browser tests stand on: the dashboard built from web/ (rebuilt when a source file is newer than the build),
// Debian's Chromium (installed by scripts/install-chromium.sh when missing), a real server over a fresh PGlite
// directory with scans and deliveries on the job queue as under `aispm serve`, and screenshots written both as test
// artifacts and as the README's copies.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../store/engines.js';
import { ensureChromium } from '../server/jobs-support.js';
import { startTestServer } from '../server/harness.js';
import type { EngineName } from '../store/engines.js';

export const WEB_SRC = path.join(REPO_ROOT, 'web');
export const WEB_DIST = path.join(REPO_ROOT, 'dist', 'web');
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'web');
export const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 };

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds web/ into dist/web unless the build is newer than every source file (npm ci builds it through prepare). */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newest(path.join(WEB_SRC, 'src')), statSync(path.join(WEB_SRC, 'index.html')).mtimeMs, statSync(path.join(WEB_SRC, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_SRC, 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * The dashboard built, then a test server over a fresh store of the engine and Chromium started side by side. The
 * server lists dist/web when it starts, so the build must be finished first.
 */
export async function startDashboard(engine: EngineName, opts: Parameters<typeof startTestServer>[1] = {}) {
  await ensureDashboardBuilt();
  const [browser, started] = await Promise.all([launchChromium(), startTestServer(engine, opts)]);
  return { browser, server: started.server, dispose: started.dispose };
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, chromiumSandbox: process.getuid?.() !== 0 });
}

/** A browser context of its own (cookies, storage) with a page that fails the test on any script error. */
export async function newPage(browser: Browser, base: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: base, viewport: VIEWPORT, acceptDownloads: true, colorScheme: 'dark', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // a refused API call (403/404 on purpose) is logged by the browser as a failed resource: not a script error
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.setDefaultTimeout(20_000);
  return { context, page, errors };
}

/** Signs in through the sign-in page and waits for the app shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Saves a 1280x800 screenshot as a test artifact; with UPDATE_SCREENSHOTS=1 also as docs/screenshots/<name>.png for
 * the README (a plain test run leaves the tracked pictures alone).
 */
export async function screenshot(page: Page, name: string, hide: Locator[] = []): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // `hide` covers what must not end up in a committed picture (folder paths of the machine that ran the test)
  await page.screenshot({ path: file, mask: hide, maskColor: '#2b3242' });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(file, path.join(SCREENSHOTS, `${name}.png`));
  }
}
