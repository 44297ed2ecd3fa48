// The end-to-end inventory of the example organisation, compared with a committed golden file.
// Update it deliberately with `UPDATE_GOLDEN=1 npm test -- test/e2e` and review the diff.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/scan.js';
import type { Report } from '../../src/model/index.js';

export const EXAMPLE = path.join('examples', 'acme-ai');
const GOLDEN = path.join('test', 'golden', 'acme-ai.inventory.json');

/** What the inventory is, without what varies between runs (timings, dates). */
export function inventoryOf(r: Report) {
  // through JSON, as the golden file is: absent and undefined fields compare equal
  return JSON.parse(JSON.stringify(inventoryFields(r)));
}

function inventoryFields(r: Report) {
  return {
    assets: r.assets.map((a) => ({
      id: a.id,
      kind: a.kind,
      key: a.key,
      name: a.name,
      provider: a.provider,
      owner: a.owner,
      environment: a.environment,
      sensitivity: a.sensitivity,
      attrs: a.attrs,
      evidence: a.evidence.map((e) => `${e.collector} ${e.file ?? e.uri}${e.line ? ':' + e.line : ''}`),
    })),
    edges: r.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`),
    warnings: r.warnings.map((w) => `${w.file ?? ''}${w.line ? ':' + w.line : ''} ${w.message}`),
  };
}

test('the example organisation scans to the golden inventory', async () => {
  const report = await scan({ root: EXAMPLE, workers: 1 });
  const actual = inventoryOf(report);
  if (process.env.UPDATE_GOLDEN) {
    writeFileSync(GOLDEN, JSON.stringify(actual, null, 2) + '\n');
    return;
  }
  const expected = JSON.parse(readFileSync(GOLDEN, 'utf8'));
  assert.deepEqual(actual, expected);
});

test('worker threads produce exactly the in-process inventory', async () => {
  const single = inventoryOf(await scan({ root: EXAMPLE, workers: 1 }));
  const pooled = inventoryOf(await scan({ root: EXAMPLE, workers: 2 }));
  assert.deepEqual(pooled, single);
});
