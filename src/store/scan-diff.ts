// Builds a ScanDiff from before/after states; used both when saving (in memory) and when reading history (events).
import type { Edge } from '../model/asset.js';
import type { AssetChange, AssetRef, ScanDiff } from '../model/diff.js';
import { diffSnapshots } from './field-diff.js';
import type { AssetSnapshot, EdgeSnapshot } from './snapshot.js';

export interface AssetTransition {
  id: string;
  before: AssetSnapshot | null;
  after: AssetSnapshot | null;
}

export interface EdgeTransition {
  before: EdgeSnapshot | null;
  after: EdgeSnapshot | null;
}

function refOf(id: string, snap: AssetSnapshot): AssetRef {
  return { id, kind: snap.kind, name: snap.name };
}

function edgeOf(snap: EdgeSnapshot): Edge {
  const edge: Edge = { from: snap.from, to: snap.to, kind: snap.kind };
  if (snap.attrs) edge.attrs = snap.attrs;
  if (snap.evidence) edge.evidence = snap.evidence;
  return edge;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const edgeOrder = (a: Edge, b: Edge) => {
  const ka = `${a.from}|${a.kind}|${a.to}`;
  const kb = `${b.from}|${b.kind}|${b.to}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function buildScanDiff(
  header: { source: string; fromScan?: string; toScan: string },
  assets: Iterable<AssetTransition>,
  edges: Iterable<EdgeTransition>,
): ScanDiff {
  const diff: ScanDiff = { ...header, added: [], removed: [], changed: [], edgesAdded: [], edgesRemoved: [] };
  if (header.fromScan === undefined) delete diff.fromScan;
  for (const t of assets) {
    if (!t.before && t.after) diff.added.push(refOf(t.id, t.after));
    else if (t.before && !t.after) diff.removed.push(refOf(t.id, t.before));
    else if (t.before && t.after) {
      const changes = diffSnapshots(t.before, t.after);
      if (!changes.length) continue;
      const change: AssetChange = {
        asset: refOf(t.id, t.after),
        changes,
        evidenceOnly: changes.length === 1 && changes[0].field === 'evidence',
      };
      diff.changed.push(change);
    }
  }
  for (const t of edges) {
    if (!t.before && t.after) diff.edgesAdded.push(edgeOf(t.after));
    else if (t.before && !t.after) diff.edgesRemoved.push(edgeOf(t.before));
  }
  diff.added.sort(byId);
  diff.removed.sort(byId);
  diff.changed.sort((a, b) => byId(a.asset, b.asset));
  diff.edgesAdded.sort(edgeOrder);
  diff.edgesRemoved.sort(edgeOrder);
  return diff;
}
