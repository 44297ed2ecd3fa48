// Deterministic reports of any size, for the store benchmark and the crash-safety test (no real scan needed).
import { assetId } from '../model/ids.js';
import type { Asset, AssetKind, Edge } from '../model/asset.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';

export interface SyntheticOptions {
  source: string;
  count: number;
  /** The first `changed` assets get a new version attribute (a content change). */
  changed?: number;
  /** Bumped into every attribute value that varies per scan, so two scans with different `generation` differ. */
  generation?: number;
  startedAt?: string;
  scanId?: string;
}

const KINDS: AssetKind[] = ['model', 'ai-service', 'library', 'prompt', 'dataset', 'secret'];

export function syntheticAsset(i: number, version: number): Asset {
  const kind = KINDS[i % KINDS.length];
  const key = `synthetic/${kind}/${i}`;
  return {
    id: assetId(kind, key),
    kind,
    key,
    name: `${kind} ${i}`,
    provider: i % 2 ? 'openai' : undefined,
    attrs: { version: `1.${version}`, index: i, limits: { rpm: 60 + (i % 7) } },
    evidence: [{ file: `src/module-${i % 500}.py`, line: 1 + (i % 300), collector: 'synthetic' }],
    owner: i % 3 ? `team-${i % 5}` : undefined,
    tags: i % 4 ? ['synthetic'] : [],
  };
}

export function syntheticReport(opts: SyntheticOptions): Report {
  const { source, count, changed = 0, generation = 0 } = opts;
  const assets: Asset[] = [];
  for (let i = 0; i < count; i++) assets.push(syntheticAsset(i, i < changed ? generation + 1 : 0));
  const edges: Edge[] = [];
  // every non-model asset points at the model before it: about one edge per asset, as in real graphs
  for (let i = 1; i < count; i++) {
    if (assets[i].kind !== 'model') edges.push({ from: assets[i].id, to: assets[i - (i % KINDS.length)].id, kind: 'uses-model' });
  }
  const startedAt = opts.startedAt ?? new Date().toISOString();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aispm', version: 'synthetic' },
    scan: {
      id: opts.scanId,
      root: `./${source}`,
      source,
      startedAt,
      finishedAt: startedAt,
      stats: { files: count, bytes: 0, skipped: 0, durationMs: 0, byCollector: {} },
    },
    assets,
    edges,
    warnings: [],
  };
}
