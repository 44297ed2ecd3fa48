import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { firstCsvRecords } from './index.js';

const opts = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: 201 };

test('the first records of a large CSV are those of parsing the whole text, whatever the cut point falls in', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const field = () => {
    const pick = rand(6);
    if (pick === 0) return `"multi\n${'x'.repeat(rand(3000))}\nline"`; // a quoted field holding newlines
    if (pick === 1) return `"say ""hi"", ${rand(100)}"`;
    if (pick === 2) return `5"${rand(10)}`; // a stray quote, kept by relax_quotes
    return 'v'.repeat(rand(900));
  };
  for (let round = 0; round < 40; round++) {
    const lines = ['id,text,note'];
    for (let i = 0, n = 20 + rand(400); i < n; i++) lines.push(`${i},${field()},${field()}`);
    const text = lines.join('\n');
    let expected: unknown;
    try {
      expected = parseCsv(text, opts);
    } catch (e) {
      expected = (e as Error).message;
    }
    let got: unknown;
    try {
      got = firstCsvRecords(text, opts);
    } catch (e) {
      got = (e as Error).message;
    }
    assert.deepEqual(got, expected, `round ${round}, ${text.length} characters`);
  }
});

test('a record past the cut still comes from the whole text when the prefix holds too few', () => {
  const row = (i: number) => `${i},${'y'.repeat(1000)}`;
  const text = ['id,v', ...Array.from({ length: 150 }, (_, i) => row(i))].join('\n');
  const rows = firstCsvRecords(text, opts);
  assert.equal(rows.length, 151);
  assert.deepEqual(rows.at(-1), ['149', 'y'.repeat(1000)]);
});
