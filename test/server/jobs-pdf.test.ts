// PDF export through Debian's Chromium (installed by scripts/install-chromium.sh, as the PostgreSQL tests install
// their server): a compliance report of a real scan printed to PDF, with no JavaScript and no network for the page.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assessCompliance } from '../../src/compliance/assess.js';
import { loadCatalogue } from '../../src/compliance/catalogue.js';
import { scan } from '../../src/scan.js';
import { complianceHtml, compliancePdf, htmlToPdf, PdfExportError } from '../../src/server/jobs/pdf.js';
import { Receiver } from '../support/receivers/index.js';
import { ensureChromium } from './jobs-support.js';

let chromiumPath = '';

function pdfFacts(buf: Buffer): { header: string; pages: number; title?: string; eof: boolean } {
  const s = buf.toString('latin1');
  return {
    header: s.slice(0, 5),
    pages: (s.match(/\/Type\s*\/Page\b/g) ?? []).length,
    // a PDF literal string: parentheses and backslashes inside are escaped with a backslash
    title: /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(s)?.[1]?.replace(/\\(.)/g, '$1'),
    eof: s.trimEnd().endsWith('%%EOF'),
  };
}

describe('PDF export', () => {
  before(async () => {
    chromiumPath = await ensureChromium();
  });

  test('compliance evidence of a scan prints to a PDF with the report\'s title', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aispm-pdf-'));
    mkdirSync(path.join(root, '.cursor'));
    writeFileSync(path.join(root, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { docs: { url: 'http://mcp.internal.example.com/sse' } } }));
    const report = await scan({ root, sourceName: 'pdf-demo' });
    const catalogue = loadCatalogue();
    const framework = catalogue.frameworks.find((f) => f.id === 'owasp-mcp') ?? catalogue.frameworks[0];
    const compliance = assessCompliance({ report, checks: catalogue.checks, framework });
    const html = complianceHtml(compliance);
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
    assert.ok(title, 'the HTML has a title');

    const pdf = await compliancePdf(compliance, { executablePath: chromiumPath });
    const facts = pdfFacts(pdf);
    assert.equal(facts.header, '%PDF-');
    assert.ok(facts.eof);
    assert.ok(facts.pages >= 1);
    assert.equal(facts.title, title.replace(/&amp;/g, '&'));
  });

  test('the printed page loads nothing from the network', async () => {
    const spy = new Receiver();
    spy.on('GET', '/pixel.png', () => ({ status: 200, text: 'x' }));
    await spy.start();
    try {
      const pdf = await htmlToPdf(`<!doctype html><title>t</title><h1>Evidence</h1><img src="${spy.url}/pixel.png"><link rel="stylesheet" href="${spy.url}/x.css"><script>fetch('${spy.url}/js')</script>`, { executablePath: chromiumPath });
      assert.equal(pdfFacts(pdf).header, '%PDF-');
      assert.equal(spy.requests.length, 0);
    } finally {
      await spy.close();
    }
  });

  test('a missing browser is a clear error', async () => {
    await assert.rejects(htmlToPdf('<p>x</p>', { executablePath: path.join(tmpdir(), 'no-chromium-here') }), (e: Error) => e instanceof PdfExportError && /could not start Chromium/.test(e.message));
  });
});
