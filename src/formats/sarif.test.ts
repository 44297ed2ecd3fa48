import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalogue } from '../compliance/catalogue.js';
import type { Report } from '../model/index.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, fileUri, renderSarif } from './sarif.js';
import { validateSarif } from './sarif-schema.js';
import { HOSTILE, fullReport } from './testdata/judged-report.js';
import { PLANTED_SECRET, idOf, sampleReport } from './testdata/sample-report.js';

interface Loc {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } };
  logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }>;
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Loc[];
  relatedLocations?: Loc[];
  partialFingerprints: Record<string, string>;
  properties: { score: number; assetId: string; severity: string };
  suppressions?: Array<{ kind: string; status: string; justification: string }>;
}
interface Rule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; severity: string };
}
interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Rule[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: string; message: { text: string }; locations?: Loc[] }> }>;
    results: Result[];
  }>;
}

const catalogue = loadCatalogue();
const report = fullReport();
const text = renderSarif(report, { checks: catalogue.checks });
const log = JSON.parse(text) as Log;
const run = log.runs[0]!;
const rules = new Map(run.tool.driver.rules.map((r) => [r.id, r]));

test('the SARIF log validates against the official 2.1.0 schema', () => {
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, SARIF_SCHEMA_URI);
  assert.equal(log.runs.length, 1);
  assert.deepEqual({ name: run.tool.driver.name, version: run.tool.driver.version }, { name: 'aispm', version: '0.1.0' });
});

test('the validator rejects broken SARIF, so a pass means something', () => {
  const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
  broken.runs[0]!.results[0]!.level = 'critical';
  delete broken.runs[0]!.results[1]!.message;
  const errors = validateSarif(broken);
  assert.ok(errors.some((e) => e.startsWith('/runs/0/results/0/level')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes("required property 'message'")), errors.join('\n'));
});

test('one rule per check that produced findings, in id order, described from the catalogue', () => {
  const withFindings = [...new Set(report.findings!.map((f) => f.checkId))].sort();
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), withFindings);
  const check = catalogue.checks.find((c) => c.id === 'AISPM-AGT-001')!;
  const rule = rules.get('AISPM-AGT-001')!;
  assert.equal(rule.name, check.longId);
  assert.equal(rule.shortDescription.text, check.title);
  assert.ok(rule.fullDescription.text.startsWith(check.title));
  assert.ok(rule.help.text.includes(`Remediation: ${check.remediation}`));
  assert.ok(rule.help.markdown.includes('**Remediation:**'));
  assert.equal(rule.helpUri, check.references.find((r) => r.startsWith('http')));
  assert.equal(rule.properties.severity, check.severity);
  assert.ok(rule.properties.tags.includes('security'), 'GitHub only uses security-severity on rules tagged security');
  for (const id of check.frameworks['owasp-llm-2025'] ?? []) assert.ok(rule.properties.tags.includes(`external/owasp-llm-2025/${id}`));
  for (const r of rules.values()) assert.ok(r.properties.tags.length <= 20);
});

test('security-severity and levels follow the documented mapping', () => {
  const expected: Record<string, [string, string]> = { critical: ['9.5', 'error'], high: ['8.0', 'error'], medium: ['5.5', 'warning'], low: ['3.0', 'note'], info: ['0.0', 'note'] };
  const seen = new Set<string>();
  for (const r of rules.values()) {
    const [score, level] = expected[r.properties.severity]!;
    assert.equal(r.properties['security-severity'], score, r.id);
    assert.equal(r.defaultConfiguration.level, level, r.id);
    seen.add(r.properties.severity);
  }
  for (const res of run.results) assert.equal(res.level, expected[res.properties.severity]![1]);
  assert.deepEqual([...seen].sort(), ['critical', 'high', 'info', 'low', 'medium']);
});

test('a check missing from the catalogue is described from its findings', () => {
  const custom = rules.get('CUSTOM-001')!;
  assert.equal(custom.name, undefined);
  assert.equal(custom.helpUri, undefined);
  assert.ok(custom.help.text.startsWith('Remediation: Remove it.'));
  assert.ok(custom.properties.tags.includes('external/owasp-llm-2025/LLM06:2025'));
  // and without any catalogue the log is still valid
  assert.deepEqual(validateSarif(renderSarif(report)), []);
});

test('results: rule index, message, relative location with a start line, fingerprint and score', () => {
  assert.equal(run.results.length, report.findings!.length);
  for (const r of run.results) {
    assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
    assert.ok(r.message.text.length > 0);
    assert.equal(r.locations.length, 1);
    const loc = r.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(!loc.artifactLocation.uri.startsWith('/'), loc.artifactLocation.uri);
    assert.equal(typeof r.properties.score, 'number');
    assert.match(r.partialFingerprints[FINGERPRINT_KEY]!, /^[0-9a-z]{64}$/);
  }
  const fps = new Set(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));
  assert.equal(fps.size, run.results.length, 'fingerprints are distinct');
  const secret = run.results.find((r) => r.ruleId === 'AISPM-SEC-001')!;
  assert.deepEqual(secret.locations[0]!.physicalLocation, { artifactLocation: { uri: '.env', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  const gguf = run.results.find((r) => r.ruleId === 'AISPM-MF-004')!;
  assert.deepEqual(gguf.locations[0]!.physicalLocation.artifactLocation.uri, 'models/llama-q4.gguf');
  assert.equal(gguf.locations[0]!.physicalLocation.region!.startLine, 1, 'a file without lines is placed at its start');
  const gpt = report.findings!.find((f) => f.assetId === idOf('gpt4o'));
  if (gpt) assert.ok(run.results.find((r) => r.properties.assetId === gpt.assetId)!.relatedLocations?.length);
});

test('findings without a file still get a physical location (GitHub rejects the whole file otherwise)', () => {
  const root = run.results.find((r) => r.ruleId === 'AISPM-MF-003')!;
  assert.equal(root.locations[0]!.physicalLocation.artifactLocation.uri, '.');
  const cloud = run.results.find((r) => r.ruleId === 'AISPM-GOV-003')!;
  assert.equal(cloud.locations[0]!.physicalLocation.artifactLocation.uri, '.');
  assert.equal(cloud.locations[0]!.logicalLocations![0]!.kind, 'identity');
  assert.equal(cloud.locations[0]!.logicalLocations![0]!.fullyQualifiedName, 'arn:aws:iam::123456789012:role/ml-trainer');
});

test('suppressed findings stay in the log with SARIF suppressions: inline is inSource, the rest external', () => {
  const byKind = new Map<string, string>(report.findings!.filter((f) => f.suppressed).map((f) => [f.suppressed!.kind, f.fingerprint]));
  assert.equal(byKind.size, 5);
  const res = (kind: string) => run.results.find((r) => r.partialFingerprints[FINGERPRINT_KEY] === byKind.get(kind))!;
  assert.deepEqual(res('inline').suppressions, [
    { kind: 'inSource', status: 'accepted', justification: 'test fixture, never deployed', properties: { aispmKind: 'inline' } },
  ]);
  for (const kind of ['ignore-file', 'accepted', 'false-positive', 'baseline']) assert.equal(res(kind).suppressions![0]!.kind, 'external', kind);
  assert.equal(res('accepted').suppressions![0]!.justification, 'compensating control: egress proxy (by alice@example.com until 2026-12-31)');
  const open = run.results.filter((r) => !r.suppressions);
  assert.equal(open.length, report.findings!.filter((f) => !f.suppressed).length);
});

test('scan warnings become tool execution notifications, masked', () => {
  const notes = run.invocations[0]!.toolExecutionNotifications!;
  assert.equal(notes.length, 2);
  assert.equal(notes[0]!.level, 'warning');
  assert.equal(notes[0]!.locations![0]!.physicalLocation.artifactLocation.uri, 'app/broken.py');
  assert.equal(notes[0]!.locations![0]!.physicalLocation.region!.startLine, 3);
  assert.equal(run.invocations[0]!.executionSuccessful, true);
});

test('no secret leaves in the log, and hostile text stays inert JSON', () => {
  assert.equal(text.includes(PLANTED_SECRET), false);
  assert.ok(text.includes('sk-p…(40)'), 'the masked form is kept so that readers know a key was there');
  assert.ok(JSON.parse(text), 'still valid JSON');
  assert.ok(text.includes(JSON.stringify(HOSTILE).slice(1, -1)), 'markup is data in SARIF, not escaped twice');
});

test('an inventory-only report is a valid log with no rules and no results', () => {
  const inv: Report = sampleReport();
  const l = JSON.parse(renderSarif(inv)) as Log;
  assert.deepEqual(validateSarif(l), []);
  assert.deepEqual(l.runs[0]!.results, []);
  assert.deepEqual(l.runs[0]!.tool.driver.rules, []);
});

test('paths become URI references: spaces, #, ? and colons are percent-encoded, slashes kept', () => {
  assert.equal(fileUri('src/a b/c#d?.py'), 'src/a%20b/c%23d%3F.py');
  assert.equal(fileUri('C:/x/(y).py'), 'C%3A/x/%28y%29.py');
  assert.equal(fileUri('dir\\win.py'), 'dir/win.py');
  assert.equal(fileUri('ünï/ok.py'), '%C3%BCn%C3%AF/ok.py');
});
