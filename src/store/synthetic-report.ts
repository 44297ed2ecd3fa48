// Deterministic reports of any size, for the store benchmark and the crash-safety test (no real scan needed).
import { createHash } from 'node:crypto';
import { assetId } from '../model/ids.js';
import type { Asset, AssetKind, Edge } from '../model/asset.js';
import { SEVERITIES, type Finding } from '../model/finding.js';
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
  /**
   * How many findings: finding i is on asset i % count (several per asset past `count`), check `SYN-000`..`SYN-039`.
   * The first `findingsChanged` (default: `changed`) get a new message revision.
   */
  findings?: number;
  findingsChanged?: number;
  /** Leave out the first `fixed` findings (they resolve on a rescan). */
  fixed?: number;
}

export const SYNTHETIC_CHECKS = 40;

export function syntheticFinding(asset: Asset, i: number, version: number): Finding {
  const severity = SEVERITIES[i % SEVERITIES.length];
  const checkId = `SYN-${String(i % SYNTHETIC_CHECKS).padStart(3, '0')}`;
  return {
    fingerprint: createHash('sha256').update(`${checkId}\0${asset.id}\0${i}`).digest('hex'),
    checkId,
    severity,
    score: 10 + ((i * 37) % 90),
    reasons: [{ factor: 'severity', points: 10, detail: `${severity} severity` }],
    title: `Synthetic check ${checkId}`,
    message: `${asset.name} fails ${checkId} (revision ${version})`,
    assetId: asset.id,
    evidence: asset.evidence,
    frameworks: { 'owasp-llm-2025': ['LLM02:2025'] },
    status: 'open',
  };
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
  const findings: Finding[] = [];
  const findingsChanged = opts.findingsChanged ?? changed;
  for (let i = opts.fixed ?? 0; i < (opts.findings ?? 0) && count > 0; i++) {
    findings.push(syntheticFinding(assets[i % count], i, i < findingsChanged ? generation + 1 : 0));
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
    ...(opts.findings !== undefined ? { findings } : {}),
  };
}
