// Attack paths: bounded searches through the asset graph from where an attacker gets in (entry points) to what
// they want (crown jewels). The walk uses the graph index's adjacency and the ATTACK_FLOW rules, with the
// attacker's state on every node (drive / content / read), so a path only follows edges that carry influence.
//
// Bounds, so that 100,000-asset graphs stay fast: only nodes from which some crown jewel is reachable at all
// are entered (one backward search first); each entry is a breadth-first search in which every (node, state)
// is settled at most `perPair` times and paths are simple and at most `maxDepth` edges long; at most
// `perPair` paths are kept per entry-target pair and `maxPaths` overall (the best by score); a search that
// exceeds `maxLabelsPerEntry` stops early and the result says it was truncated.

import { createHash } from 'node:crypto';
import {
  SEVERITY_RANK,
  type Asset,
  type AttackPath,
  type AttackPathStep,
  type EntryKind,
  type Finding,
  type ScoreReason,
  type Severity,
  type TargetKind,
} from '../model/index.js';
import {
  ATTACK_FLOW,
  capabilitiesOf,
  isSensitiveData,
  isSideEffectTool,
  isUntrustedSource,
  settleState,
  type AttackState,
  type FlowRule,
} from './flow-rules.js';
import type { GraphIndex } from './graph-index.js';

export interface AttackPathOptions {
  /** Findings of the same report: their fingerprints are listed on the paths that pass their assets. */
  findings?: Finding[];
  /** Paths kept per entry-target pair (and times a node may be settled per state in one search). Default 2. */
  perPair?: number;
  /** Paths kept overall, the best by score. Default 200. */
  maxPaths?: number;
  /** Longest path in edges. Default 8. */
  maxDepth?: number;
  /** Work budget of one entry's search (path prefixes explored). Default 50,000. */
  maxLabelsPerEntry?: number;
}

export interface AttackPathResult {
  /** Best first: score, then shorter, then id. */
  paths: AttackPath[];
  entries: number;
  targets: number;
  /** Paths found before the global cap was applied. */
  candidates: number;
  /** Some search stopped at its work budget: more paths may exist. */
  truncated: boolean;
}

/** Where an attacker's influence enters, by what the asset is (see docs/attack-paths.md). */
export function entryKindOf(a: Asset): EntryKind | undefined {
  if (a.kind === 'network') return a.key === 'internet' ? 'internet' : undefined;
  if (a.kind === 'application' && (a.attrs.visibility === 'public' || a.attrs.public === true)) return 'public-repository';
  if (a.kind === 'tool' || a.kind === 'mcp-server') return isUntrustedSource(a) || readsOutside(a) ? 'tool-output' : undefined;
  if (takesWebInput(a)) return 'web-input';
  if (isUntrustedSource(a) || hasHiddenInstructions(a) || publiclyWritable(a) || (a.kind === 'model-file' && a.attrs.unsafe === true)) return 'untrusted-content';
  return undefined;
}

/** What is worth reaching, by what the asset is. */
export function targetKindOf(a: Asset): TargetKind | undefined {
  if (isSensitiveData(a)) return 'sensitive-data';
  if (a.kind === 'secret' || (a.kind === 'identity' && privileged(a))) return 'credential';
  if (a.kind === 'tool' && isSideEffectTool(a)) return 'side-effect-tool';
  if ((a.kind === 'model' || a.kind === 'model-file' || a.kind === 'endpoint') && isProduction(a)) return 'production-model';
  return undefined;
}

const WEB_ROUTE = /(?:^|\/)(?:app\/(?:.+\/)?route\.[cm]?[jt]sx?|pages\/api\/.+\.[cm]?[jt]sx?)$/;

/** An HTTP handler: a collector said so, or the agent lives in a framework's route file (Next.js app/pages API). */
function takesWebInput(a: Asset): boolean {
  if (a.attrs.webInput === true || nonEmpty(a.attrs.httpRoutes) || nonEmpty(a.attrs.routes)) return true;
  return a.kind === 'agent' && a.evidence.some((e) => !!e.file && WEB_ROUTE.test(e.file));
}

function readsOutside(a: Asset): boolean {
  return a.kind === 'mcp-server' && capabilitiesOf(a).some((c) => c === 'network' || c === 'browser');
}

function hasHiddenInstructions(a: Asset): boolean {
  return nonEmpty(a.attrs.hiddenInstructions);
}

const WRITE_ACTION = /(?:^|:)(?:\*|Put|Delete|Write|Upload|Create)/i;
function publiclyWritable(a: Asset): boolean {
  if (a.attrs.publicWrite === true) return true;
  const acts = a.attrs.publicActions;
  return Array.isArray(acts) && acts.some((x) => typeof x === 'string' && WRITE_ACTION.test(x.split(':').pop() ?? ''));
}

function privileged(a: Asset): boolean {
  return a.attrs.adminAccess === true || a.attrs.wildcardActions === true;
}

export function isProduction(a: Asset): boolean {
  const env = a.environment ?? (typeof a.attrs.environment === 'string' ? a.attrs.environment : undefined);
  return !!env && /^prod/i.test(env);
}

function nonEmpty(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

const ENTRY_WEIGHT: Record<EntryKind, number> = { internet: 30, 'web-input': 26, 'public-repository': 24, 'untrusted-content': 22, 'tool-output': 20 };
const ENTRY_WORDS: Record<EntryKind, string> = {
  internet: 'starts on the internet',
  'web-input': 'starts at web input',
  'public-repository': 'starts in a public repository',
  'untrusted-content': 'starts at untrusted content',
  'tool-output': 'starts at the output of a tool that reads outside content',
};
const FINDING_WEIGHT: Record<Severity, number> = { critical: 8, high: 5, medium: 3, low: 1, info: 0 };
const ENTRY_ORDER: Record<EntryKind, number> = { internet: 0, 'web-input': 1, 'public-repository': 2, 'untrusted-content': 3, 'tool-output': 4 };

/** How much reaching this crown jewel matters, with the words that say why. */
export function targetValue(a: Asset, kind: TargetKind): { points: number; detail: string } {
  switch (kind) {
    case 'sensitive-data': {
      const restricted = a.sensitivity === 'restricted' || a.attrs.sensitivity === 'restricted';
      return restricted ? { points: 40, detail: 'reaches restricted data' } : { points: 34, detail: 'reaches confidential or personal data' };
    }
    case 'credential':
      if (a.kind === 'identity') return { points: 30, detail: 'reaches a privileged identity' };
      return a.attrs.hasValue === true && a.attrs.placeholder !== true
        ? { points: 34, detail: 'reaches a credential whose value is in the files' }
        : { points: 28, detail: 'reaches a credential' };
    case 'side-effect-tool': {
      const caps = capabilitiesOf(a);
      if (caps.some((c) => c === 'payments' || c === 'shell' || c === 'code-execution')) return { points: 36, detail: `can run a ${caps.join('/')} tool` };
      if (caps.some((c) => c === 'database' || c === 'file-write')) return { points: 30, detail: `can run a ${caps.join('/')} tool` };
      return { points: 28, detail: `can run a ${caps.join('/')} tool` };
    }
    case 'production-model':
      return { points: 28, detail: 'reaches a production model' };
  }
}

/** Path prefixes of one search, as parallel arrays (reused between entries: no object per prefix). */
class Labels {
  node: number[] = [];
  state: number[] = [];
  parent: number[] = [];
  rule: number[] = [];
  depth: number[] = [];
  get length(): number {
    return this.node.length;
  }
  clear(): void {
    this.node.length = this.state.length = this.parent.length = this.rule.length = this.depth.length = 0;
  }
  push(node: number, state: number, parent: number, rule: number, depth: number): void {
    this.node.push(node);
    this.state.push(state);
    this.parent.push(parent);
    this.rule.push(rule);
    this.depth.push(depth);
  }
}

const STATES: AttackState[] = ['drive', 'content', 'read'];
const STATE_OF: Record<AttackState, number> = { drive: 0, content: 1, read: 2 };
const ENTRY_STATE: Record<EntryKind, AttackState> = {
  internet: 'drive',
  'web-input': 'drive',
  'public-repository': 'read',
  'untrusted-content': 'content',
  'tool-output': 'content',
};

export function findAttackPaths(graph: GraphIndex, opts: AttackPathOptions = {}): AttackPathResult {
  const perPair = Math.max(1, opts.perPair ?? 2);
  const maxPaths = Math.max(0, opts.maxPaths ?? 200);
  const maxDepth = Math.max(1, opts.maxDepth ?? 8);
  const budget = Math.max(10, opts.maxLabelsPerEntry ?? 50_000);
  const n = graph.nodeCount;

  const targetOf: (TargetKind | undefined)[] = new Array(n);
  let targets = 0;
  const entries: { node: number; kind: EntryKind; id: string }[] = [];
  for (let i = 0; i < n; i++) {
    const a = graph.assetAtNode(i);
    if (!a) continue;
    const t = targetKindOf(a);
    if (t) {
      targetOf[i] = t;
      targets++;
    }
    const e = entryKindOf(a);
    if (e) entries.push({ node: i, kind: e, id: a.id });
  }
  entries.sort((x, y) => ENTRY_ORDER[x.kind] - ENTRY_ORDER[y.kind] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  if (!targets || !entries.length) return { paths: [], entries: entries.length, targets, candidates: 0, truncated: false };

  // Nodes from which some crown jewel can be reached at all, ignoring states (a superset): nothing else is entered.
  const relaxed: FlowRule[] = [];
  for (const r of ATTACK_FLOW) if (!relaxed.some((x) => x.kind === r.kind && x.dir === r.dir)) relaxed.push({ kind: r.kind, dir: r.dir });
  const relevant = graph.originsOf('attack-paths:relevant', (a) => targetKindOf(a) !== undefined, relaxed, 'backward', true);

  const findingsByAsset = new Map<string, Finding[]>();
  for (const f of opts.findings ?? []) {
    const list = findingsByAsset.get(f.assetId);
    if (list) list.push(f);
    else findingsByAsset.set(f.assetId, [f]);
  }

  const rulesFrom: { rule: (typeof ATTACK_FLOW)[number]; index: number; reach?: Set<string> }[][] = STATES.map(() => []);
  ATTACK_FLOW.forEach((rule, index) => rulesFrom[STATE_OF[rule.from]]!.push({ rule, index, reach: rule.reach ? new Set(rule.reach) : undefined }));

  const settled = new Uint8Array(n * 3);
  const touched: number[] = [];
  const labels = new Labels();
  const seen = new Set<string>();
  let kept: AttackPath[] = [];
  let threshold = -1; // once the cap is full: the score a new path must beat to matter
  let candidates = 0;
  let truncated = false;

  const onPath = (label: number, node: number): boolean => {
    for (let i = label; i >= 0; i = labels.parent[i]!) if (labels.node[i] === node) return true;
    return false;
  };

  for (const entry of entries) {
    if (relevant[entry.node]! < 0) continue;
    labels.clear();
    for (const k of touched) settled[k] = 0;
    touched.length = 0;
    const pairCount = new Map<number, number>();
    labels.push(entry.node, STATE_OF[ENTRY_STATE[entry.kind]], -1, -1, 0);
    for (let i = 0; i < labels.length; i++) {
      const node = labels.node[i]!;
      const state = labels.state[i]!;
      const depth = labels.depth[i]!;
      const t = targetOf[node];
      if (t && depth > 0 && (t !== 'side-effect-tool' || state === STATE_OF.drive)) {
        const c = pairCount.get(node) ?? 0;
        if (c < perPair) {
          pairCount.set(node, c + 1);
          const key = `${t}:${chainOf(labels, i).join(',')}`;
          if (!seen.has(key)) {
            seen.add(key);
            candidates++;
            const quick = scoreOf(graph, labels, i, entry.kind, t, findingsByAsset);
            if (quick.score >= threshold) {
              kept.push(buildPath(graph, labels, i, entry.kind, t, quick));
              if (kept.length > 2 * maxPaths + 1000) {
                kept = best(kept, maxPaths);
                if (kept.length >= maxPaths) threshold = kept[kept.length - 1]!.score;
              }
            }
          }
        }
      }
      if (depth >= maxDepth) continue;
      const from = graph.assetAtNode(node);
      for (const { rule, index, reach } of rulesFrom[state]!) {
        if (rule.fromEntryOnly && depth !== 0) continue;
        if (rule.onlyFrom && (!from || !rule.onlyFrom(from))) continue;
        for (const m of graph.adjacent(node, rule.kind, rule.dir)) {
          if (relevant[m]! < 0) continue;
          const to = graph.assetAtNode(m);
          if (!to) continue;
          if (reach && !reach.has(to.kind)) continue;
          if (rule.onlyTo && !rule.onlyTo(to)) continue;
          const next = STATE_OF[settleState(rule.to, to)];
          const k = m * 3 + next;
          if (settled[k]! >= perPair || onPath(i, m)) continue;
          if (settled[k] === 0) touched.push(k);
          settled[k]++;
          labels.push(m, next, i, index, depth + 1);
        }
      }
      if (labels.length > budget) {
        truncated = true;
        break;
      }
    }
  }
  return { paths: best(kept, maxPaths), entries: entries.length, targets, candidates, truncated };
}

/** Node numbers from the entry to label `last`. */
function chainOf(labels: Labels, last: number): number[] {
  const out: number[] = [];
  for (let i = last; i >= 0; i = labels.parent[i]!) out.push(labels.node[i]!);
  return out.reverse();
}

interface Scored {
  score: number;
  reasons: ScoreReason[];
  findings: Finding[];
}

/** A path's score and reasons, from the labels alone (before the path object is worth building). */
function scoreOf(graph: GraphIndex, labels: Labels, last: number, entryKind: EntryKind, targetKind: TargetKind, findingsByAsset: Map<string, Finding[]>): Scored {
  const findings: Finding[] = [];
  for (let i = last; i >= 0; i = labels.parent[i]!) for (const f of findingsByAsset.get(graph.idAt(labels.node[i]!)) ?? []) findings.push(f);
  const reasons: ScoreReason[] = [];
  reasons.push({ factor: 'entry', points: ENTRY_WEIGHT[entryKind], detail: ENTRY_WORDS[entryKind] });
  const tv = targetValue(graph.assetAtNode(labels.node[last]!)!, targetKind);
  reasons.push({ factor: 'target', points: tv.points, detail: tv.detail });
  if (findings.length) {
    const pts = Math.min(24, findings.reduce((s, f) => s + FINDING_WEIGHT[f.severity], 0));
    if (pts) reasons.push({ factor: 'findings', points: pts, detail: `${findings.length} finding${findings.length === 1 ? '' : 's'} on the way (${countBySeverity(findings)})` });
  }
  const edges = labels.depth[last]!;
  if (edges > 2) reasons.push({ factor: 'length', points: -Math.min(16, 2 * (edges - 2)), detail: `${edges} steps long` });
  const raw = reasons.reduce((s, r) => s + r.points, 0);
  const score = Math.max(0, Math.min(100, raw));
  if (score !== raw) reasons.push({ factor: 'clamp', points: score - raw, detail: score === 100 ? 'capped at 100' : 'floored at 0' });
  return { score, reasons, findings };
}

function best(paths: AttackPath[], max: number): AttackPath[] {
  return paths.sort(comparePaths).slice(0, max);
}

export function comparePaths(a: AttackPath, b: AttackPath): number {
  return b.score - a.score || a.steps.length - b.steps.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function buildPath(graph: GraphIndex, labels: Labels, last: number, entryKind: EntryKind, targetKind: TargetKind, scored: Scored): AttackPath {
  const chain: number[] = [];
  for (let i = last; i >= 0; i = labels.parent[i]!) chain.push(i);
  chain.reverse();
  const steps: AttackPathStep[] = chain.map((l, i) => {
    const assetId = graph.idAt(labels.node[l]!);
    if (i === 0) return { assetId };
    const rule = ATTACK_FLOW[labels.rule[l]!]!;
    const prev = graph.idAt(labels.node[chain[i - 1]!]!);
    return { assetId, via: rule.dir === 'out' ? { kind: rule.kind, from: prev, to: assetId } : { kind: rule.kind, from: assetId, to: prev } };
  });
  const ids = steps.map((s) => s.assetId);
  const findings = [...scored.findings].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) || (a.fingerprint < b.fingerprint ? -1 : 1),
  );
  const id = 'path:' + createHash('sha256').update(entryKind).update('\0').update(targetKind).update('\0').update(ids.join('\0')).digest('hex').slice(0, 16);
  return {
    id,
    entry: { assetId: ids[0]!, kind: entryKind },
    target: { assetId: ids[ids.length - 1]!, kind: targetKind },
    steps,
    findings: findings.map((f) => f.fingerprint),
    score: scored.score,
    reasons: scored.reasons,
    summary: ids.map((x) => stepName(graph, x)).join(' → '),
  };
}

function countBySeverity(findings: Finding[]): string {
  const by = new Map<Severity, number>();
  for (const f of findings) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
  return [...by].map(([s, c]) => `${c} ${s}`).join(', ');
}

/** `kind name` of an asset for one-line summaries (the internet node is just "internet"). */
export function stepName(graph: Pick<GraphIndex, 'asset'>, id: string): string {
  const a = graph.asset(id);
  if (!a) return id;
  if (a.kind === 'network') return a.name;
  const name = a.name.replace(/\s+/g, ' ').trim();
  return `${a.kind} ${name.length > 48 ? name.slice(0, 47) + '…' : name}`;
}
