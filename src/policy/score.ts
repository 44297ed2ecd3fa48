// Context-aware priority: a finding's 0-100 score is its severity base moved by what the graph says about the
// asset — exposure, the sensitivity of the data it holds or reaches, blast radius, environment and
// exploitability — with one reason per factor, so every point can be explained. Deterministic: the same graph
// and findings give the same scores. The reasons always add up to the score (a `clamp` reason says so when the
// sum leaves 0-100).

import { INTERNET_ID, SEVERITY_RANK, type Asset, type AttackPath, type Finding, type ScoreReason, type Severity } from '../model/index.js';
import { BLAST_RADIUS, CONTENT_FLOW, DATA_ACCESS, isSensitiveData, isSideEffectTool, isUntrustedSource } from './flow-rules.js';
import type { GraphIndex } from './graph-index.js';
import { isProduction, stepName } from './paths.js';

/** Where a finding starts before context: room is left above every level for context to raise it. */
export const SEVERITY_BASE: Record<Severity, number> = { critical: 70, high: 55, medium: 40, low: 25, info: 10 };

/** Points per factor, in one place so the documentation (docs/attack-paths.md) can quote them. */
export const POINTS = {
  internet: 12,
  untrusted: 6,
  publicRepository: 8,
  unauthenticatedExposed: 6,
  unauthenticated: 2,
  sensitivity: { restricted: 12, confidential: 8, internal: 3 },
  blastRadiusMax: 10,
  production: 6,
  nonProduction: -10,
  attackPath: 8,
  maliciousModel: 10,
  usableSecret: 8,
  inlineSecret: 6,
} as const;

const BLAST_CAP = 500;
type Level = 'restricted' | 'confidential' | 'internal';
const LEVELS: Level[] = ['restricted', 'confidential', 'internal'];
const DATA_KINDS = new Set(['dataset', 'storage', 'knowledge-base', 'vector-store']);

/** The sensitivity a data asset holds: its label, else confidential when it holds personal data. */
export function dataLevel(a: Asset): Level | undefined {
  if (!DATA_KINDS.has(a.kind)) return undefined;
  const label = a.sensitivity ?? (typeof a.attrs.sensitivity === 'string' ? a.attrs.sensitivity : undefined);
  if (label === 'restricted' || label === 'confidential') return label;
  if (isSensitiveData(a)) return 'confidential';
  return label === 'internal' ? 'internal' : undefined;
}

interface Blast {
  total: number;
  credentials: number;
  sideEffects: number;
  sensitive: number;
  capped: boolean;
}

/** Scores findings against one graph; remembers what several findings on one asset share. */
export class Scorer {
  private readonly blast = new Map<string, Blast>();
  private readonly bestPath = new Map<string, AttackPath>();
  private marks?: Uint32Array;
  private epoch = 0;

  constructor(
    private readonly graph: GraphIndex,
    paths: AttackPath[] = [],
  ) {
    // the best path through each asset: paths come best first, so the first one seen wins
    for (const p of [...paths].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))) {
      for (const s of p.steps) if (!this.bestPath.has(s.assetId)) this.bestPath.set(s.assetId, p);
    }
  }

  /** The reasons for one finding's score, and the score (their sum, kept within 0-100). */
  explain(f: Pick<Finding, 'severity' | 'assetId'>): { score: number; reasons: ScoreReason[]; path?: AttackPath } {
    const reasons: ScoreReason[] = [{ factor: 'severity', points: SEVERITY_BASE[f.severity], detail: `${f.severity} severity` }];
    const a = this.graph.asset(f.assetId);
    const path = this.bestPath.get(f.assetId);
    if (a) {
      this.exposure(a, reasons);
      this.sensitivity(a, reasons);
      this.blastRadius(a, reasons);
      environment(a, reasons);
      exploitability(a, reasons);
      if (path) reasons.push({ factor: 'exploitability', points: POINTS.attackPath, detail: `on attack path ${path.id} (score ${path.score}): ${path.summary}` });
    }
    const raw = reasons.reduce((s, r) => s + r.points, 0);
    const score = Math.max(0, Math.min(100, raw));
    if (score !== raw) reasons.push({ factor: 'clamp', points: score - raw, detail: score === 100 ? 'capped at 100' : 'floored at 0' });
    return { score, reasons, ...(path ? { path } : {}) };
  }

  private exposure(a: Asset, reasons: ScoreReason[]): void {
    const internet = a.id !== INTERNET_ID && this.graph.reachableFromInternet(a.id);
    if (internet) reasons.push({ factor: 'exposure', points: POINTS.internet, detail: 'reachable from the internet' });
    else {
      const origins = this.graph.originsOf('score:untrusted', (x) => x.id === INTERNET_ID || isUntrustedSource(x), CONTENT_FLOW, 'forward', false);
      const n = this.graph.nodeNumber(a.id);
      const o = n === undefined ? -1 : origins[n]!;
      if (o >= 0) reasons.push({ factor: 'exposure', points: POINTS.untrusted, detail: `receives untrusted content (from ${stepName(this.graph, this.graph.idAt(o))})` });
    }
    const repo = this.publicRepository(a);
    if (repo) reasons.push({ factor: 'exposure', points: POINTS.publicRepository, detail: `in public repository ${repo.name}: anyone can read it` });
    if (a.attrs.authenticated === false || a.attrs.anonymousAccess === true || a.attrs.auth === 'none') {
      reasons.push(
        internet
          ? { factor: 'exposure', points: POINTS.unauthenticatedExposed, detail: 'exposed without authentication' }
          : { factor: 'exposure', points: POINTS.unauthenticated, detail: 'accepts requests without authentication' },
      );
    }
  }

  private publicRepository(a: Asset): Asset | undefined {
    const isPublic = (x: Asset | undefined) => x?.kind === 'application' && (x.attrs.visibility === 'public' || x.attrs.public === true);
    if (a.kind === 'application') return isPublic(a) ? a : undefined;
    const n = this.graph.nodeNumber(a.id);
    if (n === undefined) return undefined;
    for (const m of this.graph.adjacent(n, 'defined-in', 'out')) if (isPublic(this.graph.assetAtNode(m))) return this.graph.assetAtNode(m);
    return undefined;
  }

  private sensitivity(a: Asset, reasons: ScoreReason[]): void {
    const own = dataLevel(a);
    const n = this.graph.nodeNumber(a.id);
    for (const level of LEVELS) {
      if (own === level) {
        reasons.push({ factor: 'sensitivity', points: POINTS.sensitivity[level], detail: `holds ${level} data` });
        return;
      }
      const origins = this.graph.originsOf(`score:data:${level}`, (x) => dataLevel(x) === level, DATA_ACCESS, 'backward', false);
      const o = n === undefined ? -1 : origins[n]!;
      if (o >= 0) {
        reasons.push({ factor: 'sensitivity', points: POINTS.sensitivity[level], detail: `can reach ${level} data (${stepName(this.graph, this.graph.idAt(o))})` });
        return;
      }
    }
  }

  private blastRadius(a: Asset, reasons: ScoreReason[]): void {
    const b = this.blastOf(a);
    const important = b.credentials + b.sideEffects + b.sensitive;
    const points = Math.min(POINTS.blastRadiusMax, 2 * important + Math.floor(b.total / 25));
    if (points <= 0) return;
    const parts = [
      b.credentials ? plural(b.credentials, 'credential') : '',
      b.sideEffects ? plural(b.sideEffects, 'side-effecting tool') : '',
      b.sensitive ? plural(b.sensitive, 'sensitive data store') : '',
    ].filter(Boolean);
    reasons.push({
      factor: 'blast-radius',
      points,
      detail: `an attacker here reaches ${b.capped ? `${BLAST_CAP}+ assets` : plural(b.total, 'asset')} next${parts.length ? `, including ${parts.join(', ')}` : ''}`,
    });
  }

  /** A bounded forward search over BLAST_RADIUS edges, memoised per asset. */
  private blastOf(a: Asset): Blast {
    const hit = this.blast.get(a.id);
    if (hit) return hit;
    const b: Blast = { total: 0, credentials: 0, sideEffects: 0, sensitive: 0, capped: false };
    const start = this.graph.nodeNumber(a.id);
    if (start !== undefined) {
      // one mark array for every search: a node is seen in this search when its mark is this search's number
      const mark = (this.marks ??= new Uint32Array(this.graph.nodeCount));
      const epoch = ++this.epoch;
      mark[start] = epoch;
      const queue = [start];
      outer: for (let i = 0; i < queue.length; i++) {
        for (const r of BLAST_RADIUS) {
          for (const m of this.graph.adjacent(queue[i]!, r.kind, r.dir)) {
            if (mark[m] === epoch) continue;
            mark[m] = epoch;
            queue.push(m);
            const x = this.graph.assetAtNode(m);
            if (!x || x.kind === 'network') continue;
            b.total++;
            if (x.kind === 'secret' || (x.kind === 'identity' && (x.attrs.adminAccess === true || x.attrs.wildcardActions === true))) b.credentials++;
            else if (x.kind === 'tool' && isSideEffectTool(x)) b.sideEffects++;
            else if (isSensitiveData(x)) b.sensitive++;
            if (b.total >= BLAST_CAP) {
              b.capped = true;
              break outer;
            }
          }
        }
      }
    }
    this.blast.set(a.id, b);
    return b;
  }
}

function environment(a: Asset, reasons: ScoreReason[]): void {
  if (isProduction(a)) {
    reasons.push({ factor: 'environment', points: POINTS.production, detail: 'runs in production' });
    return;
  }
  const env = a.environment ?? (typeof a.attrs.environment === 'string' ? a.attrs.environment : undefined);
  if (env && /^(?:dev|test|sandbox|qa)/i.test(env)) reasons.push({ factor: 'environment', points: POINTS.nonProduction, detail: `${env} environment` });
}

function exploitability(a: Asset, reasons: ScoreReason[]): void {
  if (a.kind === 'model-file' && a.attrs.unsafe === true) {
    reasons.push({ factor: 'exploitability', points: POINTS.maliciousModel, detail: 'the model file runs code when it is loaded' });
  }
  if (a.kind === 'secret' && a.attrs.hasValue === true && a.attrs.placeholder !== true) {
    reasons.push({ factor: 'exploitability', points: POINTS.usableSecret, detail: 'the credential value is in the files: usable as it is' });
  } else if (Array.isArray(a.attrs.inlineSecrets) && a.attrs.inlineSecrets.length > 0) {
    reasons.push({ factor: 'exploitability', points: POINTS.inlineSecret, detail: 'holds a credential inline in its configuration' });
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Scores every finding in place (score, reasons, and the best attack path through its asset as `path` and
 * `pathId`) and sorts them by priority: score, then severity, then check and fingerprint.
 */
export function prioritise(findings: Finding[], graph: GraphIndex, paths: AttackPath[] = []): Finding[] {
  const scorer = new Scorer(graph, paths);
  for (const f of findings) {
    const { score, reasons, path } = scorer.explain(f);
    f.score = score;
    f.reasons = reasons;
    if (path) {
      f.path = path.steps.map((s) => s.assetId);
      f.pathId = path.id;
    }
  }
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    b.score - a.score ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}
