// The posture score shown on the Overview: one 0-100 number a person can follow over time, computed from the KPIs
// the server keeps after every scan, with the parts that produced it (see docs/dashboard.md).
import { type KpiPoint, type Kpis, SEVERITIES, type Severity } from './types.js';

/** Risk points per open finding: a critical weighs as much as 20 low ones. */
export const RISK_WEIGHT: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 0.5, info: 0 };
/** Risk points at which the findings part of the score is halved. */
export const RISK_HALF = 100;
/** Shares of the score: open findings, owner coverage, mapping coverage; shadow AI services take points off. */
export const SHARE = { findings: 60, owners: 20, mapping: 20 } as const;
export const SHADOW_POINTS = 2;
export const SHADOW_MAX = 10;

export interface PosturePart {
  label: string;
  points: number;
  max: number;
  detail: string;
}

export interface Posture {
  score: number;
  parts: PosturePart[];
}

export function riskPoints(k: Kpis): number {
  return SEVERITIES.reduce((sum, s) => sum + (k.openFindingsBySeverity?.[s] ?? 0) * RISK_WEIGHT[s], 0);
}

export function postureOf(k: Kpis): Posture {
  const risk = riskPoints(k);
  const findings = SHARE.findings * (RISK_HALF / (RISK_HALF + risk));
  const owners = SHARE.owners * (k.ownerCoverage ?? 0);
  const mapping = SHARE.mapping * (k.modelsAndAgents === 0 ? 1 : (k.mappingCoverage ?? 0));
  const shadow = Math.min(SHADOW_MAX, SHADOW_POINTS * (k.shadowAiServices ?? 0));
  const open = SEVERITIES.map((s) => `${k.openFindingsBySeverity?.[s] ?? 0} ${s}`).join(', ');
  const parts: PosturePart[] = [
    { label: 'Open findings', points: findings, max: SHARE.findings, detail: `${Math.round(risk)} risk points (${open})` },
    { label: 'Owner coverage', points: owners, max: SHARE.owners, detail: `${Math.round((k.ownerCoverage ?? 0) * 100)}% of assets have an owner` },
    { label: 'Mapping coverage', points: mapping, max: SHARE.mapping,
      detail: `${Math.round((k.mappingCoverage ?? 0) * 100)}% of models and agents linked to data, identities or endpoints` },
    { label: 'Shadow AI', points: -shadow, max: 0, detail: `${k.shadowAiServices ?? 0} unsanctioned AI services seen in egress` },
  ];
  const score = Math.max(0, Math.min(100, Math.round(findings + owners + mapping - shadow)));
  return { score, parts };
}

/**
 * KPIs of all sources over time from per-source snapshots: at each snapshot, every source counts with its latest
 * snapshot so far. Counts add up; coverage shares are weighted by what they are shares of.
 */
export function combinedTrend(points: KpiPoint[]): Array<{ at: string; kpis: Kpis }> {
  const latest = new Map<string, Kpis>();
  const out: Array<{ at: string; kpis: Kpis }> = [];
  for (const p of [...points].sort((a, b) => a.at.localeCompare(b.at))) {
    latest.set(p.source, p.kpis);
    out.push({ at: p.at, kpis: combine([...latest.values()]) });
  }
  return out;
}

export function combine(list: Kpis[]): Kpis {
  if (list.length === 1) return list[0];
  const sum = (f: (k: Kpis) => number) => list.reduce((n, k) => n + f(k), 0);
  const assets = sum((k) => k.assets);
  const subjects = sum((k) => k.modelsAndAgents ?? 0);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, sum((k) => k.openFindingsBySeverity?.[s] ?? 0)])) as Record<Severity, number>;
  return {
    assets,
    ownerCoverage: assets ? sum((k) => k.ownerCoverage * k.assets) / assets : 0,
    mappingCoverage: subjects ? sum((k) => k.mappingCoverage * (k.modelsAndAgents ?? 0)) / subjects : 0,
    modelsAndAgents: subjects,
    shadowAiServices: sum((k) => k.shadowAiServices),
    openFindingsBySeverity: bySeverity,
    remediated: sum((k) => k.remediated ?? 0),
    meanTimeToRemediateHours: null,
  };
}
