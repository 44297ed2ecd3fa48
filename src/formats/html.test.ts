import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { loadCatalogue } from '../compliance/catalogue.js';
import type { Report } from '../model/index.js';
import { renderHtml } from './html.js';
import { CSP } from './html-kit.js';
import { HOSTILE, fullReport } from './testdata/judged-report.js';
import { MASKED_VALUE, PLANTED_SECRET, TRICKY, sampleReport } from './testdata/sample-report.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/** Parses the page the way a browser tokenizer does and returns every element with its direct text. */
function parse(doc: string): { elements: El[]; scripts: string[]; text: string } {
  const elements: El[] = [];
  const stack: El[] = [];
  const scripts: string[] = [];
  let text = '';
  const p = new Parser(
    {
      onopentag(name, attrs) {
        const el = { name, attrs, text: '' };
        elements.push(el);
        stack.push(el);
      },
      ontext(t) {
        text += t;
        const top = stack[stack.length - 1];
        if (top) top.text += t;
        if (top?.name === 'script') scripts.push(t);
      },
      onclosetag() {
        stack.pop();
      },
    },
    { decodeEntities: true },
  );
  p.write(doc);
  p.end();
  return { elements, scripts, text };
}

const catalogue = loadCatalogue();
const report = fullReport();
const doc = renderHtml(report, catalogue);
const parsed = parse(doc);

test('one self-contained document: no external resource, a CSP that forbids requests', () => {
  assert.ok(doc.startsWith('<!doctype html>'));
  for (const el of parsed.elements) {
    assert.equal(el.attrs.src, undefined, `<${el.name} src>`);
    if (el.name === 'link') assert.fail('no <link> elements');
    if (el.name === 'a') assert.match(el.attrs.href ?? '', /^(#|https?:\/\/)/, 'links are in-page anchors or plain references');
  }
  assert.doesNotMatch(doc, /@import|url\(/, 'no CSS fetches');
  const csp = parsed.elements.find((e) => e.name === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
  assert.equal(csp?.attrs.content, CSP);
  assert.match(CSP, /default-src 'none'/);
  assert.equal(parsed.elements.filter((e) => e.name === 'style').length, 1);
});

test('hostile names and messages are escaped everywhere: the only script is our own', () => {
  const scripts = parsed.elements.filter((e) => e.name === 'script');
  assert.equal(scripts.length, 1, 'exactly one script element: the filter');
  assert.ok(!scripts[0]!.text.includes('alert'), 'and it is not the hostile one');
  assert.equal(parsed.elements.filter((e) => e.name === 'img').length, 0, 'no injected <img>');
  for (const el of parsed.elements) for (const name of Object.keys(el.attrs)) assert.ok(!name.startsWith('on'), `event handler attribute ${name} on <${el.name}>`);
  assert.ok(!doc.includes('<script>alert'));
  assert.ok(parsed.text.includes(HOSTILE), 'the hostile text is shown as text');
  assert.ok(parsed.text.includes(TRICKY.tool), 'names with pipes, braces and backslashes survive intact');
});

test('secrets never appear unmasked, not even a collector-masked value cut in half', () => {
  assert.equal(doc.includes(PLANTED_SECRET), false);
  assert.equal(doc.includes(PLANTED_SECRET.slice(0, 20)), false);
  assert.ok(parsed.text.includes('sk-p…(40)'), 'a masked form says a key was there');
  assert.equal(doc.includes(MASKED_VALUE.replace('…', '')), false);
});

test('summary: open findings by severity, assets by kind, top risks', () => {
  const summary = doc.slice(doc.indexOf('<section id="summary">'), doc.indexOf('</section>', doc.indexOf('<section id="summary">')));
  const s = parse(summary).text;
  const open = report.findings!.filter((f) => !f.suppressed);
  assert.ok(s.includes(`${open.length}open findings`), s.slice(0, 300));
  assert.match(s, /1 critical/);
  assert.match(s, /4 models/);
  assert.match(s, /Top risks/);
  const top = [...open].sort((a, b) => b.score - a.score)[0]!;
  assert.ok(summary.includes(`href="#f-${top.fingerprint}"`), 'top risks link to their details');
});

test('findings by priority with remediation, evidence and suppressions kept visible', () => {
  const details = parsed.elements.filter((e) => e.name === 'details' && e.attrs.class === 'finding');
  assert.equal(details.length, report.findings!.length, 'every finding, suppressed ones included');
  const ids = details.map((d) => d.attrs.id);
  assert.equal(new Set(ids).size, ids.length, 'anchors are unique');
  const open = details.filter((d) => !('data-supp' in d.attrs));
  const scores = open.map((d) => Number(/<strong>(\d+)<\/strong>/.exec(doc.slice(doc.indexOf(`id="${d.attrs.id}"`)))![1]));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'highest score first');
  assert.ok(parsed.text.includes('How to fix'));
  const agt = catalogue.checks.find((c) => c.id === 'AISPM-AGT-001')!;
  assert.ok(parsed.text.includes(agt.remediation));
  assert.ok(parsed.text.includes('app/chat.py:30'));
  assert.ok(parsed.text.includes('accepted risk: compensating control: egress proxy (by alice@example.com) until 2026-12-31'));
  assert.equal(details.filter((d) => 'data-supp' in d.attrs).length, 5);
});

test('attack paths are drawn as inline SVG: one box per step and one arrow between steps', () => {
  const svgs = doc.match(/<svg class="path"[\s\S]*?<\/svg>/g) ?? [];
  assert.equal(svgs.length, report.paths!.length);
  const byScore = [...report.paths!].sort((a, b) => b.score - a.score);
  svgs.forEach((svg, i) => {
    const steps = byScore[i]!.steps.length;
    assert.equal((svg.match(/<rect /g) ?? []).length, steps, `path ${i}: boxes`);
    assert.equal((svg.match(/<polygon class="head"/g) ?? []).length, steps - 1, `path ${i}: arrow heads`);
    assert.match(svg, /class="node entry/);
    assert.match(svg, /class="node target/);
  });
  // the seven-step path wraps onto a second row and is still drawn within its viewBox
  const long = svgs[byScore.findIndex((p) => p.steps.length === 7)]!;
  const [, , w, h] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(long)!.slice(1).map(Number);
  for (const m of long.matchAll(/<rect class="box" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/g)) {
    const [x, y, bw, bh] = m.slice(1).map(Number) as [number, number, number, number];
    assert.ok(x + bw <= w! && y + bh <= h!, 'box inside the picture');
  }
  assert.ok(new Set([...long.matchAll(/<rect class="box" x="\d+" y="(\d+)"/g)].map((m) => m[1])).size === 2, 'two rows');
  assert.ok(long.includes('<title>'), 'full names as tooltips');
});

test('compliance per framework: each framework with pass, fail and not-evaluated counts', () => {
  const section = doc.slice(doc.indexOf('<section id="compliance">'));
  for (const fw of catalogue.frameworks) assert.ok(parse(section).text.includes(fw.name), fw.id);
  assert.match(section, /badge st-fail/);
  assert.match(section, /badge st-pass/);
});

test('light and dark themes, and it reads without JavaScript', () => {
  assert.match(doc, /@media \(prefers-color-scheme:dark\)/);
  assert.match(doc, /color-scheme:light dark/);
  // the filter bar is hidden until the script reveals it; no finding starts hidden
  assert.ok(parsed.elements.some((e) => e.attrs.id === 'filters' && e.attrs.class === 'hidden'));
  assert.ok(!parsed.elements.some((e) => e.name === 'details' && /\bhidden\b/.test(e.attrs.class ?? '') && e.attrs.class !== 'hidden'));
});

test('an inventory-only report says checks were not run and still lists the inventory', () => {
  const inv: Report = sampleReport();
  const p = parse(renderHtml(inv, catalogue));
  assert.match(p.text, /Checks were not run in this scan/);
  assert.match(p.text, /Attack paths were not computed/);
  assert.match(p.text, /Inventory \(28 assets/);
  assert.equal(p.scripts.length, 0, 'nothing to filter, no script');
});
