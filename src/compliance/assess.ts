// A framework's controls judged from one scan: pure, so the CLI, the HTML report and the server build the
// same ComplianceReport from the same inputs. A control only passes when a mapped check actually ran on
// an asset it applies to: silence is "not evaluated", never "compliant".

import {
  COMPLIANCE_SCHEMA_VERSION,
  firstFileEvidence,
  formatLocation,
  type Asset,
  type Check,
  type ComplianceReport,
  type ControlCheckEvidence,
  type ControlFindingEvidence,
  type ControlResult,
  type Finding,
  type FrameworkDefinition,
  type Report,
} from '../model/index.js';

export interface ComplianceInput {
  /** The scan: its assets say what checks could apply to; `findings` absent means checks did not run. */
  report: Pick<Report, 'assets' | 'findings' | 'scan' | 'tool'>;
  /** The checks the scan was judged with (built-in plus any `--policy` folders). */
  checks: readonly Check[];
  framework: FrameworkDefinition;
}

/** False positives say the finding is wrong, so they do not fail a control; accepted risks still do. */
export function countsAgainstControl(f: Finding): boolean {
  return f.suppressed?.kind !== 'false-positive' && f.status !== 'false-positive';
}

export function assessCompliance({ report, checks, framework }: ComplianceInput): ComplianceReport {
  const checkById = new Map(checks.map((c) => [c.id, c]));
  const assetById = new Map(report.assets.map((a) => [a.id, a]));
  const assetsByKind = new Map<string, number>();
  for (const a of report.assets) assetsByKind.set(a.kind, (assetsByKind.get(a.kind) ?? 0) + 1);
  const findingsByCheck = new Map<string, Finding[]>();
  for (const f of report.findings ?? []) {
    if (!countsAgainstControl(f)) continue;
    const list = findingsByCheck.get(f.checkId);
    if (list) list.push(f);
    else findingsByCheck.set(f.checkId, [f]);
  }
  const judged = report.findings !== undefined;
  // when the scan records which checks judged it, a check outside that list did not run (e.g. --policy only)
  const ranIds = report.scan.checks ? new Set(report.scan.checks) : undefined;

  const controls = framework.controls.map((control): ControlResult => {
    // the framework file lists the built-in mappings; custom checks map themselves in their check.yaml
    const ids = new Set(control.checks);
    for (const c of checks) if (c.frameworks[framework.id]?.includes(control.id)) ids.add(c.id);
    const evidence = [...ids].sort().map((id) => checkEvidence(id, checkById.get(id), judged && (!ranIds || ranIds.has(id)), assetsByKind, findingsByCheck.get(id) ?? []));
    const findings = [...ids]
      .flatMap((id) => findingsByCheck.get(id) ?? [])
      .sort((a, b) => b.score - a.score || cmp(a.checkId, b.checkId) || cmp(a.fingerprint, b.fingerprint))
      .map((f) => findingEvidence(f, assetById.get(f.assetId)));
    const ran = evidence.filter((e) => e.ran);
    let status: ControlResult['status'];
    let reason: string;
    if (findings.length) {
      status = 'fail';
      const failingChecks = new Set(findings.map((f) => f.checkId)).size;
      reason = `${plural(findings.length, 'finding')} from ${plural(failingChecks, 'mapped check')}`;
    } else if (ran.length) {
      status = 'pass';
      const assets = ran.reduce((n, e) => n + e.applicableAssets, 0);
      reason = `${plural(ran.length, 'mapped check')} ran on ${plural(assets, 'applicable asset')} without a finding`;
    } else {
      status = 'not-evaluated';
      reason = !ids.size
        ? 'no aispm check maps to this control'
        : !judged
          ? 'checks were not run in this scan'
          : `none of the ${plural(ids.size, 'mapped check')} ran on an asset in this scan`;
    }
    return { id: control.id, title: control.title, status, reason, checks: evidence, findings };
  });

  const count = (s: ControlResult['status']) => controls.filter((c) => c.status === s).length;
  const pass = count('pass');
  const fail = count('fail');
  return {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    framework: { id: framework.id, name: framework.name, ...(framework.version ? { version: framework.version } : {}), ...(framework.url ? { url: framework.url } : {}) },
    scan: { ...(report.scan.id ? { id: report.scan.id } : {}), root: report.scan.root, source: report.scan.source, finishedAt: report.scan.finishedAt, tool: report.tool },
    summary: {
      controls: controls.length,
      pass,
      fail,
      notEvaluated: count('not-evaluated'),
      coveragePercent: controls.length ? Math.round((100 * (pass + fail)) / controls.length) : 0,
    },
    controls,
  };
}

function checkEvidence(
  id: string,
  check: Check | undefined,
  judged: boolean,
  assetsByKind: Map<string, number>,
  findings: Finding[],
): ControlCheckEvidence {
  const kinds = check?.kinds ?? [];
  const applicable = kinds.reduce((n, k) => n + (assetsByKind.get(k) ?? 0), 0);
  const failing = new Set(findings.map((f) => f.assetId)).size;
  let notRunReason: string | undefined;
  if (!judged) notRunReason = 'not run in this scan';
  else if (!check) notRunReason = 'check not loaded';
  else if (check.maturity === 'deprecated') notRunReason = 'check is deprecated';
  else if (!applicable) notRunReason = `no ${kinds.join(' or ')} asset in the scan`;
  return {
    checkId: id,
    title: check?.title ?? findings[0]?.title ?? id,
    ...(check ? { severity: check.severity } : findings[0] ? { severity: findings[0].severity } : {}),
    // a finding proves the check ran even when the catalogue does not know it
    ran: !notRunReason || failing > 0,
    ...(notRunReason && !failing ? { notRunReason } : {}),
    kinds,
    applicableAssets: Math.max(applicable, failing),
    failingAssets: failing,
    passingAssets: Math.max(0, applicable - failing),
  };
}

function findingEvidence(f: Finding, asset: Asset | undefined): ControlFindingEvidence {
  const location = formatLocation(firstFileEvidence(f.evidence));
  return {
    fingerprint: f.fingerprint,
    checkId: f.checkId,
    severity: f.severity,
    score: f.score,
    title: f.title,
    message: f.message,
    assetId: f.assetId,
    assetName: asset?.name ?? f.assetId,
    ...(asset ? { assetKind: asset.kind } : {}),
    ...(location ? { location } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
