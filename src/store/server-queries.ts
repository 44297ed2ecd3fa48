// The server's read queries over the inventory: paginated, filtered and sorted lists, one asset with its
// relationships, graph neighbourhoods, and the ownership people assign (kept apart from the scanned owner).
// Built for 100,000+ assets: every list is one indexed page plus a capped count.
import type {
  AssetFacets, AssetRecord, AssetSummary, Neighbourhood, Relationship, ScanStatus, ScanSummary,
} from '../model/api.js';
import type { AssetKind, Edge, Evidence, Sensitivity } from '../model/asset.js';
import type { Db, Queryable, SqlParam } from './db.js';
import { toIso } from './rows.js';
import type { ScanStats } from '../model/report.js';
import { expireAcceptances } from './finding-events.js';
import { EFFECTIVE_LAST_SEEN, FINDING_COLUMNS, FINDING_FROM, findingFromRow, type FindingRow } from './finding-rows.js';
import type { FindingQuery, StoredFinding } from './types.js';

/** Counting stops here: an exact count over a huge filtered set costs more than the number is worth. */
export const COUNT_CAP = 10_000;

class Params {
  readonly values: SqlParam[] = [];
  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

async function cappedCount(db: Queryable, from: string, where: string, params: SqlParam[]): Promise<{ total: number; totalCapped: boolean }> {
  const [c] = await db.query<{ n: number }>(`select count(*)::int as n from (select 1 ${from} ${where} limit ${COUNT_CAP + 1}) t`, params);
  return c.n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: c.n, totalCapped: false };
}

// ---- scans --------------------------------------------------------------------------------------------------------

export async function listScansPage(db: Queryable, q: { source?: string; limit: number; offset: number }): Promise<{ items: ScanSummary[]; total: number }> {
  const where = 'where ($1::text is null or src.name = $1)';
  const rows = await db.query<Record<string, unknown>>(
    `select s.id, src.name as source, s.started_at, s.finished_at, s.status, s.tool_version, s.stats, s.asset_count,
       s.edge_count, s.warning_count, s.added_count, s.changed_count, s.removed_count
     from scans s join sources src on src.id = s.source_id ${where} order by s.seq desc limit ${q.limit} offset ${q.offset}`,
    [q.source ?? null],
  );
  const [c] = await db.query<{ n: number }>(`select count(*)::int as n from scans s join sources src on src.id = s.source_id ${where}`, [q.source ?? null]);
  return {
    total: c.n,
    items: rows.map((r) => ({
      id: r.id as string,
      source: r.source as string,
      startedAt: toIso(r.started_at as Date) as string,
      finishedAt: toIso(r.finished_at as Date) as string,
      status: r.status as ScanStatus,
      toolVersion: r.tool_version as string | null,
      stats: r.stats as ScanStats,
      assetCount: r.asset_count as number,
      edgeCount: r.edge_count as number,
      warningCount: r.warning_count as number,
      added: r.added_count as number,
      changed: r.changed_count as number,
      removed: r.removed_count as number,
    })),
  };
}

// ---- inventory ----------------------------------------------------------------------------------------------------

export const ASSET_SORTS = ['name', 'kind', 'provider', 'owner', 'firstSeen', 'lastSeen'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

export interface InventoryQuery {
  /** Source name. */
  source?: string;
  kind?: string[];
  provider?: string;
  /** An owner, or `none` for assets nobody owns. */
  owner?: string;
  environment?: string;
  sensitivity?: string[];
  tag?: string;
  /** Free text over name and key. */
  q?: string;
  includeRemoved?: boolean;
  sort: AssetSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

interface InventoryRow {
  id: string;
  source: string;
  source_id: number;
  kind: AssetKind;
  key: string;
  name: string;
  provider: string | null;
  owner: string | null;
  owner_assigned: boolean;
  environment: string | null;
  sensitivity: Sensitivity | null;
  tags: string[];
  first_seen: Date | string;
  last_seen: Date | string;
  evidence_count: number;
}

const itemFromRow = (r: InventoryRow): AssetSummary => ({
  id: r.id,
  source: r.source,
  sourceId: r.source_id,
  kind: r.kind,
  key: r.key,
  name: r.name,
  provider: r.provider,
  owner: r.owner,
  ownerAssigned: r.owner_assigned,
  environment: r.environment,
  sensitivity: r.sensitivity,
  tags: r.tags,
  firstSeen: toIso(r.first_seen) as string,
  lastSeen: toIso(r.last_seen) as string,
  evidenceCount: r.evidence_count,
});

// a present asset was seen by its source's latest scan (see the asset_inventory view); its row may hold an older write
const LAST_SEEN = 'case when a.removed_at is null then coalesce(ls.started_at, a.last_seen) else a.last_seen end';
// the owner a person assigned, else the scanned one (migration 003; the expression its index is built on)
const OWNER = 'coalesce(a.assigned_owner, a.owner)';
const INVENTORY_FROM = `from assets a join sources src on src.id = a.source_id
  left join scans ls on ls.id = src.last_scan_id`;
const INVENTORY_COLUMNS = `a.id, src.name as source, a.source_id, a.kind, a.key, a.name, a.provider, ${OWNER} as owner,
  a.assigned_owner is not null as owner_assigned, a.environment, a.sensitivity, a.tags, a.first_seen, ${LAST_SEEN} as last_seen,
  jsonb_array_length(a.evidence) as evidence_count`;

function inventoryWhere(q: Omit<InventoryQuery, 'sort' | 'order' | 'limit' | 'offset'>, p: Params): string {
  const conds: string[] = [];
  if (!q.includeRemoved) conds.push('a.removed_at is null');
  if (q.source) conds.push(`a.source_id = (select id from sources where name = ${p.add(q.source)})`);
  if (q.kind?.length) conds.push(`a.kind in (${q.kind.map((k) => p.add(k)).join(', ')})`);
  if (q.provider) conds.push(`a.provider = ${p.add(q.provider)}`);
  if (q.owner === 'none') conds.push(`${OWNER} is null`);
  else if (q.owner) conds.push(`${OWNER} = ${p.add(q.owner)}`);
  if (q.environment) conds.push(`a.environment = ${p.add(q.environment)}`);
  if (q.sensitivity?.length) conds.push(`a.sensitivity in (${q.sensitivity.map((k) => p.add(k)).join(', ')})`);
  if (q.tag) conds.push(`${p.add(q.tag)} = any(a.tags)`);
  if (q.q) {
    const like = p.add(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
    // one expression, the one the trigram index is built on (migration 003)
    conds.push(`(a.name || ' ' || a.key) ilike ${like}`);
  }
  return conds.length ? `where ${conds.join(' and ')}` : '';
}

const SORT_SQL: Record<AssetSort, string> = {
  name: 'a.name',
  kind: 'a.kind',
  provider: 'a.provider',
  owner: OWNER,
  firstSeen: 'a.first_seen',
  lastSeen: LAST_SEEN,
};

export async function listInventory(db: Queryable, q: InventoryQuery): Promise<{ items: AssetSummary[]; total: number; totalCapped: boolean }> {
  const p = new Params();
  const where = inventoryWhere(q, p);
  const dir = q.order === 'desc' ? 'desc' : 'asc';
  const nulls = dir === 'asc' ? 'nulls last' : 'nulls first';
  // a unique tail (id, source) keeps pages stable: no row repeats or vanishes between pages
  const orderBy = `${SORT_SQL[q.sort]} ${dir} ${nulls}, a.id ${dir}, a.source_id ${dir}`;
  // the page's keys first, from the narrowest join its filters and order need (often an index alone, however deep
  // the offset), then the full rows of just those keys
  const keysFrom = q.sort === 'lastSeen' ? INVENTORY_FROM : 'from assets a';
  const rows = await db.query<InventoryRow>(
    `select ${INVENTORY_COLUMNS}
     from (select a.source_id as sid, a.id as aid ${keysFrom} ${where} order by ${orderBy} limit ${q.limit} offset ${q.offset}) page
     join assets a on a.source_id = page.sid and a.id = page.aid
     join sources src on src.id = a.source_id
     left join scans ls on ls.id = src.last_scan_id
     order by ${orderBy}`, p.values);
  const count = await cappedCount(db, 'from assets a', where, p.values);
  return { items: rows.map(itemFromRow), ...count };
}

/** Distinct values of a column among present assets, with counts (filter menus). */
export async function inventoryFacets(db: Queryable, source?: string): Promise<AssetFacets> {
  const out = {} as AssetFacets;
  for (const [name, expr] of [['kind', 'a.kind'], ['provider', 'a.provider'], ['owner', OWNER], ['environment', 'a.environment'],
    ['sensitivity', 'a.sensitivity']] as const) {
    out[name] = await db.query<{ value: string | null; count: number }>(
      `select ${expr} as value, count(*)::int as count ${INVENTORY_FROM}
       where a.removed_at is null and ($1::text is null or src.name = $1) group by 1 order by 2 desc, 1 limit 100`,
      [source ?? null]);
  }
  return out;
}

/** One asset; with several sources holding the id, the given source's, else the most recently seen. */
export async function getAssetDetail(db: Queryable, id: string, source?: string): Promise<AssetRecord | undefined> {
  const rows = await db.query<InventoryRow & { attrs: Record<string, unknown>; evidence: Evidence[]; scanned_owner: string | null;
    removed_at: Date | string | null }>(
    `select ${INVENTORY_COLUMNS}, a.attrs, a.evidence, a.owner as scanned_owner, a.removed_at ${INVENTORY_FROM}
     where a.id = $1 order by (src.name = $2) desc, a.removed_at is null desc, ${LAST_SEEN} desc`,
    [id, source ?? null],
  );
  if (!rows.length || (source && rows[0].source !== source)) return undefined;
  const r = rows[0];
  return {
    ...itemFromRow(r),
    attrs: r.attrs,
    evidence: r.evidence,
    scannedOwner: r.scanned_owner,
    removedAt: toIso(r.removed_at),
    alsoIn: rows.slice(1).map((x) => x.source),
  };
}

/** Edges of an asset in one source, each with the node at the other end (capped per direction). */
export async function assetRelationships(db: Queryable, sourceId: number, id: string, limit = 500): Promise<{ outgoing: Relationship[]; incoming: Relationship[] }> {
  const q = (dir: 'out' | 'in') => db.query<{ from_id: string; kind: string; to_id: string; attrs: Edge['attrs'] | null;
    other_id: string | null; other_kind: string | null; other_name: string | null }>(
    `select e.from_id, e.kind, e.to_id, e.attrs, o.id as other_id, o.kind as other_kind, o.name as other_name
     from edges e left join assets o on o.source_id = e.source_id and o.id = ${dir === 'out' ? 'e.to_id' : 'e.from_id'}
     where e.source_id = $1 and ${dir === 'out' ? 'e.from_id' : 'e.to_id'} = $2 order by e.kind, o.name limit ${limit}`,
    [sourceId, id]);
  const map = (rows: Awaited<ReturnType<typeof q>>): Relationship[] => rows.map((r) => ({
    from: r.from_id,
    to: r.to_id,
    kind: r.kind as Edge['kind'],
    ...(r.attrs ? { attrs: r.attrs } : {}),
    target: r.other_id ? { id: r.other_id, kind: r.other_kind as string, name: r.other_name as string } : null,
  }));
  return { outgoing: map(await q('out')), incoming: map(await q('in')) };
}

/** The assets within `hops` edges of an asset (either direction), breadth first, at most `maxNodes`. */
export async function neighbourhood(db: Queryable, sourceId: number, source: string, center: string, hops: number, maxNodes: number): Promise<Neighbourhood> {
  const depth = new Map<string, number>([[center, 0]]);
  const edges = new Map<string, Edge>();
  let frontier = [center];
  let truncated = false;
  for (let d = 1; d <= hops && frontier.length && !truncated; d++) {
    const rows = await db.query<{ from_id: string; kind: string; to_id: string; attrs: Edge['attrs'] | null }>(
      `with f as (select jsonb_array_elements_text($2::jsonb) as id)
       select e.from_id, e.kind, e.to_id, e.attrs from edges e join f on e.from_id = f.id where e.source_id = $1
       union
       select e.from_id, e.kind, e.to_id, e.attrs from edges e join f on e.to_id = f.id where e.source_id = $1
       limit 20000`,
      [sourceId, JSON.stringify(frontier)]);
    const next: string[] = [];
    for (const r of rows) {
      for (const id of [r.from_id, r.to_id]) {
        if (depth.has(id)) continue;
        if (depth.size >= maxNodes) {
          truncated = true;
          continue;
        }
        depth.set(id, d);
        next.push(id);
      }
      if (depth.has(r.from_id) && depth.has(r.to_id)) {
        edges.set(`${r.from_id}\u0000${r.kind}\u0000${r.to_id}`, { from: r.from_id, to: r.to_id, kind: r.kind as Edge['kind'], ...(r.attrs ? { attrs: r.attrs } : {}) });
      }
    }
    frontier = next;
  }
  const rows = await db.query<InventoryRow>(
    `select ${INVENTORY_COLUMNS} ${INVENTORY_FROM} where a.source_id = $1 and a.id in (select jsonb_array_elements_text($2::jsonb))`,
    [sourceId, JSON.stringify([...depth.keys()])]);
  const nodes = rows.map((r) => ({ ...itemFromRow(r), depth: depth.get(r.id) ?? 0 })).sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
  const present = new Set(nodes.map((n) => n.id));
  return { source, center, hops, nodes, edges: [...edges.values()].filter((e) => present.has(e.from) && present.has(e.to)), truncated };
}

// ---- ownership ----------------------------------------------------------------------------------------------------

export async function assignOwner(db: Queryable, sourceId: number, assetId: string, owner: string | null, by: string): Promise<void> {
  await db.query(
    `update assets set assigned_owner = $3, owner_assigned_by = case when $3::text is null then null else $4 end,
       owner_assigned_at = case when $3::text is null then null else now() end
     where source_id = $1 and id = $2`,
    [sourceId, assetId, owner, by]);
}

// ---- shadow AI ----------------------------------------------------------------------------------------------------

/** AI services seen in egress that nobody sanctioned (`attrs.sanctioned = false`) or flagged shadow, newest first. */
export async function listShadowServices(db: Queryable, q: { source?: string; limit: number; offset: number }): Promise<{ items: Array<AssetSummary & { attrs: Record<string, unknown> }>; total: number; totalCapped: boolean }> {
  const where = `where a.removed_at is null and a.kind = 'ai-service'
    and (a.attrs -> 'sanctioned' = 'false'::jsonb or a.attrs -> 'shadow' = 'true'::jsonb) and ($1::text is null or src.name = $1)`;
  const rows = await db.query<InventoryRow & { attrs: Record<string, unknown> }>(
    `select ${INVENTORY_COLUMNS}, a.attrs ${INVENTORY_FROM} ${where} order by a.first_seen desc, a.id limit ${q.limit} offset ${q.offset}`,
    [q.source ?? null]);
  const count = await cappedCount(db, INVENTORY_FROM, where, [q.source ?? null]);
  return { items: rows.map((r) => ({ ...itemFromRow(r), attrs: r.attrs })), ...count };
}

// ---- findings -----------------------------------------------------------------------------------------------------

/**
 * The findings queue for the API: the same rows and lifecycle as `Store.findings` (acceptances that lapsed are
 * reopened first), with a capped count and orderings on findings' own columns, so a page of 200,000 findings is read
 * from an index instead of counted and sorted whole.
 */
type Dir = 'asc' | 'desc';
const FINDING_SORTS: Record<NonNullable<FindingQuery['sort']>, Array<[string, Dir]>> = {
  score: [['f.score', 'desc'], ['f.fingerprint', 'asc'], ['f.source_id', 'asc']],
  severity: [['f.severity_rank', 'desc'], ['f.score', 'desc'], ['f.fingerprint', 'asc'], ['f.source_id', 'asc']],
  firstSeen: [['f.first_seen', 'desc'], ['f.fingerprint', 'asc'], ['f.source_id', 'asc']],
  lastSeen: [[EFFECTIVE_LAST_SEEN, 'desc'], ['f.fingerprint', 'asc'], ['f.source_id', 'asc']],
  checkId: [['f.check_id', 'asc'], ['f.score', 'desc'], ['f.fingerprint', 'asc'], ['f.source_id', 'asc']],
};
const flip = (d: Dir): Dir => (d === 'asc' ? 'desc' : 'asc');

export async function listFindingsPage(db: Db, q: FindingQuery & { limit: number; offset: number }, now: Date):
  Promise<{ items: StoredFinding[]; total: number; totalCapped: boolean }> {
  // a lapsed acceptance reopens with its event, both or neither
  await db.transaction((tx) => expireAcceptances(tx, now));
  const p = new Params();
  const list = (values: string[]) => values.map((v) => p.add(v)).join(', ');
  const conds: string[] = [];
  if (q.source !== undefined) conds.push(`f.source_id = (select id from sources where name = ${p.add(q.source)})`);
  if (q.status?.length) conds.push(`f.status in (${list(q.status)})`);
  if (q.severity?.length) conds.push(`f.severity in (${list(q.severity)})`);
  if (q.checkId) conds.push(`f.check_id = ${p.add(q.checkId)}`);
  if (q.assetId) conds.push(`f.asset_id = ${p.add(q.assetId)}`);
  if (q.assignee) conds.push(`f.assignee = ${p.add(q.assignee)}`);
  if (q.q?.trim()) {
    // one expression, the one the trigram index is built on (migration 003)
    conds.push(`(f.title || ' ' || f.message || ' ' || f.check_id) ilike ${p.add(`%${q.q.trim().replace(/[\\%_]/g, '\\$&')}%`)}`);
  }
  const where = conds.length ? `where ${conds.join(' and ')}` : '';
  const sort = FINDING_SORTS[q.sort ?? 'score'] ?? FINDING_SORTS.score;
  // asking for the other direction flips every column: the same index is then read backwards, never sorted
  const reverse = q.order !== undefined && q.order !== sort[0][1];
  const orderBy = sort.map(([c, d]) => `${c} ${reverse ? flip(d) : d}`).join(', ');
  // the page's keys first (an index walk, however deep the offset), then the rows of just those keys
  const keysFrom = q.sort === 'lastSeen' ? FINDING_FROM : 'from findings f';
  const from = FINDING_FROM.replace('from findings f',
    `from (select f.source_id as sid, f.fingerprint as fp ${keysFrom} ${where} order by ${orderBy} limit ${q.limit} offset ${q.offset}) page
     join findings f on f.source_id = page.sid and f.fingerprint = page.fp`);
  const rows = await db.query<FindingRow>(`select ${FINDING_COLUMNS} ${from} order by ${orderBy}`, p.values);
  const count = await cappedCount(db, 'from findings f', where, p.values);
  return { items: rows.map(findingFromRow), ...count };
}
