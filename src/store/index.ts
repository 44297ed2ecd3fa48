// The persistent store: embedded PGlite by default, PostgreSQL when a URL is given; the same SQL on both.
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './pg-db.js';
import {
  assignFinding, commentFinding, findingHistory, getFinding, listFindings, matchFingerprints, triageFinding,
} from './finding-queries.js';
import { computeKpis } from './kpis.js';
import { diffScans, listAssets, listEdges, listScans, listSources } from './queries.js';
import { saveScan } from './save-scan.js';
import type { Store, StoreOptions } from './types.js';

export type * from './types.js';
export type { Db, Queryable, SqlParam } from './db.js';
export type { ScanDiff, AssetChange, AssetRef, FieldChange } from '../model/diff.js';
export { FindingTriageError, parseUntil } from './finding-queries.js';

/** The store's methods over an open database (the server keeps the `Db` for its own tables). */
export function storeOver(db: Db, clock: () => Date = () => new Date()): Store {
  return {
    kind: db.kind,
    saveScan: (report) => saveScan(db, report, clock),
    diff: (source, opts) => diffScans(db, source, opts),
    listScans: (source, limit) => listScans(db, source, limit),
    listSources: () => listSources(db),
    assets: (source, opts) => listAssets(db, source, opts),
    edges: (source) => listEdges(db, source),
    findings: (query) => listFindings(db, query ?? {}, clock()),
    finding: (fingerprint, source) => getFinding(db, fingerprint, clock(), source),
    findingHistory: (fingerprint, source) => findingHistory(db, fingerprint, clock(), source),
    matchFingerprints: (prefix, limit) => matchFingerprints(db, prefix, limit),
    triageFinding: (fingerprint, action) => triageFinding(db, fingerprint, action, clock()),
    assignFinding: (fingerprint, assignee, by) => assignFinding(db, fingerprint, assignee, by, clock()),
    commentFinding: (fingerprint, text, by) => commentFinding(db, fingerprint, text, by, clock()),
    kpis: (source) => computeKpis(db, source, clock()),
    close: () => db.close(),
  };
}

/** Opens (and migrates) the store: `databaseUrl` selects PostgreSQL, otherwise PGlite in `dataDir`. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  return storeOver(await openDb(opts), opts.now);
}

/** Opens and migrates the database under the store (for code with tables of its own, such as the server). */
export async function openDb(opts: StoreOptions): Promise<Db> {
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
  return db;
}
