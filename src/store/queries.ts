// The read side: inventory, scans, sources, and drift between any two scans rebuilt from the event history.
import type { Asset, Edge } from '../model/asset.js';
import type { ScanDiff } from '../model/diff.js';
import type { ScanStats } from '../model/report.js';
import type { Queryable } from './db.js';
import { ASSET_COLUMNS, assetFromRow, type AssetRow, edgeFromRow, type EdgeRow, toIso } from './rows.js';
import { type AssetTransition, buildScanDiff, type EdgeTransition } from './scan-diff.js';
import { type AssetSnapshot, edgeIdentity, type EdgeSnapshot } from './snapshot.js';
import type { AssetQuery, DiffQuery, ScanStatus, ScanSummary, SourceSummary } from './types.js';

export async function listAssets(db: Queryable, source: string, opts: AssetQuery = {}): Promise<Asset[]> {
  const rows = await db.query<AssetRow>(
    `select ${ASSET_COLUMNS.split(', ').map((c) => `a.${c}`).join(', ')}
     from asset_inventory a join sources src on src.id = a.source_id
     where src.name = $1 and ($2::text is null or a.kind = $2) and ($3::boolean or a.removed_at is null)
     order by a.kind, a.id`,
    [source, opts.kind ?? null, opts.includeRemoved ?? false],
  );
  return rows.map(assetFromRow);
}

export async function listEdges(db: Queryable, source: string): Promise<Edge[]> {
  const rows = await db.query<EdgeRow>(
    `select e.from_id, e.kind, e.to_id, e.attrs, e.evidence from edges e join sources src on src.id = e.source_id
     where src.name = $1 order by e.from_id, e.kind, e.to_id`,
    [source],
  );
  return rows.map(edgeFromRow);
}

interface ScanRow {
  id: string;
  source: string;
  started_at: Date | string;
  finished_at: Date | string;
  status: ScanStatus;
  tool_version: string | null;
  stats: ScanStats;
  asset_count: number;
  edge_count: number;
  warning_count: number;
  added_count: number;
  changed_count: number;
  removed_count: number;
}

export async function listScans(db: Queryable, source?: string, limit = 50): Promise<ScanSummary[]> {
  const rows = await db.query<ScanRow>(
    `select s.id, src.name as source, s.started_at, s.finished_at, s.status, s.tool_version, s.stats, s.asset_count,
       s.edge_count, s.warning_count, s.added_count, s.changed_count, s.removed_count
     from scans s join sources src on src.id = s.source_id
     where ($1::text is null or src.name = $1) order by s.seq desc limit $2`,
    [source ?? null, Math.max(0, Math.floor(limit))],
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    startedAt: toIso(r.started_at) as string,
    finishedAt: toIso(r.finished_at) as string,
    status: r.status,
    toolVersion: r.tool_version,
    stats: r.stats,
    assetCount: r.asset_count,
    edgeCount: r.edge_count,
    warningCount: r.warning_count,
    added: r.added_count,
    changed: r.changed_count,
    removed: r.removed_count,
  }));
}

export async function listSources(db: Queryable): Promise<SourceSummary[]> {
  const rows = await db.query<{ id: number; name: string; root: string; last_scan_id: string | null;
    last_scan_at: Date | string | null; scan_count: number; asset_count: number }>(
    `select src.id, src.name, src.root, src.last_scan_id, ls.started_at as last_scan_at,
       (select count(*)::int from scans s where s.source_id = src.id) as scan_count,
       (select count(*)::int from assets a where a.source_id = src.id and a.removed_at is null) as asset_count
     from sources src left join scans ls on ls.id = src.last_scan_id order by src.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    root: r.root,
    scanCount: r.scan_count,
    lastScanId: r.last_scan_id,
    lastScanAt: toIso(r.last_scan_at),
    assetCount: r.asset_count,
  }));
}

/** Save order as text: `bigserial` comes back as a string from `pg`, so keep one representation. */
async function scanSeq(db: Queryable, sourceId: number, scanId: string, source: string): Promise<string> {
  const [row] = await db.query<{ seq: string }>('select seq::text as seq from scans where id = $1 and source_id = $2',
    [scanId, sourceId]);
  if (!row) throw new Error(`aispm store: ${scanId} is not a scan of source ${source}`);
  return row.seq;
}

/**
 * The drift between two scans of a source: per asset, the state before the first event after `from` and the state
 * after the last event up to `to`. Works for any pair, not only neighbours; a reversed pair gives the inverse.
 */
export async function diffScans(db: Queryable, source: string, opts: DiffQuery = {}): Promise<ScanDiff | undefined> {
  const [src] = await db.query<{ id: number }>('select id from sources where name = $1', [source]);
  if (!src) return undefined;
  let toScan = opts.to;
  if (!toScan) {
    const [latest] = await db.query<{ id: string }>(
      'select id from scans where source_id = $1 order by seq desc limit 1', [src.id]);
    if (!latest) return undefined;
    toScan = latest.id;
  }
  const toSeq = await scanSeq(db, src.id, toScan, source);
  let fromScan = opts.from;
  if (!fromScan) {
    const [prior] = await db.query<{ id: string }>(
      'select id from scans where source_id = $1 and seq < $2::bigint order by seq desc limit 1', [src.id, toSeq]);
    fromScan = prior?.id;
  }
  const fromSeq = fromScan ? await scanSeq(db, src.id, fromScan, source) : '0';
  const reversed = BigInt(fromSeq) > BigInt(toSeq);
  const [lo, hi] = reversed ? [toSeq, fromSeq] : [fromSeq, toSeq];

  const assetEvents = await db.query<{ asset_id: string; before: AssetSnapshot | null; after: AssetSnapshot | null }>(
    `select e.asset_id, e.before, e.after from asset_events e join scans s on s.id = e.scan_id
     where e.source_id = $1 and s.seq > $2::bigint and s.seq <= $3::bigint order by e.asset_id, s.seq, e.id`,
    [src.id, lo, hi],
  );
  const assets = new Map<string, AssetTransition>();
  for (const e of assetEvents) {
    const t = assets.get(e.asset_id);
    if (t) t.after = e.after;
    else assets.set(e.asset_id, { id: e.asset_id, before: e.before, after: e.after });
  }
  const edgeEvents = await db.query<{ change: 'added' | 'removed'; edge: EdgeSnapshot }>(
    `select e.change, e.edge from edge_events e join scans s on s.id = e.scan_id
     where e.source_id = $1 and s.seq > $2::bigint and s.seq <= $3::bigint order by s.seq, e.id`,
    [src.id, lo, hi],
  );
  const edges = new Map<string, EdgeTransition>();
  for (const e of edgeEvents) {
    const key = edgeIdentity(e.edge);
    const t = edges.get(key) ?? { before: e.change === 'removed' ? e.edge : null, after: null };
    t.after = e.change === 'added' ? e.edge : null;
    edges.set(key, t);
  }
  const flip = <T extends { before: unknown; after: unknown }>(t: T): T =>
    reversed ? { ...t, before: t.after, after: t.before } : t;
  return buildScanDiff(
    { source, fromScan, toScan },
    [...assets.values()].map(flip),
    [...edges.values()].map(flip),
  );
}
