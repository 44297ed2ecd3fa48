import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Asset } from '../model/asset.js';
import { diffSnapshots } from './field-diff.js';
import { assetDigests, canonicalJson, snapshotOf } from './snapshot.js';

const base: Asset = {
  id: 'model:1', kind: 'model', key: 'm', name: 'm', attrs: { a: { b: { c: 1 } }, list: [1, 2], gone: 'x' },
  evidence: [{ file: 'f.py', line: 2, collector: 'python' }], tags: ['b', 'a'],
};

test('nested attributes are named by dotted path; arrays and type changes compare whole', () => {
  const after = snapshotOf({ ...base, attrs: { a: { b: { c: 2 } }, list: [2, 1], added: true, gone: undefined } });
  assert.deepEqual(diffSnapshots(snapshotOf(base), after), [
    { field: 'attrs.a.b.c', before: 1, after: 2 },
    { field: 'attrs.added', before: null, after: true },
    { field: 'attrs.gone', before: 'x', after: null },
    { field: 'attrs.list', before: [1, 2], after: [2, 1] },
  ]);
  const flattened = snapshotOf({ ...base, attrs: { ...base.attrs, a: 'flat' } });
  assert.deepEqual(diffSnapshots(snapshotOf(base), flattened), [{ field: 'attrs.a', before: { b: { c: 1 } }, after: 'flat' }]);
});

test('tags are a set and top-level fields are reported by name', () => {
  const after = snapshotOf({ ...base, tags: ['a', 'b', 'a'], owner: 'me', sensitivity: 'internal' });
  assert.deepEqual(diffSnapshots(snapshotOf(base), after), [
    { field: 'owner', before: null, after: 'me' },
    { field: 'sensitivity', before: null, after: 'internal' },
  ]);
});

test('digests ignore key order and split content from evidence', () => {
  const reordered = snapshotOf({ ...base, attrs: { gone: 'x', list: [1, 2], a: { b: { c: 1 } } } });
  assert.deepEqual(assetDigests(reordered), assetDigests(snapshotOf(base)));
  const moved = assetDigests(snapshotOf({ ...base, evidence: [{ file: 'f.py', line: 9, collector: 'python' }] }));
  assert.equal(moved.digest, assetDigests(snapshotOf(base)).digest);
  assert.notEqual(moved.evidenceDigest, assetDigests(snapshotOf(base)).evidenceDigest);
  assert.equal(canonicalJson({ b: 1, a: [{ d: undefined, c: 2 }] }), '{"a":[{"c":2}],"b":1}');
});
