import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectPiiInDocument, documentKind, htmlToText, notebookToText, toSource } from './extract.js';
import { PII_TYPES } from './candidate.js';

const read = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const IDENTIFIERS = new Set<string>(PII_TYPES);

test('HTML: text without tags, scripts or styles; blocks end lines', () => {
  const { text } = htmlToText(read('contact-page.html'));
  assert.ok(!text.includes('script.person'), 'script content dropped');
  assert.ok(!text.includes('style@'), 'style content dropped');
  assert.ok(text.includes('Write to jo.bloggs@example.com or call +44 20 7946 0958.'));
  assert.ok(text.includes('\nOffice: 221B Baker Street, London NW1 6XE'));
  assert.equal(htmlToText('a &amp; b &lt;c&gt;').text, 'a & b <c>');
});

test('HTML: detections point into the source file', () => {
  const html = read('contact-page.html');
  const found = detectPiiInDocument(html, 'site/contact.html').filter((d) => IDENTIFIERS.has(d.type));
  assert.deepEqual(
    found.map((d) => [d.type, html.slice(d.start, d.end), d.line]),
    [
      ['EMAIL', 'jo.bloggs@example.com', 7],
      ['PHONE', '+44 20 7946 0958', 7],
      ['STREET_ADDRESS', '221B Baker Street, London NW1 6XE', 8],
    ],
  );
});

test('notebooks: cell sources and outputs, with the cell index', () => {
  const nb = read('analysis.ipynb');
  const extracted = notebookToText(nb);
  assert.ok(extracted.text.includes('customer 1001: lena.fischer@example.de'));
  const found = detectPiiInDocument(nb, 'notebooks/analysis.ipynb').filter((d) => IDENTIFIERS.has(d.type));
  assert.deepEqual(
    found.map((d) => [d.type, d.cell, d.masked]),
    [
      ['EMAIL', 1, 'l…@…(23)'],
      ['US_SSN', 1, '…(11)'],
      ['CREDIT_CARD', 1, '…6467(19)'],
    ],
  );
  // Offsets land on the cell in the JSON file.
  assert.deepEqual(found.map((d) => d.line), [9, 9, 9]);
});

test('a notebook that is not JSON warns and yields nothing', () => {
  const warnings: string[] = [];
  assert.deepEqual(detectPiiInDocument('{"cells": [', 'broken.ipynb', { warn: (m) => warnings.push(m) }), []);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /not valid JSON/);
});

test('document kinds and offset mapping', () => {
  assert.equal(documentKind('a/b.HTM'), 'html');
  assert.equal(documentKind('x.ipynb'), 'notebook');
  assert.equal(documentKind('notes.md'), 'text');
  assert.deepEqual(toSource({ text: '', pieces: [] }, 5), { offset: 5 });
  const plain = 'mail me: someone.real@example.com';
  assert.deepEqual(detectPiiInDocument(plain, 'notes.txt').map((d) => [d.type, d.start, d.end]), [['EMAIL', 9, 33]]);
});
