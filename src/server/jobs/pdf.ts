// PDF export: the compliance HTML (one self-contained page) printed by headless Chromium from the system's package
// (Debian's `chromium`; scripts/install-chromium.sh installs it), driven by playwright-core, which downloads no browser.
// The page gets no JavaScript and no network: it is our own HTML, but it quotes scanned content.

import { existsSync } from 'node:fs';
import { renderCompliance } from '../../compliance/render.js';
import type { ComplianceReport } from '../../model/compliance.js';

export class PdfExportError extends Error {
  override name = 'PdfExportError';
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/usr/bin/google-chrome'];

/** The browser binary: $AISPM_CHROMIUM, else the usual places of the distribution packages. */
export function findChromium(): string | undefined {
  const env = process.env.AISPM_CHROMIUM;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export interface PdfOptions {
  executablePath?: string;
  timeoutMs?: number;
  /** Printed in the page footer (e.g. the server's URL). */
  footer?: string;
}

// One export at a time: a Chromium costs a few hundred MB, and exports are rare
let queue: Promise<unknown> = Promise.resolve();

/** Prints an HTML page to an A4 PDF (backgrounds on, page numbers in the footer). */
export function htmlToPdf(html: string, o: PdfOptions = {}): Promise<Buffer> {
  const run = queue.then(() => print(html, o));
  queue = run.catch(() => undefined);
  return run;
}

async function print(html: string, o: PdfOptions): Promise<Buffer> {
  const executablePath = o.executablePath ?? findChromium();
  if (!executablePath) {
    throw new PdfExportError('PDF export needs Chromium: install it (scripts/install-chromium.sh, or apt-get install chromium) or set AISPM_CHROMIUM');
  }
  const { chromium } = await import('playwright-core');
  const timeout = o.timeoutMs ?? 60_000;
  let browser;
  try {
    // Chromium's sandbox cannot start as root (containers); elsewhere keep it
    browser = await chromium.launch({ executablePath, headless: true, timeout, chromiumSandbox: process.getuid?.() !== 0 });
  } catch (e) {
    throw new PdfExportError(`could not start Chromium (${executablePath}): ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout });
    await page.emulateMedia({ media: 'print' });
    const footer = o.footer ? escapeHtml(o.footer) : '';
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#555"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The evidence HTML a PDF is printed from; swap here to print another rendering. */
export function complianceHtml(report: ComplianceReport): string {
  return renderCompliance(report, 'html');
}

export async function compliancePdf(report: ComplianceReport, o: PdfOptions = {}): Promise<Buffer> {
  return htmlToPdf(complianceHtml(report), { footer: `aispm compliance evidence: ${report.framework.name} ${report.scan.source}`.trim(), ...o });
}
