// The sample scan judged by the real check library, then given what later stages add: suppressions of
// every kind, attack paths through the sample graph, and scan warnings. Hostile text rides along in asset
// names, messages, snippets and warnings so that every renderer is tested against it.

import { loadCatalogue } from '../../compliance/catalogue.js';
import type { AttackPath, Finding, Report, Suppression } from '../../model/index.js';
import { evaluate, loadChecks } from '../../policy/index.js';
import { PLANTED_SECRET, idOf, sampleReport, type SampleKey } from './sample-report.js';

export const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';

export const catalogue = () => loadCatalogue();

export function judgedReport(): Report {
  const report = sampleReport();
  report.findings = evaluate(report, loadChecks()).findings;
  return report;
}

const SUPPRESSIONS: Suppression[] = [
  { kind: 'inline', reason: 'test fixture, never deployed' },
  { kind: 'accepted', reason: 'compensating control: egress proxy', by: 'alice@example.com', until: '2026-12-31' },
  { kind: 'false-positive', reason: 'not a real key', by: 'bob' },
  { kind: 'ignore-file', reason: 'vendored code' },
  { kind: 'baseline', reason: 'present in baseline aispm-baseline.json' },
];

/**
 * The judged sample with suppressions (one per kind, on copies of real findings so the originals stay
 * open), findings of every severity and location shape, attack paths, warnings and hostile text.
 */
export function fullReport(): Report {
  const report = judgedReport();
  const findings = report.findings!;
  const copies = findings.slice(0, SUPPRESSIONS.length).map((f, i): Finding => {
    const s = SUPPRESSIONS[i]!;
    return { ...f, fingerprint: `${'s'.repeat(63)}${i}`, suppressed: s, status: s.kind === 'accepted' ? 'accepted' : s.kind === 'false-positive' ? 'false-positive' : 'open' };
  });
  findings.push(...copies, ...extraFindings(report));
  const agent = report.assets.find((a) => a.id === idOf('agent'))!;
  agent.name = `agent ${HOSTILE}`;
  report.warnings.push(
    { file: 'app/broken.py', line: 3, message: `could not parse ${HOSTILE}`, collector: 'python' },
    { message: `token=${PLANTED_SECRET} in a log line`, collector: 'egress-logs' },
  );
  findings.push(hostileFinding());
  report.paths = [
    path('p1', ['internet', 'endpoint', 'gpt4o'], 'internet', 'production-model', 82, findings),
    path('p2', ['kb', 'agent', 'tool'], 'untrusted-content', 'side-effect-tool', 91, findings),
    path('p3', ['pipeline', 'bucket'], 'public-repository', 'sensitive-data', 40, []),
    path('p4', ['internet', 'endpoint', 'gpt4o', 'openai', 'openaiKey', 'agent', 'tool'], 'internet', 'credential', 77, []),
  ];
  return report;
}

/** Severities and location shapes the sample's own findings lack: a critical with a line, an info on a
 * binary file (no line), one on the root application (`.` only) and one on a cloud identity (a URI only). */
function extraFindings(report: Report): Finding[] {
  const base = (checkId: string, severity: Finding['severity'], score: number, key: SampleKey, fp: string): Finding => {
    const asset = report.assets.find((a) => a.id === idOf(key))!;
    return {
      fingerprint: fp.repeat(64),
      checkId,
      severity,
      score,
      reasons: [{ factor: 'severity', points: score, detail: `${severity} severity` }],
      title: `${checkId} on ${asset.name}`,
      message: `${asset.name} fails ${checkId}`,
      assetId: asset.id,
      evidence: asset.evidence,
      frameworks: { 'owasp-llm-2025': ['LLM02:2025'], 'mitre-atlas': ['AML.T0055'] },
      remediation: 'Fix it.',
      status: 'open',
    };
  };
  return [
    base('AISPM-SEC-001', 'critical', 96, 'openaiKey', 'a'),
    base('AISPM-MF-004', 'info', 10, 'gguf', 'b'),
    base('AISPM-MF-003', 'high', 72, 'root', 'c'),
    base('AISPM-GOV-003', 'low', 30, 'role', 'd'),
  ];
}

/** A finding whose message and evidence carry markup and a raw key, as a careless custom check might. */
function hostileFinding(): Finding {
  return {
    fingerprint: 'f'.repeat(64),
    checkId: 'CUSTOM-001',
    severity: 'high',
    score: 75,
    reasons: [{ factor: 'severity', points: 70, detail: 'high severity' }, { factor: 'exposure', points: 5, detail: `reachable ${HOSTILE}` }],
    title: `Custom check ${HOSTILE}`,
    message: `Found api_key="${PLANTED_SECRET}" near ${HOSTILE} | pipe | [link](https://evil.example) @everyone`,
    assetId: idOf('tool'),
    evidence: [{ file: 'app/tools.py', line: 14, snippet: `key = "${PLANTED_SECRET}" ${HOSTILE}`, collector: 'custom' }],
    frameworks: { 'owasp-llm-2025': ['LLM06:2025'] },
    remediation: `Remove it. ${HOSTILE}`,
    status: 'open',
  };
}

function path(id: string, names: SampleKey[], entry: AttackPath['entry']['kind'], target: AttackPath['target']['kind'], score: number, findings: Finding[]): AttackPath {
  const ids = names.map(idOf);
  const on = findings.filter((f) => ids.includes(f.assetId)).map((f) => f.fingerprint);
  return {
    id,
    entry: { assetId: ids[0]!, kind: entry },
    target: { assetId: ids[ids.length - 1]!, kind: target },
    steps: ids.map((assetId, i) => (i ? { assetId, via: { kind: 'uses-model', from: ids[i - 1]!, to: assetId } } : { assetId })),
    findings: on,
    score,
    summary: names.join(' → '),
  };
}
