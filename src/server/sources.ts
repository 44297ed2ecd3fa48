// Sources the server scans: rows of the store's `sources` table with a kind and a location. Each kind says how to
// check a location when a source is defined and how to turn it into a folder to scan; kinds are pluggable (the job
// queue's git sources register their own).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Source } from '../model/api.js';
import type { Queryable, SqlParam } from '../store/db.js';
import { toIso } from '../store/rows.js';
import type { ServerConfig, ServerContext } from './context.js';

export type { Source };

export interface SourceKind {
  kind: string;
  /** One line for people choosing a kind (Settings, `GET /api/sources/kinds`). */
  description?: string;
  /** What to type as the location, with an example. */
  hint?: string;
  /** A problem with the location, in words for the user; undefined when it is fine. */
  validate(location: string, config: ServerConfig): Promise<string | undefined>;
  /** The folder to scan (after fetching, for remote kinds); `release` runs after the scan. */
  prepare(ctx: ServerContext, source: Source): Promise<{ root: string; release?: () => Promise<void> }>;
}

const KINDS = new Map<string, SourceKind>();

export function registerSourceKind(kind: SourceKind): void {
  KINDS.set(kind.kind, kind);
}

export function sourceKind(kind: string): SourceKind | undefined {
  return KINDS.get(kind);
}

export function sourceKinds(): string[] {
  return [...KINDS.keys()].sort();
}

/** The registered kinds with their words for people, `directory` first (the default), then by name. */
export function sourceKindInfos(): Array<{ kind: string; description: string; hint: string }> {
  return [...KINDS.values()]
    .sort((a, b) => (a.kind === 'directory' ? -1 : b.kind === 'directory' ? 1 : a.kind.localeCompare(b.kind)))
    .map((k) => ({ kind: k.kind, description: k.description ?? k.kind, hint: k.hint ?? '' }));
}

function insideAllowed(abs: string, roots: string[]): boolean {
  return roots.length === 0 || roots.some((r) => {
    const rel = path.relative(path.resolve(r), abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** A folder on the server's machine. */
registerSourceKind({
  kind: 'directory',
  description: 'a folder on the server',
  hint: 'an absolute folder path on the server, e.g. /srv/repos/acme-ai',
  async validate(location, config) {
    if (!path.isAbsolute(location)) return 'a directory source needs an absolute path on the server';
    const abs = path.resolve(location);
    if (!insideAllowed(abs, config.allowedRoots)) return `the server only scans inside: ${config.allowedRoots.join(', ')}`;
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) return `no such folder on the server: ${location}`;
    if (!st.isDirectory()) return `not a folder: ${location}`;
    return undefined;
  },
  async prepare(_ctx, source) {
    return { root: source.location };
  },
});

interface SourceRow {
  id: number;
  name: string;
  kind: string;
  root: string;
  description: string | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  last_scan_id: string | null;
  last_scan_at: Date | string | null;
  scan_count: number;
  asset_count: number;
}

const SELECT = `select src.id, src.name, src.kind, src.root, src.description, src.created_by, src.created_at, src.updated_at,
  src.last_scan_id, ls.started_at as last_scan_at,
  (select count(*)::int from scans s where s.source_id = src.id) as scan_count,
  (select count(*)::int from assets a where a.source_id = src.id and a.removed_at is null) as asset_count
  from sources src left join scans ls on ls.id = src.last_scan_id`;

const fromRow = (r: SourceRow): Source => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  location: r.root,
  description: r.description,
  createdBy: r.created_by,
  createdAt: toIso(r.created_at) as string,
  updatedAt: toIso(r.updated_at) as string,
  scanCount: r.scan_count,
  lastScanId: r.last_scan_id,
  lastScanAt: toIso(r.last_scan_at),
  assetCount: r.asset_count,
});

export async function getSource(q: Queryable, id: number): Promise<Source | undefined> {
  const [r] = await q.query<SourceRow>(`${SELECT} where src.id = $1`, [id]);
  return r && fromRow(r);
}

export async function getSourceByName(q: Queryable, name: string): Promise<Source | undefined> {
  const [r] = await q.query<SourceRow>(`${SELECT} where src.name = $1`, [name]);
  return r && fromRow(r);
}

export async function listSourcesPage(q: Queryable, opts: { q?: string; kind?: string; sort: 'name' | 'createdAt' | 'lastScanAt';
  order: 'asc' | 'desc'; limit: number; offset: number }): Promise<{ items: Source[]; total: number }> {
  const col = { name: 'src.name', createdAt: 'src.created_at', lastScanAt: 'ls.started_at' }[opts.sort];
  const dir = opts.order === 'desc' ? 'desc nulls last' : 'asc nulls first';
  const params: SqlParam[] = [opts.q ?? null, opts.kind ?? null];
  const where = `where ($1::text is null or src.name ilike '%' || $1 || '%' or src.root ilike '%' || $1 || '%')
    and ($2::text is null or src.kind = $2)`;
  const rows = await q.query<SourceRow>(`${SELECT} ${where} order by ${col} ${dir}, src.id limit ${opts.limit} offset ${opts.offset}`, params);
  const [c] = await q.query<{ n: number }>(`select count(*)::int as n from sources src ${where}`, params);
  return { items: rows.map(fromRow), total: c.n };
}

export async function insertSource(q: Queryable, s: { name: string; kind: string; location: string; description?: string | null; createdBy: string }): Promise<Source> {
  const [{ id }] = await q.query<{ id: number }>(
    'insert into sources (name, root, kind, description, created_by) values ($1, $2, $3, $4, $5) returning id',
    [s.name, s.location, s.kind, s.description ?? null, s.createdBy],
  );
  return (await getSource(q, id)) as Source;
}

export async function updateSource(q: Queryable, id: number, patch: { name?: string; location?: string; description?: string | null }): Promise<Source | undefined> {
  await q.query(
    `update sources set name = coalesce($2, name), root = coalesce($3, root),
       description = case when $4::boolean then $5 else description end, updated_at = now() where id = $1`,
    [id, patch.name ?? null, patch.location ?? null, patch.description !== undefined, patch.description ?? null],
  );
  return getSource(q, id);
}

export async function deleteSource(q: Queryable, id: number): Promise<void> {
  await q.query('delete from sources where id = $1', [id]);
}
