import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMEWORKS, type Check, type Finding, type FrameworkDefinition, type Report } from '../model/index.js';
import { HOSTILE } from '../formats/testdata/judged-report.js';
import { PLANTED_SECRET, idOf, sampleReport, type SampleKey } from '../formats/testdata/sample-report.js';
import { assessCompliance } from './assess.js';
import { FrameworkLoadError, loadFramework, loadFrameworks, parseFramework } from './frameworks.js';
import { renderComplianceHtml, renderComplianceJson, renderComplianceMarkdown, renderComplianceTable } from './render.js';

const check = (id: string, kinds: Check['kinds'], frameworks: Check['frameworks'] = {}, maturity: Check['maturity'] = 'stable'): Check => ({
  id,
  longId: id.toLowerCase(),
  title: `title of ${id}`,
  severity: 'high',
  kinds,
  condition: 'true',
  message: 'm',
  remediation: 'r',
  references: [],
  frameworks,
  maturity,
  domain: 'test',
});

const CHECKS: Check[] = [
  check('T-AGENT', ['agent']),
  check('T-TOOL', ['tool']),
  check('T-MODEL', ['model']),
  check('T-NOTHING', ['endpoint']), // applies to a kind the sample has one of
  check('T-ABSENT', ['vector-store']),
  check('T-OLD', ['agent'], {}, 'deprecated'),
  check('T-CUSTOM', ['dataset'], { 'owasp-llm-2025': ['C6'] }), // maps itself; the framework file does not list it
];

const FRAMEWORK: FrameworkDefinition = {
  id: 'owasp-llm-2025',
  name: 'Test framework',
  controls: [
    { id: 'C1', title: 'failing control', checks: ['T-AGENT', 'T-TOOL'] },
    { id: 'C2', title: 'passing control', checks: ['T-MODEL', 'T-ABSENT'] },
    { id: 'C3', title: 'nothing maps here', checks: [] },
    { id: 'C4', title: 'mapped checks apply to nothing', checks: ['T-ABSENT', 'T-OLD', 'T-UNKNOWN'] },
    { id: 'C5', title: 'only a false positive', checks: ['T-NOTHING'] },
    { id: 'C6', title: `custom mapping ${HOSTILE}`, checks: [] },
  ],
};

function finding(checkId: string, key: SampleKey, extra: Partial<Finding> = {}): Finding {
  return {
    fingerprint: `${checkId}-${key}`,
    checkId,
    severity: 'high',
    score: 70,
    reasons: [],
    title: `title of ${checkId}`,
    message: `message with api_key="${PLANTED_SECRET}"`,
    assetId: idOf(key),
    evidence: [{ file: 'app/chat.py', line: 30, collector: 'test' }],
    frameworks: {},
    status: 'open',
    ...extra,
  };
}

function judged(findings: Finding[]): Report {
  const r = sampleReport();
  r.findings = findings;
  return r;
}

const report = judged([
  finding('T-AGENT', 'agent'),
  finding('T-TOOL', 'tool', { suppressed: { kind: 'accepted', reason: 'compensating control', until: '2026-12-31' }, status: 'accepted' }),
  finding('T-NOTHING', 'endpoint', { suppressed: { kind: 'false-positive', reason: 'not an endpoint' }, status: 'false-positive' }),
  finding('T-CUSTOM', 'tickets'),
]);
const result = assessCompliance({ report, checks: CHECKS, framework: FRAMEWORK });
const control = (id: string) => result.controls.find((c) => c.id === id)!;

test('fail: a mapped check produced a finding; accepted risks still count and say so', () => {
  const c1 = control('C1');
  assert.equal(c1.status, 'fail');
  assert.deepEqual(c1.findings.map((f) => f.checkId).sort(), ['T-AGENT', 'T-TOOL']);
  assert.equal(c1.findings.find((f) => f.checkId === 'T-TOOL')!.suppressed?.kind, 'accepted');
  assert.equal(c1.findings[0]!.location, 'app/chat.py:30');
  assert.equal(c1.reason, '2 findings from 2 mapped checks');
  const agent = c1.checks.find((e) => e.checkId === 'T-AGENT')!;
  assert.deepEqual({ ran: agent.ran, applicable: agent.applicableAssets, failing: agent.failingAssets, passing: agent.passingAssets }, { ran: true, applicable: 1, failing: 1, passing: 0 });
});

test('pass: a mapped check ran on applicable assets without a finding; evidence names checks and asset counts', () => {
  const c2 = control('C2');
  assert.equal(c2.status, 'pass');
  assert.equal(c2.findings.length, 0);
  const model = c2.checks.find((e) => e.checkId === 'T-MODEL')!;
  assert.deepEqual({ ran: model.ran, applicable: model.applicableAssets, passing: model.passingAssets }, { ran: true, applicable: 4, passing: 4 });
  const absent = c2.checks.find((e) => e.checkId === 'T-ABSENT')!;
  assert.equal(absent.ran, true, 'the sample has a vector store');
  assert.match(c2.reason, /^2 mapped checks ran on 5 applicable assets without a finding$/);
});

test('not evaluated: no check mapped, or no mapped check ran on anything (never "pass")', () => {
  assert.equal(control('C3').status, 'not-evaluated');
  assert.equal(control('C3').reason, 'no aispm check maps to this control');
  const noVectors = judged([]);
  noVectors.assets = noVectors.assets.filter((a) => a.kind !== 'vector-store');
  const c4 = assessCompliance({ report: noVectors, checks: CHECKS, framework: FRAMEWORK }).controls.find((c) => c.id === 'C4')!;
  assert.equal(c4.status, 'not-evaluated');
  assert.equal(c4.reason, 'none of the 3 mapped checks ran on an asset in this scan');
  assert.deepEqual(
    c4.checks.map((e) => [e.checkId, e.ran, e.notRunReason]),
    [
      ['T-ABSENT', false, 'no vector-store asset in the scan'],
      ['T-OLD', false, 'check is deprecated'],
      ['T-UNKNOWN', false, 'check not loaded'],
    ],
  );
});

test('a finding marked false positive does not fail its control', () => {
  assert.equal(control('C5').status, 'pass');
  assert.equal(control('C5').findings.length, 0);
});

test('a custom check that maps itself to a control is part of it', () => {
  assert.equal(control('C6').status, 'fail');
  assert.deepEqual(control('C6').findings.map((f) => f.checkId), ['T-CUSTOM']);
});

test('an inventory-only scan evaluates nothing', () => {
  const r = assessCompliance({ report: sampleReport(), checks: CHECKS, framework: FRAMEWORK });
  assert.deepEqual(r.controls.map((c) => c.status), Array(6).fill('not-evaluated'));
  assert.equal(r.controls[0]!.reason, 'checks were not run in this scan');
  assert.deepEqual(r.summary, { controls: 6, pass: 0, fail: 0, notEvaluated: 6, coveragePercent: 0 });
});

test('when the scan lists the checks that judged it, the others did not run', () => {
  const r = judged([]);
  r.scan.checks = ['T-AGENT'];
  const c2 = assessCompliance({ report: r, checks: CHECKS, framework: FRAMEWORK }).controls.find((c) => c.id === 'C2')!;
  assert.equal(c2.status, 'not-evaluated');
  assert.equal(c2.checks.find((e) => e.checkId === 'T-MODEL')!.notRunReason, 'not run in this scan');
});

test('summary counts and coverage', () => {
  assert.deepEqual(result.summary, { controls: 6, pass: 3, fail: 2, notEvaluated: 1, coveragePercent: 83 });
  assert.equal(result.framework.id, 'owasp-llm-2025');
  assert.equal(result.scan.root, 'support-bot');
});

test('renderings: every control with its status; secrets masked; hostile titles inert', () => {
  const table = renderComplianceTable(result);
  for (const c of result.controls) assert.ok(table.includes(c.id), c.id);
  assert.match(table, /6 controls: 2 fail, 3 pass, 1 not evaluated \(83% tested by aispm checks\)/);
  assert.ok(!renderComplianceTable({ ...result, controls: [{ ...result.controls[0]!, title: 'evil\u001b[2Jtitle' }] }).includes('\u001b'), 'no terminal escapes from scanned text');
  assert.match(table, /^\s+C3\s+NOT EVALUATED/m);

  const json = renderComplianceJson(result);
  assert.deepEqual(JSON.parse(json).summary, result.summary);

  const md = renderComplianceMarkdown(result);
  assert.equal(md.split('\n').filter((l) => /^\| C\d /.test(l)).length, 6);
  assert.ok(md.includes('<details><summary>Findings behind failing controls</summary>'));

  const html = renderComplianceHtml(result);
  assert.ok(!html.includes('<script'), 'no script at all on the compliance page');
  assert.ok(html.includes('&lt;script&gt;'));
  assert.match(html, /Content-Security-Policy/);
  for (const out of [table, json, md, html]) assert.equal(out.includes(PLANTED_SECRET), false);
});

test('framework files: every bundled framework loads; errors name the file and the key', () => {
  const all = loadFrameworks();
  assert.deepEqual(all.map((f) => f.id), [...FRAMEWORKS]);
  for (const f of all) assert.ok(f.controls.length > 0, f.id);
  assert.equal(loadFramework('eu-ai-act').name, 'EU AI Act, Regulation (EU) 2024/1689');
  assert.throws(() => parseFramework('id: owasp-llm-2025\nname: x\ncontrols:\n- id: A\n  title: t\n  checks: [X]\n  extra: 1\n', 'frameworks/x.yaml'), (e: Error) => e instanceof FrameworkLoadError && /^frameworks\/x\.yaml: controls\.0: /.test(e.message));
  assert.throws(() => parseFramework('id: nist-csf\nname: x\ncontrols: []\n', 'f.yaml'), /^Error: f\.yaml: id: /);
  assert.throws(() => parseFramework('id: owasp-mcp\nname: x\ncontrols:\n- {id: A, title: t}\n- {id: A, title: u}\n', 'f.yaml'), /duplicate control id A/);
  assert.throws(() => parseFramework('id: [unclosed', 'f.yaml'), /^Error: f\.yaml: \(yaml\): /);
  assert.deepEqual(parseFramework('id: owasp-mcp\nname: x\ncontrols:\n- {id: A, title: t, checks: }\n', 'f.yaml').controls[0]!.checks, []);
});
