// Scores an inventory's model ids against truth.json, and small statistics helpers.
import type { ReportedModel } from './child-result.js';
import type { Truth } from './truth.js';

export interface ModelScore {
  reported: number;
  truePositives: number;
  /** Reported models whose id is a planted id / all reported models; undefined when none were reported. */
  precision?: number;
  planted: number;
  found: number;
  /** Planted ids reported at least once / all planted ids. */
  recall: number;
  falsePositives: string[];
  missed: string[];
  /** Per kind of file: how many distinct ids were planted there and how many of those were reported. */
  byContext: Record<string, { planted: number; found: number }>;
}

/** Ids compare case-insensitively, without the `models/` prefix the Gemini API accepts. */
export function normaliseId(id: string): string {
  return id.trim().toLowerCase().replace(/^models\//, '');
}

export function scoreModels(reported: ReportedModel[], truth: Pick<Truth, 'models'>): ModelScore {
  const plantedIds = new Set(truth.models.map((m) => normaliseId(m.id)));
  const reportedIds = new Set(reported.map((r) => normaliseId(r.id)));
  const fps = reported.filter((r) => !plantedIds.has(normaliseId(r.id)));
  const missed = truth.models.filter((m) => !reportedIds.has(normaliseId(m.id))).map((m) => m.id);
  const byContext: ModelScore['byContext'] = {};
  for (const m of truth.models) {
    for (const ctx of Object.keys(m.contexts)) {
      const c = (byContext[ctx] ??= { planted: 0, found: 0 });
      c.planted++;
      if (reportedIds.has(normaliseId(m.id))) c.found++;
    }
  }
  const tp = reported.length - fps.length;
  return {
    reported: reported.length,
    truePositives: tp,
    ...(reported.length ? { precision: tp / reported.length } : {}),
    planted: plantedIds.size,
    found: plantedIds.size - missed.length,
    recall: plantedIds.size ? (plantedIds.size - missed.length) / plantedIds.size : 0,
    falsePositives: [...new Set(fps.map((r) => (r.provider ? `${r.provider}/${r.id}` : r.id)))].sort(),
    missed: missed.sort(),
    byContext: Object.fromEntries(Object.entries(byContext).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The run with the median wall time (the lower middle one for an even count). */
export function medianRun<T extends { wallMs: number }>(runs: T[]): T {
  const s = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return s[Math.floor((s.length - 1) / 2)];
}
