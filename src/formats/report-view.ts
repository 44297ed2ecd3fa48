// What the human-facing formats (SARIF, HTML, Markdown) read off a Report in the same way: severity
// counts, open versus suppressed findings, where a finding points, readable kind names.

import { SEVERITIES, firstFileEvidence, formatLocation, type Asset, type AssetKind, type Evidence, type Finding, type Report, type Severity } from '../model/index.js';

export const KIND_LABELS: Record<AssetKind, string> = {
  application: 'application',
  'ai-service': 'AI service',
  model: 'model',
  'model-file': 'model file',
  library: 'AI library',
  endpoint: 'endpoint',
  dataset: 'dataset',
  'vector-store': 'vector store',
  'knowledge-base': 'knowledge base',
  prompt: 'prompt',
  agent: 'agent',
  tool: 'agent tool',
  'mcp-server': 'MCP server',
  notebook: 'notebook',
  pipeline: 'pipeline',
  secret: 'secret',
  identity: 'identity',
  storage: 'storage',
  workload: 'workload',
  network: 'network',
};

export const FRAMEWORK_SHORT_NAMES: Record<string, string> = {
  'owasp-llm-2025': 'OWASP LLM Top 10 2025',
  'mitre-atlas': 'MITRE ATLAS',
  'nist-ai-rmf': 'NIST AI RMF',
  'eu-ai-act': 'EU AI Act',
  'iso-42001': 'ISO/IEC 42001',
  'owasp-agentic': 'OWASP Agentic Top 10',
  'owasp-mcp': 'OWASP MCP Top 10',
};

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** "3 critical, 1 high" (zero counts left out), or "" when there are none. */
export function describeCounts(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ');
}

export interface FindingSets {
  all: Finding[];
  open: Finding[];
  suppressed: Finding[];
}

/** Findings by priority (the report's order is by score; re-sorted here so any input reads the same). */
export function findingSets(report: Report): FindingSets {
  const all = [...(report.findings ?? [])].sort(byPriority);
  return { all, open: all.filter((f) => !f.suppressed), suppressed: all.filter((f) => f.suppressed) };
}

export function byPriority(a: Finding, b: Finding): number {
  const sev = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  return b.score - a.score || sev || (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1);
}

export function assetIndex(report: Report): Map<string, Asset> {
  return new Map(report.assets.map((a) => [a.id, a]));
}

/** Where to look: the finding's own file evidence, else the asset's. */
export function findingEvidence(f: Finding, asset: Asset | undefined): Evidence | undefined {
  return firstFileEvidence(f.evidence) ?? (asset ? firstFileEvidence(asset.evidence) : undefined);
}

export function findingLocation(f: Finding, asset: Asset | undefined): string {
  return formatLocation(findingEvidence(f, asset)) ?? f.evidence.find((e) => e.uri)?.uri ?? '';
}

/** Assets a person counts (the special `internet` node is not one). */
export function realAssets(report: Report): Asset[] {
  return report.assets.filter((a) => a.kind !== 'network');
}

export function kindCounts(report: Report): Array<[AssetKind, number]> {
  const counts = new Map<AssetKind, number>();
  for (const a of realAssets(report)) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function suppressionLabel(f: Finding): string {
  const s = f.suppressed;
  if (!s) return '';
  const kind = { inline: 'suppressed inline', 'ignore-file': 'ignored (ignore file)', accepted: 'accepted risk', 'false-positive': 'false positive', baseline: 'in baseline' }[s.kind];
  return [kind, s.reason && `: ${s.reason}`, s.by && ` (by ${s.by})`, s.until && ` until ${s.until}`].filter(Boolean).join('');
}
