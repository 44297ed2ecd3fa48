// Evaluates loaded checks over a Report's graph and turns failing assets into Findings. Judgement only:
// checks never read files; findings leave here with the severity base score, and `prioritise` (score.ts)
// moves it by context once the attack paths are known.

import type { Asset, Finding, Report, ScoreReason } from '../model/index.js';
import type { AdvisoryIndex } from './advisories.js';
import { fingerprint } from './fingerprint.js';
import { GraphIndex } from './graph-index.js';
import type { CheckSet, LoadedCheck } from './loader.js';
import { renderTemplate } from './template.js';
import { SEVERITY_BASE } from './score.js';

export { SEVERITY_BASE };

/** Evidence kept per finding: enough to locate it without copying a heavily used asset's whole history. */
const MAX_EVIDENCE = 10;

export interface EvaluationProblem {
  checkId: string;
  assetId?: string;
  message: string;
}

export interface EvaluationResult {
  findings: Finding[];
  /** Conditions that raised an error for some asset (counted once per check, first message kept). */
  problems: EvaluationProblem[];
}

export interface EvaluateOptions {
  /** Evaluate only these check ids. */
  only?: string[];
  /** Replace the bundled advisory list (tests, offline mirrors). */
  advisories?: AdvisoryIndex;
  /** Reuse an index already built for this report. */
  graph?: GraphIndex;
}

export function evaluate(report: Pick<Report, 'assets' | 'edges'>, set: CheckSet, opts: EvaluateOptions = {}): EvaluationResult {
  const graph = opts.graph ?? new GraphIndex(report);
  set.scope.graph = graph;
  set.scope.advisories = opts.advisories;
  const byKind = new Map<string, Asset[]>();
  for (const a of report.assets) {
    const list = byKind.get(a.kind);
    if (list) list.push(a);
    else byKind.set(a.kind, [a]);
  }
  const only = opts.only ? new Set(opts.only) : undefined;
  const findings: Finding[] = [];
  const problems: EvaluationProblem[] = [];
  try {
    for (const check of set.checks) {
      if (check.maturity === 'deprecated' || (only && !only.has(check.id))) continue;
      let problem: EvaluationProblem | undefined;
      let errors = 0;
      for (const kind of check.kinds) {
        for (const asset of byKind.get(kind) ?? []) {
          const view = graph.view(asset.id)!;
          let result: unknown;
          try {
            result = check.compiled.condition({ asset: view });
          } catch (e) {
            errors++;
            problem ??= { checkId: check.id, assetId: asset.id, message: firstLine(e) };
            continue;
          }
          if (result === true) findings.push(toFinding(check, asset, view));
          else if (result !== false) {
            errors++;
            problem ??= { checkId: check.id, assetId: asset.id, message: `condition returned ${typeof result}, not a boolean` };
          }
        }
      }
      if (problem) problems.push({ ...problem, message: errors > 1 ? `${problem.message} (and ${errors - 1} more assets)` : problem.message });
    }
  } finally {
    set.scope.graph = undefined;
    set.scope.advisories = undefined;
  }
  findings.sort((a, b) => b.score - a.score || cmp(a.checkId, b.checkId) || cmp(a.assetId, b.assetId));
  return { findings, problems };
}

function toFinding(check: LoadedCheck, asset: Asset, view: ReturnType<GraphIndex['view']> & object): Finding {
  const vars: Record<string, unknown> = {};
  for (const [name, program] of Object.entries(check.compiled.vars)) {
    try {
      vars[name] = program({ asset: view });
    } catch {
      vars[name] = undefined; // a helper expression that fails only loses its words in the message
    }
  }
  const base = SEVERITY_BASE[check.severity];
  const reasons: ScoreReason[] = [{ factor: 'severity', points: base, detail: `${check.severity} severity` }];
  return {
    fingerprint: fingerprint(check.id, asset),
    checkId: check.id,
    severity: check.severity,
    score: base,
    reasons,
    title: check.title,
    message: renderTemplate(check.message, view, vars),
    assetId: asset.id,
    evidence: asset.evidence.slice(0, MAX_EVIDENCE),
    frameworks: check.frameworks,
    remediation: check.remediation,
    status: 'open',
  };
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!.trim();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
