// The embedded engine: PGlite (PostgreSQL in WASM) in a data directory guarded by a lock file.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './db.js';
import { acquireDirLock } from './lock.js';
import { findTemplate } from './pglite-template.js';

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
    const pgdata = path.join(dataDir, PGLITE_SUBDIR);
    // a new data directory starts from the build's template when there is one (initdb in WASM is slow)
    const template = existsSync(pgdata) ? undefined : findTemplate();
    pg = await PGlite.create(pgdata, template ? { loadDataDir: template } : {});
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
        // a checkpoint now spares the next open a WAL replay (seconds in WASM)
        await pg.exec('checkpoint').catch(() => undefined);
        await pg.close();
      } finally {
        lock.release();
      }
    },
  };
}
