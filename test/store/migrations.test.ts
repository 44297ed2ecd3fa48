import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/store/db.js';
import { loadMigrations, migrate, migrationsDir } from '../../src/store/migrations.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { openPostgresDb } from '../../src/store/pg-db.js';
import { openStore } from '../../src/store/index.js';
import { findTemplate } from '../../src/store/pglite-template.js';
import { ENGINES, freshLocation, type EngineLocation, type EngineName } from './engines.js';

function openDb(loc: EngineLocation): Promise<Db> {
  return loc.options.databaseUrl ? openPostgresDb(loc.options.databaseUrl) : openPgliteDb(loc.options.dataDir as string);
}

test('the migration files are numbered and start with the initial schema', () => {
  const migrations = loadMigrations();
  assert.deepEqual(migrations.map((m) => [m.version, m.name]).slice(0, 1), [[1, 'initial']]);
  assert.match(migrations[0].sql, /create table assets/);
  assert.equal(path.basename(migrationsDir()), 'migrations');
});

test('duplicate migration versions are refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aispm-migrations-'));
  cpSync(path.join(migrationsDir(), '001_initial.sql'), path.join(dir, '001_initial.sql'));
  cpSync(path.join(migrationsDir(), '001_initial.sql'), path.join(dir, '001_again.sql'));
  assert.throws(() => loadMigrations(dir), /two migrations share version 1/);
  rmSync(dir, { recursive: true });
});

for (const engine of ENGINES as EngineName[]) {
  describe(`migrations on ${engine}`, () => {
    const locations: EngineLocation[] = [];
    after(async () => {
      for (const l of locations) await l.dispose();
    });

    test('applied once, recorded, and a no-op on reopen; a newer database is refused', async () => {
      const loc = await freshLocation(engine);
      locations.push(loc);
      // a truly empty database, not the build's pre-migrated template
      process.env.AISPM_NO_STORE_TEMPLATE = '1';
      const db = await openDb(loc).finally(() => delete process.env.AISPM_NO_STORE_TEMPLATE);
      try {
        const all = loadMigrations().map((m) => m.version);
        assert.deepEqual(await migrate(db), all);
        assert.deepEqual(await migrate(db), []);
        const rows = await db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version');
        assert.deepEqual(rows.map((r) => r.version), all);
        const tables = await db.query<{ table_name: string }>(
          `select table_name from information_schema.tables where table_schema = current_schema() order by table_name`);
        // the store's own tables (later migrations add the server's and the job queue's beside them)
        const names = new Set(tables.map((t) => t.table_name));
        for (const table of ['asset_events', 'asset_inventory', 'assets', 'edge_events', 'edges', 'finding_events',
          'findings', 'scan_warnings', 'scans', 'schema_migrations', 'sources']) {
          assert.ok(names.has(table), `table ${table} is missing`);
        }
        await db.query("insert into schema_migrations (version, name) values (999, 'future')");
        await assert.rejects(migrate(db), /schema version 999, newer than this aispm/);
      } finally {
        await db.close();
      }
    });

    if (engine === 'pglite') {
      test('a new data directory starts from the build template when there is one, already migrated', async (t) => {
        if (!findTemplate()) return t.skip('no template: run `npm run build` first');
        const loc = await freshLocation(engine);
        locations.push(loc);
        const db = await openDb(loc);
        try {
          const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
          assert.deepEqual(rows.map((r) => r.version), loadMigrations().map((m) => m.version));
          assert.deepEqual(await migrate(db), []);
        } finally {
          await db.close();
        }
      });
    }

    if (engine === 'postgres') {
      test('concurrent first opens apply each migration exactly once (advisory lock)', async () => {
        const loc = await freshLocation(engine);
        locations.push(loc);
        const dbs = await Promise.all([1, 2, 3, 4].map(() => openDb(loc)));
        try {
          const results = await Promise.all(dbs.map((db) => migrate(db)));
          const all = loadMigrations().map((m) => m.version);
          assert.deepEqual(results.filter((r) => r.length).length, 1);
          assert.deepEqual(results.flat().sort(), all);
          const [{ n }] = await dbs[0].query<{ n: number }>('select count(*)::int as n from schema_migrations');
          assert.equal(n, all.length);
        } finally {
          await Promise.all(dbs.map((db) => db.close()));
        }
        // and full stores opened at once all work on the one schema
        const stores = await Promise.all([1, 2].map(() => openStore(loc.options)));
        assert.deepEqual(await Promise.all(stores.map((s) => s.listSources())), [[], []]);
        await Promise.all(stores.map((s) => s.close()));
      });
    }
  });
}
