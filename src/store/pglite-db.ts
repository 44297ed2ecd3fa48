// The embedded engine: PGlite (PostgreSQL in WASM) in a data directory guarded by a lock file.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './db.js';
import { acquireDirLock } from './lock.js';

/** PGlite's own files live in a sub-folder so the lock file and future aispm files sit beside, not inside, them. */
export const PGLITE_SUBDIR = 'pgdata';

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: SqlParam[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async execScript(sql: string) {
      await q.exec(sql);
    },
  };
}

export async function openPgliteDb(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDirLock(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(path.join(dataDir, PGLITE_SUBDIR));
  } catch (e) {
    lock.release();
    throw e;
  }
  const direct = wrap(pg);
  return {
    kind: 'pglite',
    query: direct.query,
    execScript: direct.execScript,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await pg.close();
      } finally {
        lock.release();
      }
    },
  };
}
