import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalogue } from '../compliance/catalogue.js';
import type { Finding, Report } from '../model/index.js';
import { md, mdCode } from './escape.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from './markdown.js';
import { HOSTILE, fullReport } from './testdata/judged-report.js';
import { PLANTED_SECRET, sampleReport } from './testdata/sample-report.js';

const checks = loadCatalogue().checks;
const report = fullReport();
const text = renderMarkdown(report, { checks });
const lines = text.split('\n');
const tableRows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));

test('a summary line with open findings by severity, then suppressed, paths and warnings', () => {
  const open = report.findings!.filter((f) => !f.suppressed);
  assert.match(lines[0]!, new RegExp(`^### 🟥 aispm: ${open.length} open findings \\(1 critical, 4 high, 2 medium, 2 low, 1 info\\) in 28 AI assets of support-bot$`));
  assert.equal(lines[2], '5 suppressed findings not counted · 4 attack paths · 2 scan warnings');
});

test('a findings table of the open findings, by priority, five columns per row', () => {
  const open = report.findings!.filter((f) => !f.suppressed);
  assert.equal(tableRows.length, open.length);
  const scores = tableRows.map((r) => Number(r.split(' | ')[1]));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  for (const r of tableRows) {
    // unescaped pipes split cells: every row must have exactly 5 cells whatever the names hold
    const cells = r.replace(/\\\|/g, '').split('|').slice(1, -1);
    assert.equal(cells.length, 5, r);
  }
  assert.ok(tableRows.some((r) => r.includes('`.env:1`')));
});

test('remediation per check in a collapsible block; suppressed findings listed with their reason', () => {
  assert.ok(text.includes('<details><summary>How to fix ('));
  const agt = checks.find((c) => c.id === 'AISPM-AGT-001')!;
  assert.ok(text.includes(md(agt.remediation)));
  assert.ok(text.includes('<details><summary>Suppressed findings (5)</summary>'));
  assert.ok(text.includes('accepted risk: compensating control: egress proxy \\(by alice@\u200bexample.com\\) until 2026-12-31'));
  assert.equal((text.match(/<details>/g) ?? []).length, (text.match(/<\/details>/g) ?? []).length, 'every block is closed');
});

test('hostile text cannot inject HTML, links, mentions or table cells; secrets are masked', () => {
  assert.equal(text.includes(HOSTILE), false);
  assert.equal(text.includes('<script'), false);
  assert.equal(text.includes('<img'), false);
  assert.equal(text.includes('](https://evil'), false, 'no live Markdown link from scanned text');
  assert.equal(/(^|[^\u200b])@everyone/.test(text), false);
  assert.equal(text.includes(PLANTED_SECRET), false);
  assert.equal(md('a|b'), 'a\\|b');
  assert.equal(md('line\nbreak'), 'line break');
  assert.equal(mdCode('a`b|c'), '``a`b\\|c``');
});

test('attack paths listed by score', () => {
  const i = lines.indexOf('**Attack paths** (top 4 of 4)');
  assert.ok(i > 0);
  assert.match(lines[i + 2]!, /^- \*\*91\*\* untrusted-content to side-effect-tool: /);
});

test('the body is cut to the comment size limit with a note, keeping the highest priorities', () => {
  const big: Report = structuredClone(report);
  const f0 = big.findings!.find((f) => !f.suppressed)!;
  big.findings = Array.from({ length: 3000 }, (_, i): Finding => ({ ...f0, fingerprint: `${i}`.padStart(64, '0'), score: 100 - (i % 100), title: `${f0.title} ${'x'.repeat(40)}` }));
  const out = renderMarkdown(big, { checks });
  assert.ok(out.length <= GITHUB_COMMENT_LIMIT, `${out.length}`);
  assert.match(out, /> Showing \d+ of 3000 open findings: the comment is cut to GitHub's 65,536-character limit/);
  const rows = out.split('\n').filter((l) => /^\| \S+ (critical|high|medium|low|info) \|/.test(l));
  assert.ok(rows.length > 100, `${rows.length} rows kept`);
  assert.equal(Number(rows[0]!.split(' | ')[1]), 100);
  assert.ok(out.trimEnd().endsWith('</sub>'), 'the footer survives the cut');
  // a tiny limit still yields a body within it
  assert.ok(renderMarkdown(big, { checks, maxChars: 2000 }).length <= 2000);
});

test('no findings and inventory-only reports say so', () => {
  const clean = sampleReport();
  clean.findings = [];
  assert.match(renderMarkdown(clean), /^### ✅ aispm: no open findings in 28 AI assets of support-bot/);
  assert.match(renderMarkdown(sampleReport()), /^### aispm: 28 AI assets in support-bot \(checks not run\)/);
});
