// `aispm paths [PATH]`: scans a folder without the store and prints its attack paths, best first, as readable
// chains with the findings on each. Wiring only: the search is src/policy/paths.ts.

import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { TARGET_KINDS, ENTRY_KINDS, type Asset, type AttackPath, type Finding, type Report, type TargetKind, type EntryKind } from '../model/index.js';
import { findAttackPaths, GraphIndex } from '../policy/index.js';
import { addScanFlags, emit, runScan, type CommonScanFlags } from './common.js';

export interface PathsFlags extends CommonScanFlags {
  format: 'table' | 'json';
  output?: string;
  minScore?: number;
  target?: TargetKind[];
  entry?: EntryKind[];
  limit?: number;
  color: boolean;
}

function scoreArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a whole number from 0 to 100');
  return n;
}

function limitArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 shows every path)');
  return n;
}

function listOf<T extends string>(allowed: readonly T[], what: string) {
  return (v: string, prev: T[] = []): T[] => {
    const out = [...prev];
    for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!(allowed as readonly string[]).includes(part)) throw new InvalidArgumentError(`unknown ${what} "${part}" (one of ${allowed.join(', ')})`);
      out.push(part as T);
    }
    return out;
  };
}

/** The paths a user asked for: every filter applied, best first. */
export function selectPaths(report: Report, o: Pick<PathsFlags, 'minScore' | 'target' | 'entry'>): AttackPath[] {
  // a run without checks still has a graph: find the paths without findings on them
  const paths = report.paths ?? findAttackPaths(new GraphIndex(report)).paths;
  return paths.filter(
    (p) => p.score >= (o.minScore ?? 0) && (!o.target?.length || o.target.includes(p.target.kind)) && (!o.entry?.length || o.entry.includes(p.entry.kind)),
  );
}

export function renderPathsJson(report: Report, paths: AttackPath[]): string {
  const assets = new Map(report.assets.map((a) => [a.id, a]));
  const findings = new Map((report.findings ?? []).map((f) => [f.fingerprint, f]));
  const out = {
    schemaVersion: report.schemaVersion,
    root: report.scan.root,
    paths: paths.map((p) => ({
      ...p,
      steps: p.steps.map((s) => {
        const a = assets.get(s.assetId);
        return { ...s, kind: a?.kind, name: a?.name, ...(a?.owner ? { owner: a.owner } : {}) };
      }),
      findings: p.findings.map((fp) => {
        const f = findings.get(fp);
        return f ? { fingerprint: fp, checkId: f.checkId, severity: f.severity, score: f.score, title: f.title, assetId: f.assetId } : { fingerprint: fp };
      }),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

export function renderPathsTable(report: Report, paths: AttackPath[], opts: { color?: boolean; limit?: number; total?: number } = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const assets = new Map(report.assets.map((a) => [a.id, a]));
  const findings = new Map((report.findings ?? []).map((f) => [f.fingerprint, f]));
  const shown = opts.limit ? paths.slice(0, opts.limit) : paths;
  const total = opts.total ?? paths.length;
  const out: string[] = [c.bold(`Attack paths (${paths.length}${total !== paths.length ? ` of ${total}` : ''}), highest score first`)];
  if (!paths.length) out.push('  none');
  for (const p of shown) {
    const target = assets.get(p.target.assetId);
    out.push('');
    out.push(`${c.bold(String(p.score).padStart(3))}  ${p.summary}`);
    out.push(c.dim(`     ${p.entry.kind} → ${p.target.kind} · ${p.steps.length - 1} step${p.steps.length === 2 ? '' : 's'} · ${p.id}${target?.owner ? ` · owner ${ownerText(target)}` : ''}`));
    if (p.reasons?.length) out.push(c.dim(`     why: ${p.reasons.map((r) => `${r.points > 0 ? '+' : ''}${r.points} ${r.detail}`).join('; ')}`));
    for (const fp of p.findings) {
      const f = findings.get(fp);
      if (!f) continue;
      out.push(`     ${severityText(c, f)} ${f.checkId} ${f.title} ${c.dim(`(${assets.get(f.assetId)?.name ?? f.assetId}, score ${f.score})`)}`);
    }
  }
  if (shown.length < paths.length) out.push('', c.dim(`… and ${paths.length - shown.length} more (--limit 0 shows all, --format json lists them)`));
  return out.join('\n') + '\n';
}

function ownerText(a: Asset): string {
  return typeof a.attrs.ownerSource === 'string' ? `${a.owner} (${a.attrs.ownerSource})` : a.owner!;
}

function severityText(c: ReturnType<typeof pc.createColors>, f: Finding): string {
  const s = f.severity.padEnd(8);
  return f.severity === 'critical' || f.severity === 'high' ? c.red(s) : f.severity === 'medium' ? c.yellow(s) : s;
}

export function registerPathsCommand(program: Command): Command {
  return addScanFlags(
    program
      .command('paths')
      .description('list attack paths from entry points (internet, untrusted content, web input, tool output, public repositories) to crown jewels')
      .argument('[path]', 'folder to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .option('-o, --output <file>', 'write the output to a file instead of stdout')
      .option('--min-score <n>', 'only paths scoring at least this (0-100)', scoreArg)
      .option('--target <kind>', `only paths to this kind of crown jewel (${TARGET_KINDS.join(', ')}; repeatable or comma-separated)`, listOf(TARGET_KINDS, 'target kind'))
      .option('--entry <kind>', `only paths from this kind of entry point (${ENTRY_KINDS.join(', ')}; repeatable or comma-separated)`, listOf(ENTRY_KINDS, 'entry kind'))
      .option('--limit <n>', 'paths shown in the table (default 20; 0 shows all)', limitArg)
      .option('--no-color', 'plain output'),
  ).action(async (root: string, o: PathsFlags) => {
    const report = await runScan(root, o);
    const all = report.paths ?? findAttackPaths(new GraphIndex(report)).paths;
    const paths = selectPaths({ ...report, paths: all }, o);
    const toTerminal = !o.output && process.stdout.isTTY;
    const text =
      o.format === 'json'
        ? renderPathsJson(report, paths)
        : renderPathsTable(report, paths, { color: o.color && toTerminal, limit: o.limit ?? 20, total: all.length });
    await emit(text, o.output);
    if (o.output && !o.quiet) process.stderr.write(`Wrote ${paths.length} attack path(s) as ${o.format} to ${o.output}\n`);
  });
}
