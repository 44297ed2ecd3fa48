import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileInput, memoryInput } from '../file-input.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import type { FileInput } from '../types.js';
import { scanRecords } from './csv.js';
import { datasetsCollector as collector } from './index.js';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');

function onDisk(rel: string): FileInput {
  const abs = path.join(TESTDATA, rel);
  return fileInput(abs, rel, statSync(abs).size);
}

async function collect(file: FileInput) {
  const out = emptyOutput();
  await runCollectorsOnFile(file, [collector], out);
  return { assets: out.assets, warnings: out.warnings.map((w) => ({ line: w.line, message: w.message })) };
}

test('wants data extensions, sniffs Parquet and Arrow by magic', () => {
  for (const rel of ['a/b.csv', 'x.TSV', 'f.jsonl', 'g.ndjson', 'h.parquet', 'i.arrow', 'j.feather', 'data/k.json'])
    assert.equal(collector.wants(rel, path.basename(rel).toLowerCase()), true, rel);
  assert.equal(collector.wants('src/app.py', 'app.py'), false);
  assert.equal(collector.wants('x.constructor', 'x.constructor'), false);
  assert.equal(collector.sniff!(readFileSync(path.join(TESTDATA, 'customers.parquet')), 'export'), true);
  assert.equal(collector.sniff!(readFileSync(path.join(TESTDATA, 'events.arrow')), 'events.bin'), true);
  assert.equal(collector.sniff!(Buffer.from('hello'), 'notes'), false);
});

test('CSV with quoted newlines and escaped quotes: columns and exact rows', async () => {
  const { assets, warnings } = await collect(onDisk('customers.csv'));
  assert.equal(assets.length, 1);
  assert.equal(assets[0]!.kind, 'dataset');
  assert.equal(assets[0]!.key, 'customers.csv');
  assert.equal(assets[0]!.name, 'customers.csv');
  assert.deepEqual(assets[0]!.attrs, { format: 'csv', delimiter: 'comma', columns: ['id', 'name', 'email', 'notes'], rows: 3, rowsEstimated: false, sizeBytes: 148 });
  assert.deepEqual(warnings, []);
});

test('TSV and a semicolon CSV with a short row (warning names the line)', async () => {
  assert.deepEqual((await collect(onDisk('reviews.tsv'))).assets[0]!.attrs, { format: 'tsv', delimiter: 'tab', columns: ['text', 'label'], rows: 2, rowsEstimated: false, sizeBytes: 40 });
  const ragged = await collect(onDisk('ragged.csv'));
  assert.deepEqual(ragged.assets[0]!.attrs, { format: 'csv', delimiter: 'semicolon', columns: ['a', 'b', 'c'], rows: 2, rowsEstimated: false, sizeBytes: 16 });
  assert.deepEqual(ragged.warnings, [{ line: 3, message: 'CSV is malformed: Invalid Record Length: expect 3, got 2 on line 3' }]);
});

test('a CSV past the count limit is estimated from its sample, flagged as such', async () => {
  const row = 'alice@example.com,42,"a ""quoted"" note"\n'; // 40 bytes
  const text = 'email,age,note\n' + row.repeat(450_000); // ~18 MB
  const { assets } = await collect(memoryInput('big/people.csv', text));
  const attrs = assets[0]!.attrs!;
  assert.deepEqual(attrs.columns, ['email', 'age', 'note']);
  assert.equal(attrs.rowsEstimated, true);
  assert.ok(Math.abs((attrs.rows as number) - 450_000) < 100, `estimate ${attrs.rows} is near 450000`);
});

test('record scan: quoted newlines, blank lines and a last line without newline', () => {
  assert.deepEqual(scanRecords('a,b\n"x\ny",1\n\n2,3'), { records: 3, lastBoundary: 13, headerEnd: 4 });
  assert.deepEqual(scanRecords('a\r\nb\r\n'), { records: 2, lastBoundary: 6, headerEnd: 3 });
  // where the first records end (the parser checks only those); a last record without newline is not complete
  assert.equal(scanRecords('a,b\n"x\ny",1\n\n2,3', 2).keptEnd, 12);
  assert.equal(scanRecords('a,b\n"x\ny",1\n\n2,3', 3).keptEnd, undefined);
});

/** The record scan's definition, one character at a time: what the jumping scan must agree with. */
function scanRecordsReference(text: string, keep = 0) {
  let records = 0;
  let keptEnd: number | undefined;
  let inQuotes = false;
  let hasContent = false;
  let lastBoundary = 0;
  let headerEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    if (c === '\n' && !inQuotes) {
      if (hasContent && ++records === keep) keptEnd = i + 1;
      hasContent = false;
      lastBoundary = i + 1;
      if (headerEnd < 0) headerEnd = i + 1;
    } else if (c !== '\r' && c !== ' ' && c !== '\t' && c !== '\n') hasContent = true;
  }
  if (hasContent) records++;
  return { records, lastBoundary, headerEnd: headerEnd < 0 ? text.length : headerEnd, ...(keptEnd !== undefined ? { keptEnd } : {}) };
}

test('record scan agrees with the character-by-character definition on random CSV-like texts', () => {
  const alphabet = ['a', '1', ',', '"', '""', '\n', '\r\n', ' ', '\t', '\r', 'é'];
  let seed = 3;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let round = 0; round < 2000; round++) {
    let text = '';
    for (let i = rand(40); i > 0; i--) text += alphabet[rand(alphabet.length)];
    const keep = rand(4);
    assert.deepEqual(scanRecords(text, keep), scanRecordsReference(text, keep), `${JSON.stringify(text)} keeping ${keep}`);
  }
});

test('JSONL: keys of the sampled records, count, shape, and the malformed line by number', async () => {
  const { assets, warnings } = await collect(onDisk('finetune.jsonl'));
  assert.deepEqual(assets[0]!.attrs, {
    format: 'jsonl',
    columns: ['messages', 'source'],
    rows: 4,
    rowsEstimated: false,
    recordShape: 'chat-messages',
    malformedRecords: 1,
    sizeBytes: 176,
  });
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.line, 3);
  assert.match(warnings[0]!.message, /^line 3 is not valid JSON: /);
});

test('JSON arrays of records only under a data folder (or when large); config JSON is not a dataset', async () => {
  assert.deepEqual((await collect(onDisk('data/qa.json'))).assets[0]!.attrs, {
    format: 'json',
    columns: ['id', 'question', 'answer', 'difficulty'],
    rows: 2,
    rowsEstimated: false,
    recordShape: 'question-answer',
    sizeBytes: 120,
  });
  assert.deepEqual((await collect(onDisk('data/settings.json'))).assets, []);
  assert.deepEqual((await collect(onDisk('package-like.json'))).assets, []);
});

test('Parquet footer: columns with types, rows, writer', async () => {
  const { assets, warnings } = await collect(onDisk('customers.parquet'));
  assert.deepEqual(assets[0]!.attrs, {
    format: 'parquet',
    columns: ['customer_id', 'email', 'churned'],
    columnTypes: { customer_id: 'INT32', email: 'UTF8', churned: 'BOOLEAN' },
    rows: 3,
    rowsEstimated: false,
    rowGroups: 1,
    createdBy: 'hyparquet',
    sizeBytes: 438,
  });
  assert.deepEqual(warnings, []);
});

test('truncated Parquet: warning, asset marked malformed', async () => {
  const bytes = readFileSync(path.join(TESTDATA, 'customers.parquet')).subarray(0, 200);
  const { assets, warnings } = await collect(memoryInput('cut.parquet', bytes));
  assert.deepEqual(assets[0]!.attrs, { format: 'parquet', malformed: true, sizeBytes: 200 });
  assert.deepEqual(warnings, [{ line: undefined, message: 'Parquet footer is not readable: parquet file invalid (footer != PAR1)' }]);
});

test('Arrow IPC: schema field names and rows summed over record batches', async () => {
  const { assets, warnings } = await collect(onDisk('events.arrow'));
  assert.deepEqual(assets[0]!.attrs, { format: 'arrow', columns: ['event_id', 'user_email', 'ts'], rows: 5, rowsEstimated: false, recordBatches: 2, sizeBytes: 490 });
  assert.deepEqual(warnings, []);
  const cut = await collect(memoryInput('cut.arrow', readFileSync(path.join(TESTDATA, 'events.arrow')).subarray(0, 100)));
  assert.deepEqual(cut.assets[0]!.attrs, { format: 'arrow', malformed: true, sizeBytes: 100 });
  assert.deepEqual(cut.warnings, [{ line: undefined, message: 'Arrow IPC file is malformed: the closing ARROW1 magic is missing (truncated file?)' }]);
});
