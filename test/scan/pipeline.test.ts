// The walk feeds the worker pool while it goes on: the pooled scan must give exactly the in-process
// inventory however the batches were interleaved with the walk, and progress must stay truthful.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/model/index.js';
import { scan, type ScanProgress } from '../../src/scan.js';

/** Everything a scan found (not its timings). */
const inventoryOf = (r: Report) => JSON.parse(JSON.stringify({ assets: r.assets, edges: r.edges, warnings: r.warnings }));

/** A tree of `files` files across folders: AI code, credentials, a dataset with personal data, plain code. */
function tree(files: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aispm-pipeline-'));
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `team${i % 7}`, `svc${i % 13}`);
    mkdirSync(dir, { recursive: true });
    const kind = i % 5;
    if (kind === 0) writeFileSync(path.join(dir, `agent${i}.py`), `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[])\n`);
    else if (kind === 1) writeFileSync(path.join(dir, `.env.${i}`), `OPENAI_API_KEY=sk-proj-${'Ab3dE'.repeat(10)}T3BlbkFJ${'xY9zQ'.repeat(10)}\nDB_PASSWORD=Pg7xK2mQ9vL4w${i}\n`);
    else if (kind === 2) writeFileSync(path.join(dir, `people${i}.csv`), 'name,email,age\n' + Array.from({ length: 20 }, (_, r) => `Ann Lee${r},ann${r}@example.org,${20 + r}`).join('\n') + '\n');
    else writeFileSync(path.join(dir, `util${i}.ts`), `export const add${i} = (a: number, b: number) => a + b;\n`);
  }
  return root;
}

test('a pooled scan that starts during the walk gives the in-process inventory, with honest progress', async () => {
  const root = tree(600); // above the pool threshold: 13 batches, the pool starts while the walk goes on
  try {
    const single = await scan({ root, workers: 1, checks: false, gitOwners: false });
    const events: ScanProgress[] = [];
    const pooled = await scan({ root, checks: false, gitOwners: false, onProgress: (p) => events.push({ ...p }) });
    assert.deepEqual(inventoryOf(pooled), inventoryOf(single));
    assert.equal(pooled.scan.stats.files, 600);
    assert.equal(pooled.scan.stats.bytes, single.scan.stats.bytes);
    assert.ok(single.assets.some((a) => a.kind === 'secret'), 'the content stage ran');
    assert.ok(single.assets.some((a) => a.kind === 'dataset' && a.sensitivity), 'dataset PII was classified');

    // walk progress first, then collection against known totals, ending at all files, then the graph
    const phases = events.map((e) => e.phase);
    assert.equal(phases.lastIndexOf('walk') < phases.indexOf('collect'), true, phases.join(' '));
    const collect = events.filter((e) => e.phase === 'collect');
    assert.ok(collect.length > 0);
    for (const e of collect) assert.deepEqual([e.totalFiles, e.totalBytes], [600, pooled.scan.stats.bytes]);
    assert.equal(collect.at(-1)!.files, 600);
    assert.equal(events.at(-1)!.phase, 'graph');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an explicit pool larger than the number of batches starts one worker per batch and loses nothing', async () => {
  const root = tree(120); // three batches of at most 48 files
  try {
    const single = await scan({ root, workers: 1, checks: false, gitOwners: false });
    const pooled = await scan({ root, workers: 8, checks: false, gitOwners: false });
    assert.deepEqual(inventoryOf(pooled), inventoryOf(single));
    assert.equal(pooled.scan.stats.files, 120);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
