// The persistent store: embedded PGlite by default, PostgreSQL when a URL is given; the same SQL on both.
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './pg-db.js';
import { diffScans, listAssets, listEdges, listScans, listSources } from './queries.js';
import { saveScan } from './save-scan.js';
import type { Store, StoreOptions } from './types.js';

export type * from './types.js';
export type { ScanDiff, AssetChange, AssetRef, FieldChange } from '../model/diff.js';

function storeOver(db: Db): Store {
  return {
    kind: db.kind,
    saveScan: (report) => saveScan(db, report),
    diff: (source, opts) => diffScans(db, source, opts),
    listScans: (source, limit) => listScans(db, source, limit),
    listSources: () => listSources(db),
    assets: (source, opts) => listAssets(db, source, opts),
    edges: (source) => listEdges(db, source),
    close: () => db.close(),
  };
}

/** Opens (and migrates) the store: `databaseUrl` selects PostgreSQL, otherwise PGlite in `dataDir`. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  let db: Db;
  if (opts.databaseUrl) db = await openPostgresDb(opts.databaseUrl);
  else if (opts.dataDir) db = await openPgliteDb(opts.dataDir);
  else throw new Error('aispm store: give a data directory or a PostgreSQL URL (DATABASE_URL)');
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return storeOver(db);
}
