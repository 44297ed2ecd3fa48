// Discovers every check folder under checks/ (never a hand-kept list) and asserts that its fixtures make
// exactly the assets named in expected.yaml fail, and the ones named as passing pass.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { evaluate, loadChecks, readFixture } from '../../src/policy/index.js';
import { ExpectedSchema } from '../../src/policy/schema.js';
import type { Asset, Edge } from '../../src/model/index.js';

const set = loadChecks();

test('the built-in library has at least 30 checks, each in its own folder', () => {
  assert.ok(set.checks.length >= 30, `only ${set.checks.length} checks`);
  for (const c of set.checks) assert.equal(path.basename(c.dir), c.id);
});

for (const check of set.checks) {
  test(`${check.id} ${check.longId}: fixtures fail and pass as expected`, () => {
    const expectedFile = path.join(check.dir, 'expected.yaml');
    const fixturesDir = path.join(check.dir, 'fixtures');
    assert.ok(existsSync(expectedFile), `${check.source}: expected.yaml missing`);
    assert.ok(existsSync(fixturesDir), `${check.source}: fixtures/ missing`);
    const expected = ExpectedSchema.parse(parseYaml(readFileSync(expectedFile, 'utf8')));
    const assets: Asset[] = [];
    const edges: Edge[] = [];
    for (const f of readdirSync(fixturesDir).filter((n) => n.endsWith('.json')).sort()) {
      const g = readFixture(path.join(fixturesDir, f), `${check.id}/fixtures/${f}`);
      assets.push(...g.assets);
      edges.push(...g.edges);
    }
    const keysInScope = new Set(assets.filter((a) => check.kinds.includes(a.kind)).map((a) => a.key));
    for (const k of [...expected.fail, ...expected.pass]) assert.ok(keysInScope.has(k), `${k} is not a ${check.kinds.join('/')} asset in the fixtures`);

    const { findings, problems } = evaluate({ assets, edges }, set, { only: [check.id] });
    assert.deepEqual(problems, []);
    const keyOf = new Map(assets.map((a) => [a.id, a.key]));
    const failing = [...new Set(findings.map((f) => keyOf.get(f.assetId)!))].sort();
    assert.deepEqual(failing, [...expected.fail].sort(), 'failing assets');
    for (const p of expected.pass) assert.ok(!failing.includes(p), `${p} must pass`);
    for (const f of findings) {
      assert.equal(f.checkId, check.id);
      assert.equal(f.status, 'open');
      assert.ok(!f.message.includes('{{'), `unrendered placeholder in: ${f.message}`);
      assert.match(f.fingerprint, /^[0-9a-f]{64}$/);
    }
  });
}
