// Bad input never stops a scan: every problem is a warning naming the file (and line when known), and
// everything readable is still inventoried.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan, ScanInputError } from '../../src/scan.js';

function badTree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aispm-bad-'));
  const w = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  };
  w('good/app.py', 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[])\n');
  w('good/requirements.txt', 'openai==1.51.2\n');
  w('broken/package.json', '{\n  "name": "x",\n  "dependencies": {\n    "openai": "4.0.0",\n  \n');
  w('broken/notebook.ipynb', '{"cells": [ {"cell_type": "code", "source": ["import openai"] ,, ]}');
  w('broken/binary.py', Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0x00, 0x01, 0x02, 0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69]));
  w('broken/huge.py', 'import anthropic\n' + '# filler\n'.repeat(20000));
  w('broken/mcp/.mcp.json', '{ "mcpServers": { "x": { "command": "npx", ');
  let deep = 'deep';
  for (let i = 0; i < 12; i++) deep += `/d${i}`;
  w(`${deep}/agent.py`, 'import openai\n');
  symlinkSync(path.join(root, 'good'), path.join(root, 'good', 'loop'));
  symlinkSync(os.tmpdir(), path.join(root, 'escape'));
  return root;
}

test('a scan of broken files warns per file and still inventories the good ones', async () => {
  const root = badTree();
  const r = await scan({ root, workers: 1, maxDepth: 8, limits: { maxContentBytes: 64 * 1024 } });
  const warn = (file: string) => r.warnings.filter((w) => w.file === file);
  assert.ok(r.assets.some((a) => a.kind === 'model' && a.key === 'openai/gpt-4o-mini'), 'the good file is still inventoried');
  assert.ok(r.assets.some((a) => a.kind === 'library' && a.key.startsWith('pypi:openai@1.51.2')));

  const pkg = warn('broken/package.json');
  assert.equal(pkg.length, 1);
  assert.ok(pkg[0].line && pkg[0].line >= 4, `malformed JSON names its line: ${JSON.stringify(pkg[0])}`);
  assert.ok(warn('broken/notebook.ipynb')[0]?.line, 'a malformed notebook names its line');
  assert.match(warn('broken/binary.py')[0]?.message ?? '', /binary content/);
  assert.match(warn('broken/huge.py')[0]?.message ?? '', /over the 65536-byte content limit/);
  assert.equal(warn('broken/mcp/.mcp.json').length, 1);
  assert.match(r.warnings.find((w) => w.file?.startsWith('deep/'))?.message ?? '', /deeper than 8 levels/);
  assert.match(warn('good/loop')[0]?.message ?? '', /loop/);
  assert.match(warn('escape')[0]?.message ?? '', /outside the scanned root/);
});

test('a missing path or a file instead of a folder is an input error', async () => {
  await assert.rejects(scan({ root: path.join(os.tmpdir(), 'no-such-aispm-dir') }), ScanInputError);
  const root = badTree();
  await assert.rejects(scan({ root: path.join(root, 'good/app.py') }), /not a folder/);
});
