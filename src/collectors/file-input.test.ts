import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileInput, memoryInput } from './file-input.js';
import { BinaryContentError, TooLargeError } from './types.js';

test('text refuses binary content and oversized files with typed errors', async () => {
  await assert.rejects(memoryInput('a.py', Buffer.from([0x69, 0x6d, 0x00, 0x70])).text(), BinaryContentError);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-fi-'));
  const p = path.join(dir, 'big.py');
  writeFileSync(p, 'x'.repeat(2000));
  const f = fileInput(p, 'big.py', 2000, { maxContentBytes: 1000, maxHashBytes: 1 << 30 });
  await assert.rejects(f.text(), TooLargeError);
  // the head and the hash are still available for large files
  assert.equal((await f.head()).length, 2000);
  assert.equal(await f.sha256(), createHash('sha256').update('x'.repeat(2000)).digest('hex'));
  assert.deepEqual(await f.range(1990, 100), Buffer.from('x'.repeat(10)));
});

test('text decodes UTF-8 with a BOM and UTF-16 with a BOM', async () => {
  assert.equal(await memoryInput('a.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69])).text(), 'hi');
  assert.equal(await memoryInput('a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')])).text(), 'hi');
  assert.equal(await memoryInput('a.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hi', 'utf16le').swap16()])).text(), 'hi');
});
