import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { existingTree, generateTree, truthPath } from './generate.js';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.push(path.relative(root, p));
    }
  };
  visit(root);
  return out.sort();
}

function treeDigest(root: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(root)) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest('hex');
}

test('the same options give byte-identical trees, a matching tree is reused, and the truth locates every plant', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'aispm-bench-'));
  try {
    const a = path.join(tmp, 'a', 'tree');
    const b = path.join(tmp, 'b', 'tree');
    const opts = { files: 400, mb: 6, seed: 7 };
    const ta = await generateTree({ out: a, ...opts });
    const tb = await generateTree({ out: b, ...opts });
    assert.equal(treeDigest(a), treeDigest(b));
    assert.deepEqual(ta, tb);
    assert.equal(readFileSync(truthPath(a), 'utf8'), readFileSync(truthPath(b), 'utf8'));

    // At least the requested files and bytes, counted truthfully.
    const files = listFiles(a);
    assert.equal(files.length, ta.tree.files);
    assert.ok(ta.tree.files >= 400);
    assert.equal(files.reduce((s, f) => s + statSync(path.join(a, f)).size, 0), ta.tree.bytes);
    assert.ok(ta.tree.bytes >= 6 * 1024 * 1024 * 0.95, `bytes ${ta.tree.bytes}`);
    for (const cat of ['plain-code', 'ai-code', 'model-files', 'datasets', 'notebooks', 'prompts', 'env', 'manifests']) assert.ok(ta.tree.byCategory[cat]?.files > 0, `no ${cat}`);

    // Every recorded example names a line of that file holding the id as written.
    assert.ok(ta.models.length >= 10);
    for (const m of ta.models) {
      for (const ex of m.examples) {
        const line = readFileSync(path.join(a, ex.file), 'utf8').split('\n')[ex.line - 1] ?? '';
        assert.ok(line.includes(ex.written), `${m.id}: ${ex.file}:${ex.line} is ${JSON.stringify(line)}`);
      }
    }
    const whys = ta.decoys.map((d) => d.why);
    assert.ok(whys.includes('a template literal built at run time') || whys.includes('an f-string: the model is only known at run time'));
    assert.deepEqual(ta.decoys.find((d) => d.why === 'a reference to another variable')?.texts, ['${OPENAI_MODEL}']);

    // A tree made with the same options is recognised; other options are not.
    assert.deepEqual(existingTree({ out: a, ...opts }), ta);
    assert.equal(existingTree({ out: a, ...opts, seed: 8 }), undefined);
    const other = await generateTree({ out: b, ...opts, seed: 8 });
    assert.notEqual(treeDigest(b), treeDigest(a));
    assert.notDeepEqual(other.models, ta.models);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
