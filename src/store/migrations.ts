// Versioned schema migrations: numbered `.sql` files applied in order, once, inside one transaction.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d+)_([a-z0-9_-]+)\.sql$/;

/**
 * The folder of `.sql` files: beside this module when run from source, and the source tree when run from the
 * compiled `dist/src/store/` (tsc does not copy `.sql` files; the package ships `src/`).
 */
export function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.resolve(here, '..', '..', '..', 'src', 'store', 'migrations')];
  const found = candidates.find((dir) => existsSync(dir) && readdirSync(dir).some((f) => FILE_PATTERN.test(f)));
  if (!found) throw new Error(`aispm store: no migrations found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir)) {
    const m = FILE_PATTERN.exec(file);
    if (!m) continue;
    migrations.push({ version: Number(m[1]), name: m[2], sql: readFileSync(path.join(dir, file), 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`aispm store: two migrations share version ${migrations[i].version}`);
    }
  }
  return migrations;
}

/** Applies the pending migrations; returns the versions applied by this call (empty when up to date). */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    // serialises concurrent first opens of one database; released at commit
    await tx.query("select pg_advisory_xact_lock(hashtext('aispm.schema_migrations'))");
    await tx.execScript(
      'create table if not exists schema_migrations (version integer primary key, name text not null, ' +
        'applied_at timestamptz not null default now())',
    );
    const rows = await tx.query<{ version: number }>('select version from schema_migrations order by version');
    const applied = new Set(rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length) {
      throw new Error(`aispm store: the database has schema version ${Math.max(...unknown)}, newer than this aispm`);
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.execScript(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
