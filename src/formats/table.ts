// Human-readable inventory: assets grouped by kind, then a one-screen summary.

import pc from 'picocolors';
import type { Asset, AssetKind, Finding, Report, Severity } from '../model/index.js';
import { providerName } from '../model/index.js';

export interface TableOptions {
  color?: boolean;
  /** Terminal width; columns are truncated to fit. */
  width?: number;
  /** Show at most this many rows per kind (the rest are counted). */
  maxRowsPerKind?: number;
  /** Show at most this many findings. */
  maxFindings?: number;
}

const KIND_TITLES: Record<AssetKind, string> = {
  application: 'Applications',
  'ai-service': 'AI services',
  model: 'Models',
  'model-file': 'Model files',
  library: 'AI libraries',
  endpoint: 'Endpoints',
  dataset: 'Datasets',
  'vector-store': 'Vector stores',
  'knowledge-base': 'Knowledge bases',
  prompt: 'Prompts',
  agent: 'Agents',
  tool: 'Agent tools',
  'mcp-server': 'MCP servers',
  notebook: 'Notebooks',
  pipeline: 'Pipelines',
  secret: 'Secrets (referenced credentials)',
  identity: 'Identities',
  storage: 'Storage',
  workload: 'Workloads',
  network: 'Network',
};

/** The detail column says what matters most for each kind. */
function detail(a: Asset): string {
  const at = a.attrs;
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  switch (a.kind) {
    case 'model':
      return [s(at.task), at.revision ? `rev ${String(at.revision).slice(0, 12)}` : '', at.trustRemoteCode ? 'trust_remote_code' : ''].filter(Boolean).join(', ');
    case 'library':
      return [s(at.version) || s(at.versionSpec), s(at.product)].filter(Boolean).join(' ');
    case 'model-file':
      return [s(at.format), at.sizeBytes !== undefined ? humanBytes(Number(at.sizeBytes)) : '', s(at.architecture), s(at.quantization)].filter(Boolean).join(', ');
    case 'tool':
      return Array.isArray(at.capabilities) ? at.capabilities.join(', ') : '';
    case 'agent':
      return s(at.framework);
    case 'mcp-server':
      return [s(at.transport), s(at.package) || s(at.command) || s(at.url)].filter(Boolean).join(' ');
    case 'dataset':
      return [s(at.format), at.rows !== undefined ? `${at.rows} rows` : ''].filter(Boolean).join(', ');
    case 'prompt':
      return s(at.role);
    case 'secret':
      return at.hasValue ? `value in ${s(at.valueMasked) || 'file'}` : 'referenced';
    case 'vector-store':
      return s(at.product);
    default:
      return '';
  }
}

function location(a: Asset): string {
  const files = a.evidence.filter((e) => e.file && e.file !== '.');
  if (!files.length) return a.evidence[0]?.uri ?? '';
  const first = files[0];
  const more = (typeof a.attrs.occurrences === 'number' ? a.attrs.occurrences : files.length) - 1;
  return `${first.file}${first.line ? `:${first.line}` : ''}${more > 0 ? ` (+${more})` : ''}`;
}

export function renderTable(report: Report, opts: TableOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const width = Math.max(80, opts.width ?? 120);
  const maxRows = opts.maxRowsPerKind ?? 50;
  const out: string[] = [];
  const byKind = new Map<AssetKind, Asset[]>();
  for (const a of report.assets) {
    if (a.kind === 'network') continue;
    const list = byKind.get(a.kind);
    if (list) list.push(a);
    else byKind.set(a.kind, [a]);
  }
  const headers = ['NAME', 'PROVIDER', 'DETAIL', 'LOCATION', 'OWNER', 'ENV'];
  for (const [kind, assets] of byKind) {
    out.push(c.bold(`${KIND_TITLES[kind]} (${assets.length})`));
    const rows = assets.slice(0, maxRows).map((a) => [a.name, providerName(a.provider) ?? '', detail(a), location(a), a.owner ?? '', a.environment ?? '']);
    out.push(...formatColumns([headers, ...rows], width, (s) => c.dim(s)));
    if (assets.length > maxRows) out.push(c.dim(`  … and ${assets.length - maxRows} more (use --format json for all)`));
    out.push('');
  }
  if (report.findings) out.push(...renderFindings(report, c, width, opts.maxFindings ?? 30), '');
  out.push(renderSummary(report, c));
  return out.join('\n') + '\n';
}

/** The prioritised queue: highest score first, with where to look. */
function renderFindings(report: Report, c: ReturnType<typeof pc.createColors>, width: number, max: number): string[] {
  const findings = report.findings ?? [];
  const byId = new Map(report.assets.map((a) => [a.id, a]));
  const colour: Record<Severity, (s: string) => string> = { critical: c.red, high: c.red, medium: c.yellow, low: (s) => s, info: c.dim };
  const out = [c.bold(`Findings (${findings.length}), highest priority first`)];
  if (!findings.length) return [...out, '  none'];
  const where = (f: Finding) => {
    const e = f.evidence.find((x) => x.file && x.file !== '.');
    return e ? `${e.file}${e.line ? `:${e.line}` : ''}` : '';
  };
  const rows = findings.slice(0, max).map((f) => [String(f.score), colour[f.severity](f.severity), f.checkId, f.title, byId.get(f.assetId)?.name ?? f.assetId, where(f)]);
  out.push(...formatColumns([['SCORE', 'SEVERITY', 'CHECK', 'TITLE', 'ASSET', 'LOCATION'], ...rows], width, (s) => c.dim(s)));
  if (findings.length > max) out.push(c.dim(`  … and ${findings.length - max} more (use --format json for all)`));
  return out;
}

export function renderSummary(report: Report, c = pc.createColors(false)): string {
  const st = report.scan.stats;
  const counts = new Map<string, number>();
  for (const a of report.assets) if (a.kind !== 'network') counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const order: AssetKind[] = [
    'ai-service', 'model', 'endpoint', 'agent', 'tool', 'mcp-server', 'prompt', 'vector-store', 'knowledge-base', 'dataset', 'model-file',
    'notebook', 'pipeline', 'workload', 'identity', 'storage', 'library', 'secret', 'application',
  ];
  const parts = order.filter((k) => counts.get(k)).map((k) => `${counts.get(k)} ${KIND_TITLES[k].toLowerCase()}`);
  // an ai-service's own name is the human one (catalogue services have no entry in PROVIDERS)
  const providers = [...new Set(report.assets.filter((a) => a.kind === 'ai-service').map((a) => a.name))].sort((x, y) => x.localeCompare(y));
  const lines = [
    c.bold('Summary'),
    `  Scanned ${st.files.toLocaleString('en')} files (${humanBytes(st.bytes)}) in ${(st.durationMs / 1000).toFixed(2)} s`,
    `  Found ${report.assets.filter((a) => a.kind !== 'network').length} AI assets and ${report.edges.length} relationships: ${parts.join(', ') || 'none'}`,
  ];
  if (providers.length) lines.push(`  AI providers: ${providers.join(', ')}`);
  const withOwner = report.assets.filter((a) => a.kind !== 'network' && a.owner).length;
  const total = report.assets.filter((a) => a.kind !== 'network').length;
  if (total) lines.push(`  Owner known for ${withOwner} of ${total} assets (${Math.round((100 * withOwner) / total)}%)`);
  if (report.findings) {
    const bySeverity = new Map<string, number>();
    for (const f of report.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    const parts = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((s) => bySeverity.get(s)).map((s) => `${bySeverity.get(s)} ${s}`);
    lines.push(`  Findings: ${report.findings.length}${parts.length ? ` (${parts.join(', ')})` : ''}`);
  }
  if (report.paths?.length) lines.push(`  Attack paths: ${report.paths.length}, best scoring ${report.paths[0]!.score}: ${report.paths[0]!.summary} (aispm paths lists them)`);
  if (report.warnings.length) {
    lines.push(c.yellow(`  ${report.warnings.length} warning(s):`));
    for (const w of report.warnings.slice(0, 5)) lines.push(c.yellow(`    ${w.file ?? ''}${w.line ? `:${w.line}` : ''}: ${w.message}`));
    if (report.warnings.length > 5) lines.push(c.yellow(`    … ${report.warnings.length - 5} more (--format json lists all)`));
  }
  return lines.join('\n');
}

/** Aligns rows into columns, shrinking the widest columns until the table fits. */
export function formatColumns(rows: string[][], width: number, dimHeader: (s: string) => string = (s) => s): string[] {
  const n = rows[0].length;
  const widths = Array.from({ length: n }, (_, i) => Math.max(...rows.map((r) => r[i].length)));
  // drop empty columns entirely
  const keep = widths.map((w, i) => rows.slice(1).some((r) => r[i]) || i === 0);
  const idx = widths.map((_, i) => i).filter((i) => keep[i]);
  const sep = 2;
  const budget = width - 2 - sep * (idx.length - 1);
  while (idx.reduce((s, i) => s + widths[i], 0) > budget) {
    const widest = idx.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    if (widths[widest] <= 8) break;
    widths[widest]--;
  }
  return rows.map((r, ri) => {
    const line = idx.map((i) => fit(r[i], widths[i])).join(' '.repeat(sep)).trimEnd();
    return '  ' + (ri === 0 ? dimHeader(line) : line);
  });
}

function fit(s: string, w: number): string {
  if (s.length <= w) return s.padEnd(w);
  return s.slice(0, Math.max(0, w - 1)) + '…';
}

export function humanBytes(n: number): string {
  if (!Number.isFinite(n)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}
