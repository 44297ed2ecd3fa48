// Writes one scan in one transaction: digests are compared in memory and only what changed is written.
import { randomUUID } from 'node:crypto';
import type { Asset, Edge } from '../model/asset.js';
import type { Report } from '../model/report.js';
import type { Db, Queryable } from './db.js';
import { BATCH_ROWS, chunks, writeInBatches } from './batches.js';
import { faultPauseAfterAssets } from './fault.js';
import { ANALYZE_AFTER_ROWS, saveFindings } from './save-findings.js';
import { ASSET_COLUMNS, type AssetRow, snapshotFromRow, toIso } from './rows.js';
import { type AssetTransition, buildScanDiff, type EdgeTransition } from './scan-diff.js';
import {
  type AssetSnapshot,
  assetDigests,
  edgeDigest,
  edgeIdentity,
  type EdgeSnapshot,
  edgeSnapshotOf,
  snapshotOf,
} from './snapshot.js';
import type { SavedScan } from './types.js';


interface IncomingAsset {
  id: string;
  snap: AssetSnapshot;
  digest: string;
  evidenceDigest: string;
}

interface StoredState {
  digest: string;
  evidence_digest: string;
  removed: boolean;
}

const UPSERT_ASSETS = `
insert into assets (source_id, id, kind, key, name, provider, owner, environment, sensitivity, tags, attrs,
  evidence, digest, evidence_digest, first_seen, last_seen, first_scan, last_scan, removed_at, removed_scan)
select $1, r.id, r.kind, r.key, r.name, r.provider, r.owner, r.environment, r.sensitivity, r.tags, r.attrs,
  r.evidence, r.digest, r.evidence_digest, $2, $2, $3, $3, null, null
from jsonb_to_recordset($4::jsonb) as r(id text, kind text, key text, name text, provider text, owner text,
  environment text, sensitivity text, tags text[], attrs jsonb, evidence jsonb, digest text, evidence_digest text)
on conflict (source_id, id) do update set
  kind = excluded.kind, key = excluded.key, name = excluded.name, provider = excluded.provider,
  owner = excluded.owner, environment = excluded.environment, sensitivity = excluded.sensitivity,
  tags = excluded.tags, attrs = excluded.attrs, evidence = excluded.evidence, digest = excluded.digest,
  evidence_digest = excluded.evidence_digest, last_seen = excluded.last_seen, last_scan = excluded.last_scan,
  removed_at = null, removed_scan = null`;

const INSERT_ASSET_EVENTS = `
insert into asset_events (scan_id, source_id, asset_id, change, before, after)
select $1, $2, r.asset_id, r.change, r.before, r.after
from jsonb_to_recordset($3::jsonb) as r(asset_id text, change text, before jsonb, after jsonb)`;

const INSERT_EDGES = `
insert into edges (source_id, from_id, kind, to_id, attrs, evidence, digest, first_scan)
select $1, r.from_id, r.kind, r.to_id, r.attrs, r.evidence, r.digest, $2
from jsonb_to_recordset($3::jsonb) as r(from_id text, kind text, to_id text, attrs jsonb, evidence jsonb, digest text)
on conflict (source_id, from_id, kind, to_id) do update set
  attrs = excluded.attrs, evidence = excluded.evidence, digest = excluded.digest`;

const DELETE_EDGES = `
delete from edges e using jsonb_to_recordset($2::jsonb) as r(from_id text, kind text, to_id text)
where e.source_id = $1 and e.from_id = r.from_id and e.kind = r.kind and e.to_id = r.to_id`;

const INSERT_EDGE_EVENTS = `
insert into edge_events (scan_id, source_id, from_id, kind, to_id, change, edge)
select $1, $2, r.from_id, r.kind, r.to_id, r.change, r.edge
from jsonb_to_recordset($3::jsonb) as r(from_id text, kind text, to_id text, change text, edge jsonb)`;

const INSERT_WARNINGS = `
insert into scan_warnings (scan_id, seq, file, line, message, collector)
select $1, r.seq, r.file, r.line, r.message, r.collector
from jsonb_to_recordset($2::jsonb) as r(seq integer, file text, line integer, message text, collector text)`;

/** Ids as one JSON parameter: the same SQL then works on both drivers (no driver-specific array encoding). */
const IDS_PARAM = 'select jsonb_array_elements_text($2::jsonb)';

async function loadSnapshots(tx: Queryable, sourceId: number, ids: string[]): Promise<Map<string, AssetSnapshot>> {
  const found = new Map<string, AssetSnapshot>();
  for (const part of chunks(ids, BATCH_ROWS * 5)) {
    const rows = await tx.query<AssetRow>(
      `select ${ASSET_COLUMNS} from assets where source_id = $1 and id in (${IDS_PARAM})`,
      [sourceId, JSON.stringify(part)],
    );
    for (const r of rows) found.set(r.id, snapshotFromRow(r));
  }
  return found;
}

function incomingAssets(assets: Asset[]): Map<string, IncomingAsset> {
  const byId = new Map<string, IncomingAsset>();
  for (const a of assets) {
    const snap = snapshotOf(a);
    byId.set(a.id, { id: a.id, snap, ...assetDigests(snap) }); // the graph builder merges; a duplicate id: last wins
  }
  return byId;
}

function upsertAssets(tx: Queryable, sourceId: number, seenAt: string, scanId: string, rows: IncomingAsset[]): Promise<void> {
  return writeInBatches(rows, faultPauseAfterAssets(), (batch) => {
    const payload = batch.map(({ id, snap, digest, evidenceDigest }) => ({ id, ...snap, digest, evidence_digest: evidenceDigest }));
    return tx.query(UPSERT_ASSETS, [sourceId, seenAt, scanId, JSON.stringify(payload)]);
  });
}

async function saveEdges(tx: Queryable, sourceId: number, scanId: string, edges: Edge[]): Promise<EdgeTransition[]> {
  const incoming = new Map<string, { snap: EdgeSnapshot; digest: string }>();
  for (const e of edges) {
    const snap = edgeSnapshotOf(e);
    incoming.set(edgeIdentity(e), { snap, digest: edgeDigest(snap) });
  }
  // Only identities and digests are read: full rows are loaded just for the edges that disappeared (their events).
  const stored = await tx.query<{ from_id: string; kind: string; to_id: string; digest: string }>(
    'select from_id, kind, to_id, digest from edges where source_id = $1',
    [sourceId],
  );
  const transitions: EdgeTransition[] = [];
  const toWrite: Array<{ snap: EdgeSnapshot; digest: string }> = [];
  const gone: Array<{ from_id: string; kind: string; to_id: string }> = [];
  const storedKeys = new Set<string>();
  for (const row of stored) {
    const key = edgeIdentity({ from: row.from_id, kind: row.kind, to: row.to_id });
    storedKeys.add(key);
    const now = incoming.get(key);
    if (!now) gone.push({ from_id: row.from_id, kind: row.kind, to_id: row.to_id });
    else if (now.digest !== row.digest) toWrite.push(now); // attributes or evidence moved: keep current, no event
  }
  const toDelete: EdgeSnapshot[] = [];
  for (const batch of chunks(gone, BATCH_ROWS)) {
    const rows = await tx.query<{ from_id: string; kind: string; to_id: string; attrs: EdgeSnapshot['attrs'] | null; evidence: EdgeSnapshot['evidence'] | null }>(
      `select e.from_id, e.kind, e.to_id, e.attrs, e.evidence from edges e
       join jsonb_to_recordset($2::jsonb) as r(from_id text, kind text, to_id text)
         on e.from_id = r.from_id and e.kind = r.kind and e.to_id = r.to_id
       where e.source_id = $1`,
      [sourceId, JSON.stringify(batch)],
    );
    for (const row of rows) {
      const before: EdgeSnapshot = { from: row.from_id, kind: row.kind as EdgeSnapshot['kind'], to: row.to_id };
      if (row.attrs) before.attrs = row.attrs;
      if (row.evidence) before.evidence = row.evidence;
      toDelete.push(before);
      transitions.push({ before, after: null });
    }
  }
  for (const [key, now] of incoming) {
    if (storedKeys.has(key)) continue;
    toWrite.push(now);
    transitions.push({ before: null, after: now.snap });
  }
  const keyCols = (s: EdgeSnapshot) => ({ from_id: s.from, kind: s.kind, to_id: s.to });
  for (const batch of chunks(toWrite, BATCH_ROWS)) {
    const payload = batch.map(({ snap, digest }) => ({ ...keyCols(snap), attrs: snap.attrs ?? null,
      evidence: snap.evidence ?? null, digest }));
    await tx.query(INSERT_EDGES, [sourceId, scanId, JSON.stringify(payload)]);
  }
  for (const batch of chunks(toDelete, BATCH_ROWS)) {
    await tx.query(DELETE_EDGES, [sourceId, JSON.stringify(batch.map(keyCols))]);
  }
  const events = transitions.map((t) => {
    const edge = (t.after ?? t.before) as EdgeSnapshot;
    return { ...keyCols(edge), change: t.after ? 'added' : 'removed', edge };
  });
  for (const batch of chunks(events, BATCH_ROWS)) {
    await tx.query(INSERT_EDGE_EVENTS, [scanId, sourceId, JSON.stringify(batch)]);
  }
  return transitions;
}

async function insertScan(tx: Queryable, report: Report, scanId: string): Promise<number> {
  const [source] = await tx.query<{ id: number }>(
    'insert into sources (name, root) values ($1, $2) on conflict (name) do update set root = excluded.root returning id',
    [report.scan.source, report.scan.root],
  );
  const existing = await tx.query('select 1 from scans where id = $1', [scanId]);
  if (existing.length) throw new Error(`aispm store: scan ${scanId} is already saved`);
  await tx.query(
    `insert into scans (id, source_id, started_at, finished_at, status, tool_version, stats, asset_count, edge_count,
       warning_count) values ($1, $2, $3, $4, 'complete', $5, $6::jsonb, $7, $8, $9)`,
    [scanId, source.id, report.scan.startedAt, report.scan.finishedAt, report.tool?.version ?? null,
      JSON.stringify(report.scan.stats ?? {}), report.assets.length, report.edges.length, report.warnings.length],
  );
  return source.id;
}

async function insertWarnings(tx: Queryable, scanId: string, report: Report) {
  const rows = report.warnings.map((w, seq) => ({ seq, file: w.file ?? null, line: w.line ?? null,
    message: w.message, collector: w.collector ?? null }));
  for (const batch of chunks(rows, BATCH_ROWS)) await tx.query(INSERT_WARNINGS, [scanId, JSON.stringify(batch)]);
}

export async function saveScan(db: Db, report: Report, now: () => Date = () => new Date()): Promise<SavedScan> {
  const scanId = report.scan.id ?? randomUUID();
  const seenAt = report.scan.startedAt;
  const incoming = incomingAssets(report.assets);
  return db.transaction(async (tx) => {
    const [previous] = await tx.query<{ id: string; started_at: Date | string }>(
      `select s.id, s.started_at from scans s join sources src on src.id = s.source_id where src.name = $1
       order by s.seq desc limit 1`,
      [report.scan.source],
    );
    const sourceId = await insertScan(tx, report, scanId);

    const storedRows = await tx.query<StoredState & { id: string }>(
      'select id, digest, evidence_digest, removed_at is not null as removed from assets where source_id = $1',
      [sourceId],
    );
    const stored = new Map(storedRows.map((r) => [r.id, r]));
    const added: IncomingAsset[] = [];
    const changed: IncomingAsset[] = [];
    for (const a of incoming.values()) {
      const s = stored.get(a.id);
      if (!s || s.removed) added.push(a);
      else if (s.digest !== a.digest || s.evidence_digest !== a.evidenceDigest) changed.push(a);
    }
    const removedIds = storedRows.filter((r) => !r.removed && !incoming.has(r.id)).map((r) => r.id);
    const before = await loadSnapshots(tx, sourceId, [...changed.map((a) => a.id), ...removedIds]);

    await upsertAssets(tx, sourceId, seenAt, scanId, [...added, ...changed]);
    // a removed asset was last seen by the previous scan (it was present there); unchanged rows stay untouched
    for (const batch of chunks(removedIds, BATCH_ROWS * 5)) {
      await tx.query(
        `update assets set removed_at = $3, removed_scan = $4, last_seen = $5, last_scan = $6
         where source_id = $1 and id in (${IDS_PARAM})`,
        [sourceId, JSON.stringify(batch), seenAt, scanId, toIso(previous?.started_at ?? seenAt), previous?.id ?? scanId],
      );
    }

    const transitions: AssetTransition[] = [
      ...added.map((a) => ({ id: a.id, before: null, after: a.snap })),
      ...changed.map((a) => ({ id: a.id, before: before.get(a.id) ?? null, after: a.snap })),
      ...removedIds.map((id) => ({ id, before: before.get(id) ?? null, after: null })),
    ];
    const events = transitions.map((t) => ({
      asset_id: t.id,
      change: !t.before ? 'added' : !t.after ? 'removed' : 'changed',
      before: t.before,
      after: t.after,
    }));
    for (const batch of chunks(events, BATCH_ROWS)) {
      await tx.query(INSERT_ASSET_EVENTS, [scanId, sourceId, JSON.stringify(batch)]);
    }
    const edgeTransitions = await saveEdges(tx, sourceId, scanId, report.edges);
    // fresh statistics after a large write, for the reads that follow (see ANALYZE_AFTER_ROWS)
    if (transitions.length >= ANALYZE_AFTER_ROWS) await tx.query('analyze assets');
    if (edgeTransitions.length >= ANALYZE_AFTER_ROWS) await tx.query('analyze edges');
    await insertWarnings(tx, scanId, report);
    const findings = await saveFindings(tx, report, { sourceId, scanId, seenAt, now: now() });

    const diff = buildScanDiff(
      { source: report.scan.source, fromScan: previous?.id, toScan: scanId },
      transitions,
      edgeTransitions,
    );
    await tx.query(
      'update scans set added_count = $2, changed_count = $3, removed_count = $4 where id = $1',
      [scanId, diff.added.length, diff.changed.length, diff.removed.length],
    );
    await tx.query('update sources set last_scan_id = $2 where id = $1', [sourceId, scanId]);
    return findings ? { scanId, sourceId, diff, findings } : { scanId, sourceId, diff };
  });
}
