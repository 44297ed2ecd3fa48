// The CLI as a user runs it: a real child process, real files, real exit codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateCycloneDx } from '../../src/formats/cyclonedx-schema.js';

const EXAMPLE = path.join('examples', 'acme-ai');

function aispm(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a missing path is a clear error with exit code 2', () => {
  const r = aispm(['scan', 'no/such/folder', '--no-store']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /path not found: no\/such\/folder/);
  assert.equal(r.stdout, '');
});

test('an unknown format is a usage error with exit code 2', () => {
  const r = aispm(['scan', EXAMPLE, '--no-store', '--format', 'yaml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Allowed choices are table, json, cyclonedx/);
});

test('scan prints the inventory grouped by kind and a summary, with no progress bar off a terminal', () => {
  const r = aispm(['scan', EXAMPLE, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  for (const heading of ['AI services', 'Models', 'Agents', 'Agent tools', 'MCP servers', 'Prompts', 'AI libraries', 'Model files', 'Datasets', 'Notebooks']) {
    assert.match(r.stdout, new RegExp(`^${heading} \\(\\d+\\)$`, 'm'), `missing section ${heading}`);
  }
  assert.match(r.stdout, /^Summary$/m);
  assert.match(r.stdout, /Scanned \d+ files/);
  assert.doesNotMatch(r.stderr, /\[#*\.*\]/, 'no progress bar when stderr is not a terminal');
});

test('json output is the versioned report', () => {
  const r = aispm(['scan', EXAMPLE, '--no-store', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.schemaVersion, '1.0');
  assert.equal(report.tool.name, 'aispm');
  assert.ok(report.assets.length > 20);
  assert.ok(report.assets.every((a: { id: string; kind: string }) => a.id.startsWith(a.kind + ':')));
});

test('cyclonedx output written with --output validates against the CycloneDX 1.6 schema', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-cli-'));
  const out = path.join(dir, 'bom.json');
  const r = aispm(['scan', EXAMPLE, '--no-store', '--format', 'cyclonedx', '--output', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const bom = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(validateCycloneDx(bom), []);
  assert.equal(bom.specVersion, '1.6');
  assert.ok(bom.components.some((c: { type: string }) => c.type === 'machine-learning-model'));
  assert.ok(bom.components.some((c: { type: string }) => c.type === 'data'));
  assert.ok(bom.services.length > 0);
});

test('graph renders dot and mermaid', () => {
  const dot = aispm(['graph', EXAMPLE, '--format', 'dot']);
  assert.equal(dot.code, 0, dot.stderr);
  assert.match(dot.stdout, /^digraph /);
  assert.match(dot.stdout, /uses-model/);
  const mm = aispm(['graph', EXAMPLE, '--format', 'mermaid']);
  assert.equal(mm.code, 0, mm.stderr);
  assert.match(mm.stdout, /^flowchart LR/);
});

test('scans are stored; a rescan updates and diff names the changed attributes', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aispm-data-'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'aispm-src-'));
  const root = path.join(work, 'acme');
  cpSync(EXAMPLE, root, { recursive: true });
  const first = aispm(['scan', root, '--data-dir', dataDir, '--format', 'json', '--quiet']);
  assert.equal(first.code, 0, first.stderr);
  const again = aispm(['scan', root, '--data-dir', dataDir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /0 added, 0 removed, 0 changed since the previous scan/);

  // drift: a new model in code, a removed prompt file, a changed library version
  appendFileSync(path.join(root, 'services/support-agent/requirements.txt'), '\nmistralai==1.2.0\n');
  writeFileSync(path.join(root, 'services/support-agent/extra_model.py'), 'from anthropic import Anthropic\nAnthropic().messages.create(model="claude-3-5-haiku-20241022", max_tokens=10, messages=[])\n');
  const owners = readFileSync(path.join(root, 'CODEOWNERS'), 'utf8');
  writeFileSync(path.join(root, 'CODEOWNERS'), owners.replace('@acme/support-eng', '@acme/customer-ai'));
  const third = aispm(['scan', root, '--data-dir', dataDir, '--quiet']);
  assert.equal(third.code, 0, third.stderr);
  const diff = aispm(['diff', root, '--data-dir', dataDir, '--format', 'json']);
  assert.equal(diff.code, 0, diff.stderr);
  const d = JSON.parse(diff.stdout);
  assert.ok(d.added.some((a: { kind: string; name: string }) => a.kind === 'model' && a.name === 'claude-3-5-haiku-20241022'));
  assert.ok(d.added.some((a: { kind: string; name: string }) => a.kind === 'library' && a.name === 'mistralai'));
  const ownerChange = d.changed.find((c: { changes: Array<{ field: string }> }) => c.changes.some((ch) => ch.field === 'owner'));
  assert.ok(ownerChange, 'an owner change is reported as a changed attribute');
  assert.deepEqual(
    ownerChange.changes.find((ch: { field: string }) => ch.field === 'owner'),
    { field: 'owner', before: '@acme/support-eng', after: '@acme/customer-ai' },
  );
  const text = aispm(['diff', root, '--data-dir', dataDir]);
  assert.match(text.stdout, /^Added \(\d+\)$/m);
  const history = aispm(['history', '--data-dir', dataDir]);
  assert.equal(history.stdout.trim().split('\n').length, 3);
});

test('detect --jsonl answers one line per input line, in order, values masked', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-detect-'));
  const input = path.join(dir, 'in.jsonl');
  const key = 'AKIA' + 'Z7QWERTYUIOP1234';
  writeFileSync(input, [JSON.stringify({ text: `aws_access_key_id = "${key}"` }), JSON.stringify({ text: 'nothing to see' })].join('\n') + '\n');
  const r = aispm(['detect', 'secrets', '--jsonl', input]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.index), [0, 1]);
  assert.equal(lines[0].detections[0].type, 'aws-access-key-id');
  assert.deepEqual([lines[0].detections[0].start, lines[0].detections[0].end], [21, 41]);
  assert.deepEqual(lines[1].detections, []);
  assert.ok(!r.stdout.includes(key), 'the key itself is never printed');
  const bad = aispm(['detect', 'secrets', '--jsonl', path.join(dir, 'missing.jsonl')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cannot read .*missing\.jsonl/);
});

test('detect model judges model files by their bytes without loading them', () => {
  const dir = 'src/detectors/model-files/testdata';
  const r = aispm(['detect', 'model', `${dir}/benign-checkpoint.pt`, `${dir}/evil-checkpoint.ckpt`]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /benign-checkpoint\.pt {2}pytorch-zip {2}clean/);
  assert.match(r.stdout, /evil-checkpoint\.ckpt {2}pytorch-zip {2}MALICIOUS \(critical\)\n {2}@0 {2}pickle-dangerous-global {2}critical {2}posix\.system/);
  assert.match(r.stderr, /1 of 2 file\(s\) malicious/);
});

test('scan judges the graph: findings by priority, --fail-on gates the build, --policy adds checks', () => {
  const table = aispm(['scan', EXAMPLE, '--no-store', '--no-color']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^Findings \(\d+\), highest priority first$/m);
  assert.match(table.stdout, /AISPM-TOOL-001 +Agent tool builds SQL by s/);

  const gated = aispm(['scan', EXAMPLE, '--no-store', '--fail-on', 'critical']);
  assert.equal(gated.code, 1, 'a critical finding fails the build');
  assert.match(gated.stderr, /\d+ finding\(s\) at or above critical/);
  assert.equal(aispm(['scan', EXAMPLE, '--no-store', '--no-checks', '--fail-on', 'critical']).code, 0);

  // the example organisation's own check (examples/acme-ai/security/policy/ACME-001)
  const custom = aispm(['scan', EXAMPLE, '--no-store', '--format', 'json', '--policy', path.join(EXAMPLE, 'security', 'policy')]);
  assert.equal(custom.code, 0, custom.stderr);
  const findings = JSON.parse(custom.stdout).findings as Array<{ checkId: string; message: string; frameworks?: Record<string, string[]> }>;
  const acme = findings.filter((f) => f.checkId === 'ACME-001');
  assert.deepEqual(
    acme.map((f) => f.message),
    ['gemini-1.5-flash is called through google-gemini, an AI API the Acme AI board has not approved.'],
  );
});
