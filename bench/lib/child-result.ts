// The one JSON line bench/scan-child.ts prints, and how the parent reads it back.
import type { Asset } from '../../src/model/index.js';

export interface ReportedModel {
  /** The model id as the inventory names it (attrs.modelId, else the asset name). */
  id: string;
  provider?: string;
  key: string;
}

export interface StoreTiming {
  /** `openStore` until ready (PGlite start-up, migrations). */
  openMs: number;
  saveMs: number;
  closeMs: number;
  /** Set when the store could not be used; the other numbers are then 0. */
  error?: string;
}

export interface ChildResult {
  wallMs: number;
  files: number;
  bytes: number;
  assets: number;
  edges: number;
  assetsByKind: Record<string, number>;
  warnings: number;
  collectors: string[];
  models: ReportedModel[];
  maxRssKb: number;
  store?: StoreTiming;
}

export function modelsOf(assets: Asset[]): ReportedModel[] {
  return assets
    .filter((a) => a.kind === 'model')
    .map((a) => {
      const modelId = typeof a.attrs.modelId === 'string' ? a.attrs.modelId : a.name;
      return { id: modelId, ...(a.provider ? { provider: a.provider } : {}), key: a.key };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The last line of the child's stdout that parses as a ChildResult. */
export function parseChildOutput(stdout: string): ChildResult {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    if (!l.startsWith('{')) continue;
    try {
      const r = JSON.parse(l) as ChildResult;
      if (typeof r.wallMs === 'number' && Array.isArray(r.models)) return r;
    } catch {
      // not our line: the scan or a collector printed something
    }
  }
  throw new Error(`no result line in the scan child's output: ${stdout.slice(-500)}`);
}
