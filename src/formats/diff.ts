// Drift between two stored scans, for people: added, removed, changed (with the changed attributes).

import type { ScanDiff } from '../model/diff.js';

export interface DiffOptions {
  /** List assets whose only change is where they were seen (line shifts). */
  includeEvidence?: boolean;
}

const show = (v: unknown): string => {
  if (v === undefined) return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
};

export function renderDiff(d: ScanDiff, opts: DiffOptions = {}): string {
  const out: string[] = [];
  out.push(`Source ${d.source}: scan ${d.fromScan ?? '(none)'} → ${d.toScan}`);
  const changed = d.changed.filter((c) => opts.includeEvidence || !c.evidenceOnly);
  const evidenceOnly = d.changed.length - changed.length;
  if (!d.added.length && !d.removed.length && !changed.length && !d.edgesAdded.length && !d.edgesRemoved.length) {
    out.push('No changes.' + (evidenceOnly ? ` (${evidenceOnly} asset(s) only moved; --include-evidence lists them)` : ''));
    return out.join('\n') + '\n';
  }
  if (d.added.length) {
    out.push('', `Added (${d.added.length})`);
    for (const a of d.added) out.push(`  + ${a.kind.padEnd(14)} ${a.name}`);
  }
  if (d.removed.length) {
    out.push('', `Removed (${d.removed.length})`);
    for (const a of d.removed) out.push(`  - ${a.kind.padEnd(14)} ${a.name}`);
  }
  if (changed.length) {
    out.push('', `Changed (${changed.length})`);
    for (const c of changed) {
      out.push(`  ~ ${c.asset.kind.padEnd(14)} ${c.asset.name}`);
      for (const ch of c.changes) out.push(`      ${ch.field}: ${show(ch.before)} → ${show(ch.after)}`);
    }
  }
  if (evidenceOnly) out.push('', `${evidenceOnly} asset(s) only moved (evidence lines changed); --include-evidence lists them`);
  if (d.edgesAdded.length || d.edgesRemoved.length) out.push('', `Relationships: ${d.edgesAdded.length} added, ${d.edgesRemoved.length} removed`);
  return out.join('\n') + '\n';
}
