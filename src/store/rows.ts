// Mapping between database rows and domain objects; both drivers return jsonb parsed and timestamptz as Date.
import type { Asset, AssetKind, Attrs, Edge, EdgeKind, Evidence, Sensitivity } from '../model/asset.js';
import type { AssetSnapshot } from './snapshot.js';

export interface AssetRow {
  id: string;
  kind: string;
  key: string;
  name: string;
  provider: string | null;
  owner: string | null;
  environment: string | null;
  sensitivity: string | null;
  tags: string[];
  attrs: Attrs;
  evidence: Evidence[];
  first_seen: Date | string;
  last_seen: Date | string;
}

export interface EdgeRow {
  from_id: string;
  kind: string;
  to_id: string;
  attrs: Attrs | null;
  evidence: Evidence[] | null;
}

/** The columns every asset read selects, in one place so that rows always map completely. */
export const ASSET_COLUMNS =
  'id, kind, key, name, provider, owner, environment, sensitivity, tags, attrs, evidence, first_seen, last_seen';

export function toIso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

export function snapshotFromRow(row: AssetRow): AssetSnapshot {
  return {
    kind: row.kind as AssetKind,
    key: row.key,
    name: row.name,
    provider: row.provider,
    owner: row.owner,
    environment: row.environment,
    sensitivity: row.sensitivity,
    tags: row.tags,
    attrs: row.attrs,
    evidence: row.evidence,
  };
}

export function assetFromRow(row: AssetRow): Asset {
  const asset: Asset = {
    id: row.id,
    kind: row.kind as AssetKind,
    key: row.key,
    name: row.name,
    attrs: row.attrs,
    evidence: row.evidence,
    tags: row.tags,
    firstSeen: toIso(row.first_seen) ?? undefined,
    lastSeen: toIso(row.last_seen) ?? undefined,
  };
  if (row.provider !== null) asset.provider = row.provider;
  if (row.owner !== null) asset.owner = row.owner;
  if (row.environment !== null) asset.environment = row.environment;
  if (row.sensitivity !== null) asset.sensitivity = row.sensitivity as Sensitivity;
  return asset;
}

export function edgeFromRow(row: EdgeRow): Edge {
  const edge: Edge = { from: row.from_id, to: row.to_id, kind: row.kind as EdgeKind };
  if (row.attrs) edge.attrs = row.attrs;
  if (row.evidence) edge.evidence = row.evidence;
  return edge;
}
