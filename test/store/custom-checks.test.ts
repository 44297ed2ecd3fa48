// The custom checks repository (migration 006) on both engines: create, revive a tombstone, update, enable/disable,
// delete, the ids a scan must speak for, and a change that rolls back with its transaction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createCustomCheck, deleteCustomCheck, getCustomCheck, listCustomChecks, updateCustomCheck, withdrawnCustomCheckIds,
} from '../../src/store/custom-checks.js';
import { openTestDb, type TestDb } from '../server/jobs-support.js';
import { ENGINES } from './engines.js';

const YAML = (title: string) => `id: ACME-001\ntitle: ${title}\n`;

for (const engine of ENGINES) {
  describe(`custom checks repository (${engine})`, () => {
    let t: TestDb;
    before(async () => {
      t = await openTestDb(engine);
    });
    after(async () => t?.close());

    test('create, read, update, enable/disable, delete and revive', async () => {
      const { db } = t;
      const created = await createCustomCheck(db, { id: 'ACME-001', yaml: YAML('first'), enabled: true, by: 'alice' });
      assert.ok(created);
      assert.deepEqual([created.id, created.yaml, created.enabled, created.createdBy, created.updatedBy], ['ACME-001', YAML('first'), true, 'alice', 'alice']);
      assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
      assert.equal(await createCustomCheck(db, { id: 'ACME-001', yaml: YAML('again'), enabled: true, by: 'bob' }), undefined, 'a live id is taken');
      assert.equal((await getCustomCheck(db, 'ACME-001'))?.yaml, YAML('first'), 'the refused create changed nothing');

      await createCustomCheck(db, { id: 'ACME-002', yaml: 'id: ACME-002\n', enabled: false, by: 'alice' });
      assert.deepEqual((await listCustomChecks(db)).map((c) => c.id), ['ACME-001', 'ACME-002']);
      assert.deepEqual((await listCustomChecks(db, { enabledOnly: true })).map((c) => c.id), ['ACME-001']);
      assert.deepEqual(await withdrawnCustomCheckIds(db), ['ACME-002']);

      const edited = await updateCustomCheck(db, 'ACME-001', { yaml: YAML('second') }, 'bob');
      assert.deepEqual([edited?.yaml, edited?.enabled, edited?.createdBy, edited?.updatedBy], [YAML('second'), true, 'alice', 'bob']);
      const disabled = await updateCustomCheck(db, 'ACME-001', { enabled: false }, 'carol');
      assert.deepEqual([disabled?.yaml, disabled?.enabled, disabled?.updatedBy], [YAML('second'), false, 'carol'], 'a flag change keeps the YAML');
      assert.deepEqual(await withdrawnCustomCheckIds(db), ['ACME-001', 'ACME-002']);
      await updateCustomCheck(db, 'ACME-001', { enabled: true }, 'carol');
      assert.equal(await updateCustomCheck(db, 'NOPE-1', { enabled: true }, 'carol'), undefined);

      assert.equal(await deleteCustomCheck(db, 'ACME-001', 'dave'), true);
      assert.equal(await deleteCustomCheck(db, 'ACME-001', 'dave'), false, 'already deleted');
      assert.equal(await getCustomCheck(db, 'ACME-001'), undefined);
      assert.equal(await updateCustomCheck(db, 'ACME-001', { enabled: true }, 'dave'), undefined, 'a tombstone cannot be edited');
      assert.deepEqual((await listCustomChecks(db)).map((c) => c.id), ['ACME-002']);
      assert.deepEqual(await withdrawnCustomCheckIds(db), ['ACME-001', 'ACME-002'], 'the tombstone still resolves its findings');

      const revived = await createCustomCheck(db, { id: 'ACME-001', yaml: YAML('third'), enabled: true, by: 'erin' });
      assert.deepEqual([revived?.yaml, revived?.enabled, revived?.createdBy], [YAML('third'), true, 'erin'], 'the id is free again');
      assert.deepEqual(await withdrawnCustomCheckIds(db), ['ACME-002']);
    });

    test('a change rolls back with the transaction that made it', async () => {
      const { db } = t;
      await assert.rejects(db.transaction(async (tx) => {
        await createCustomCheck(tx, { id: 'ROLL-001', yaml: 'id: ROLL-001\n', enabled: true, by: 'alice' });
        assert.ok(await getCustomCheck(tx, 'ROLL-001'), 'visible inside the transaction');
        throw new Error('audit failed');
      }), /audit failed/);
      assert.equal(await getCustomCheck(db, 'ROLL-001'), undefined);
    });
  });
}
