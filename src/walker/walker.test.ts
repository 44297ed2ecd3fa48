import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walk } from './index.js';

function tree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aispm-walk-'));
  mkdirSync(path.join(root, 'src/sub'), { recursive: true });
  mkdirSync(path.join(root, 'node_modules/openai'), { recursive: true });
  mkdirSync(path.join(root, '.git'), { recursive: true });
  writeFileSync(path.join(root, 'src/a.py'), 'import openai\n');
  writeFileSync(path.join(root, 'src/sub/b.ts'), 'export {}\n');
  writeFileSync(path.join(root, 'node_modules/openai/index.js'), '');
  writeFileSync(path.join(root, '.git/config'), '');
  writeFileSync(path.join(root, 'README.md'), '# x\n');
  return root;
}

async function list(root: string, opts = {}) {
  const warnings: Array<{ file?: string; message: string }> = [];
  const files: string[] = [];
  for await (const e of walk(root, { ...opts, onWarning: (w) => warnings.push(w) })) files.push(e.rel);
  return { files, warnings };
}

test('walks files in a stable order and skips tooling folders', async () => {
  const root = tree();
  const { files, warnings } = await list(root);
  assert.deepEqual(files, ['README.md', 'src/a.py', 'src/sub/b.ts']);
  assert.deepEqual(warnings, []);
});

test('honours --exclude patterns and .aispmignore', async () => {
  const root = tree();
  writeFileSync(path.join(root, '.aispmignore'), 'src/sub/\n');
  const { files } = await list(root, { exclude: ['*.md'] });
  assert.deepEqual(files, ['.aispmignore', 'src/a.py']);
});

test('folder rules never exclude a file of that name; a file rule in .aispmignore does, and a negation keeps one', async () => {
  const root = tree();
  writeFileSync(path.join(root, 'venv'), 'a file, not the folder rule venv/ names\n');
  assert.deepEqual((await list(root)).files, ['README.md', 'venv', 'src/a.py', 'src/sub/b.ts']);
  writeFileSync(path.join(root, '.aispmignore'), '# folders\nsrc/sub/\n\n*.py\n');
  assert.deepEqual((await list(root)).files, ['.aispmignore', 'README.md', 'venv']);
  writeFileSync(path.join(root, '.aispmignore'), '*.md\n!README.md\n');
  assert.deepEqual((await list(root, { exclude: ['venv'] })).files, ['.aispmignore', 'README.md', 'src/a.py', 'src/sub/b.ts']);
});

test('never follows a symbolic link out of the root, and reports it', async () => {
  const root = tree();
  const outside = mkdtempSync(path.join(os.tmpdir(), 'aispm-outside-'));
  writeFileSync(path.join(outside, 'secret.py'), 'import anthropic\n');
  symlinkSync(outside, path.join(root, 'escape'));
  symlinkSync(path.join(outside, 'secret.py'), path.join(root, 'escape-file.py'));
  const { files, warnings } = await list(root);
  assert.ok(!files.some((f) => f.startsWith('escape')), files.join(','));
  assert.equal(warnings.filter((w) => /outside the scanned root/.test(w.message)).length, 2);
});

test('survives symbolic link loops', async () => {
  const root = tree();
  symlinkSync(path.join(root, 'src'), path.join(root, 'src/sub/loop'));
  symlinkSync(root, path.join(root, 'src/up'));
  const { files, warnings } = await list(root);
  assert.deepEqual(files, ['README.md', 'src/a.py', 'src/sub/b.ts']);
  assert.equal(warnings.filter((w) => /loop/.test(w.message)).length, 2);
});

test('follows links that stay inside the root', async () => {
  const root = tree();
  mkdirSync(path.join(root, 'shared'));
  writeFileSync(path.join(root, 'shared/c.py'), '');
  symlinkSync(path.join(root, 'src/a.py'), path.join(root, 'shared/alias.py'));
  const { files } = await list(root);
  assert.ok(files.includes('shared/alias.py'));
});

test('stops at the nesting limit with a warning naming the folder', async () => {
  const root = tree();
  let p = path.join(root, 'deep');
  for (let i = 0; i < 8; i++) p = path.join(p, `d${i}`);
  mkdirSync(p, { recursive: true });
  writeFileSync(path.join(p, 'x.py'), '');
  const { files, warnings } = await list(root, { maxDepth: 4 });
  assert.ok(!files.some((f) => f.startsWith('deep/')));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /deeper than 4/);
  assert.equal(warnings[0].file, 'deep/d0/d1/d2/d3');
});
