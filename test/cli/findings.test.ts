// The finding lifecycle from the command line, as a user runs it: real child processes over a real PGlite store.
// scan -> findings -> accept / ignore / reopen -> rescan (triage shows as suppressed) -> kpis; baselines and
// ignore files in CI; short fingerprints, ambiguous and unknown ones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Report } from '../../src/model/index.js';
import { openStore } from '../../src/store/index.js';
import { syntheticReport } from '../../src/store/synthetic-report.js';

function aispm(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', USER: 'ci-bot', ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TRAIN = [
  'from transformers import AutoModelForCausalLM',
  '',
  'model = AutoModelForCausalLM.from_pretrained("acme/support-llm", trust_remote_code=True)  # aispm:ignore AISPM-MDL-002 the registry mirror pins revisions',
  '',
].join('\n');

const IGNORE = [
  'ignore:',
  '  - check: AISPM-GOV-001',
  '    path: .cursor/**',
  '    reason: developer tooling, owned by whoever uses it',
  '  - check: AISPM-MCP-001',
  '    reasn: typo in the key',
  '',
].join('\n');

function writeProject(root: string): void {
  mkdirSync(path.join(root, '.cursor'), { recursive: true });
  mkdirSync(path.join(root, 'ml'), { recursive: true });
  writeFileSync(path.join(root, '.cursor', 'mcp.json'), JSON.stringify({
    mcpServers: {
      search: { url: 'http://search.internal:8080/sse' },
      browser: { command: 'npx', args: ['-y', '@playwright/mcp'] },
    },
  }, null, 2));
  writeFileSync(path.join(root, 'ml', 'train.py'), TRAIN);
  writeFileSync(path.join(root, '.aispm-ignore.yaml'), IGNORE);
}

describe('finding lifecycle commands', () => {
  let dir: string;
  let project: string;
  let dataDir: string;
  const byCheck = new Map<string, Finding>();
  const fp = (checkId: string) => byCheck.get(checkId)!.fingerprint;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-cli-findings-'));
    project = path.join(dir, 'proj');
    dataDir = path.join(dir, 'data');
    writeProject(project);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a stored scan keeps suppressed findings, marked; `findings` lists and filters them', () => {
    const r = aispm(['scan', project, '--data-dir', dataDir, '--format', 'json', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    for (const f of report.findings ?? []) if (!byCheck.has(f.checkId)) byCheck.set(f.checkId, f);
    assert.ok(['AISPM-MCP-002', 'AISPM-MCP-001', 'AISPM-MCP-004', 'AISPM-MDL-001', 'AISPM-MDL-002', 'AISPM-GOV-001'].every((c) => byCheck.has(c)));
    const muted = (report.findings ?? []).filter((f) => f.suppressed).map((f) => [f.checkId, f.suppressed!.kind]).sort();
    assert.deepEqual(muted, [['AISPM-GOV-001', 'ignore-file'], ['AISPM-GOV-001', 'ignore-file'], ['AISPM-MDL-002', 'inline']]);
    assert.deepEqual(report.warnings.filter((w) => w.collector === 'suppress').map((w) => [w.file, w.line]), [['.aispm-ignore.yaml', 5]]);
    assert.ok(report.scan.checks && report.scan.checks.length > 50);

    const all = aispm(['findings', '--data-dir', dataDir, '--format', 'json']);
    assert.equal(all.code, 0, all.stderr);
    const page = JSON.parse(all.stdout) as { total: number; items: Array<Finding & { source: string }> };
    assert.equal(page.total, report.findings!.length);
    assert.ok(page.items.every((f) => f.status === 'open' && f.source === 'proj'));
    assert.equal(page.items.find((f) => f.checkId === 'AISPM-MDL-002')?.suppressed?.kind, 'inline');

    const high = JSON.parse(aispm(['findings', project, '--severity', 'high', '--format', 'json', '--data-dir', dataDir]).stdout);
    assert.deepEqual(high.items.map((f: Finding) => f.checkId).sort(), ['AISPM-MCP-002', 'AISPM-MDL-001']);
    const table = aispm(['findings', 'proj', '--check', 'AISPM-MDL-002', '--data-dir', dataDir]);
    assert.match(table.stdout, new RegExp(`${fp('AISPM-MDL-002').slice(0, 12)} .* open \\(inline\\)\\s+AISPM-MDL-002`));
    const bad = aispm(['findings', '--status', 'closed', '--data-dir', dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected status values from open, resolved, accepted, false-positive/);
  });

  test('accept, ignore and reopen by short fingerprint record who and why; a rescan shows them as suppressed', () => {
    let r = aispm(['accept', fp('AISPM-MCP-002').slice(0, 10), '--reason', 'internal network only', '--until', '2099-01-01', '--by', 'dana', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Accepted [0-9a-f]{12} \(AISPM-MCP-002: .*\) until 2099-01-01$/m);
    r = aispm(['ignore', fp('AISPM-MCP-004').slice(0, 8), '--reason', 'the proxy injects credentials', '--data-dir', dataDir], { USER: 'sam' });
    assert.equal(r.code, 0, r.stderr);
    const triaged = JSON.parse(aispm(['findings', '--status', 'accepted,false-positive', '--format', 'json', '--data-dir', dataDir]).stdout);
    assert.deepEqual(triaged.items.map((f: Finding) => [f.checkId, f.status, f.suppressed?.by, f.suppressed?.reason]).sort(), [
      ['AISPM-MCP-002', 'accepted', 'dana', 'internal network only'],
      ['AISPM-MCP-004', 'false-positive', 'sam', 'the proxy injects credentials'],
    ]);

    // MDL-001 (high) is still open and unsuppressed: --fail-on high fails; the accepted MCP-002 does not count
    r = aispm(['scan', project, '--data-dir', dataDir, '--format', 'json', '--fail-on', 'high']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /1 finding\(s\) at or above high/);
    assert.match(r.stderr, /findings: 0 new, 0 reopened, 0 resolved/);
    const report = JSON.parse(r.stdout) as Report;
    const accepted = report.findings!.find((f) => f.checkId === 'AISPM-MCP-002')!;
    assert.deepEqual([accepted.status, accepted.suppressed], ['accepted', { kind: 'accepted', reason: 'internal network only', by: 'dana', until: '2099-01-01T00:00:00.000Z' }]);
    assert.equal(report.findings!.find((f) => f.checkId === 'AISPM-MCP-004')!.suppressed?.kind, 'false-positive');

    r = aispm(['reopen', fp('AISPM-MCP-004').slice(0, 8), '--reason', 'proxy removed', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Reopened .*: open$/m);
    const shown = aispm(['finding', fp('AISPM-MCP-004').slice(0, 8), '--data-dir', dataDir, '--format', 'json']);
    assert.deepEqual(JSON.parse(shown.stdout).history.map((e: { kind: string; by: string }) => [e.kind, e.by]), [
      ['opened', 'aispm'], ['false-positive', 'sam'], ['reopened', 'ci-bot'],
    ]);
  });

  test('unknown, too short, ambiguous fingerprints and impossible requests are usage errors (exit 2)', async () => {
    let r = aispm(['accept', 'ffffffffffffffff', '--reason', 'x', '--data-dir', dataDir]);
    assert.deepEqual([r.code, /no stored finding has a fingerprint starting with ffffffffffffffff/.test(r.stderr)], [2, true]);
    r = aispm(['accept', 'abc', '--reason', 'x', '--data-dir', dataDir]);
    assert.deepEqual([r.code, /too short/.test(r.stderr)], [2, true]);
    r = aispm(['accept', fp('AISPM-MCP-002'), '--reason', 'x', '--until', '31/12/2099', '--data-dir', dataDir]);
    assert.deepEqual([r.code, /expected a date as YYYY-MM-DD/.test(r.stderr)], [2, true]);
    r = aispm(['accept', fp('AISPM-MDL-001'), '--reason', 'x', '--until', '2001-01-01', '--data-dir', dataDir]);
    assert.deepEqual([r.code, /must end in the future/.test(r.stderr)], [2, true]);
    r = aispm(['reopen', fp('AISPM-MDL-001'), '--data-dir', dataDir]);
    assert.deepEqual([r.code, /is open: only accepted and false-positive findings can be reopened/.test(r.stderr)], [2, true]);
    r = aispm(['accept', fp('AISPM-MDL-001'), '--data-dir', dataDir]);
    assert.equal(r.code, 2); // --reason is required

    // enough findings that some share a four-character prefix
    const store = await openStore({ dataDir });
    try {
      await store.saveScan(syntheticReport({ source: 'many', count: 2000, findings: 2000, startedAt: '2025-01-01T00:00:00.000Z' }));
    } finally {
      await store.close();
    }
    const prefixes = new Map<string, number>();
    const fps = syntheticReport({ source: 'many', count: 2000, findings: 2000 }).findings!.map((f) => f.fingerprint);
    for (const f of fps) prefixes.set(f.slice(0, 4), (prefixes.get(f.slice(0, 4)) ?? 0) + 1);
    const shared = [...prefixes].find(([, count]) => count > 1)![0];
    r = aispm(['ignore', shared, '--reason', 'x', '--data-dir', dataDir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`fingerprint prefix ${shared} is ambiguous: it matches ${shared}[0-9a-f]{8}, ${shared}`));
  });

  test('kpis per source: owners, mapping, shadow AI, open findings by severity; an unknown source is exit 2', () => {
    const r = aispm(['kpis', project, '--format', 'json', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    const k = JSON.parse(r.stdout);
    assert.equal(k.source, 'proj');
    assert.ok(k.assets > 0);
    // the suppressed (inline, ignore-file) and accepted findings are not open work; MCP-004 was reopened
    assert.deepEqual(k.openFindingsBySeverity, { critical: 0, high: 1, medium: 1, low: 1, info: 0 });
    assert.equal(k.meanTimeToRemediateHours, null);
    const table = aispm(['kpis', 'proj', '--data-dir', dataDir]);
    assert.match(table.stdout, /Open findings\s+0 critical, 1 high, 1 medium, 1 low, 0 info/);
    const missing = aispm(['kpis', 'no-such-source', '--data-dir', dataDir]);
    assert.deepEqual([missing.code, /no stored scans for source "no-such-source"/.test(missing.stderr)], [2, true]);
  });

  test('a rescan that no longer sees findings resolves them, and the time to remediate appears', () => {
    rmSync(path.join(project, 'ml'), { recursive: true });
    const r = aispm(['scan', project, '--data-dir', dataDir, '--quiet', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const resolved = JSON.parse(aispm(['findings', 'proj', '--status', 'resolved', '--format', 'json', '--data-dir', dataDir]).stdout);
    assert.deepEqual(resolved.items.map((f: Finding & { resolvedAt?: string }) => [f.checkId, typeof f.resolvedAt]).sort(),
      [['AISPM-MDL-001', 'string'], ['AISPM-MDL-002', 'string']]);
    const k = JSON.parse(aispm(['kpis', 'proj', '--format', 'json', '--data-dir', dataDir]).stdout);
    assert.equal(k.remediated, 2);
    assert.equal(typeof k.meanTimeToRemediateHours, 'number');
    writeProject(project); // restore for the CI test below
  });

  test('CI: --baseline reports only new findings; --ignore-file must exist', () => {
    const base = path.join(dir, 'base.json');
    let r = aispm(['scan', project, '--no-store', '--format', 'json', '--output', base, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    r = aispm(['scan', project, '--no-store', '--format', 'json', '--baseline', base, '--fail-on', 'low', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.ok(report.findings!.length >= 7 && report.findings!.every((f) => f.suppressed));
    assert.ok(report.findings!.some((f) => f.suppressed!.kind === 'baseline'));

    writeFileSync(path.join(project, 'ml', 'eval.py'), 'from transformers import AutoModel\nm = AutoModel.from_pretrained("acme/eval-llm", trust_remote_code=True)\n');
    r = aispm(['scan', project, '--no-store', '--format', 'json', '--baseline', base, '--fail-on', 'high', '--quiet']);
    assert.equal(r.code, 1, r.stderr);
    const fresh = (JSON.parse(r.stdout) as Report).findings!.filter((f) => !f.suppressed);
    assert.ok(fresh.length > 0 && fresh.every((f) => f.evidence.some((e) => e.file === 'ml/eval.py')));

    r = aispm(['scan', project, '--no-store', '--ignore-file', path.join(dir, 'missing.yaml')]);
    assert.deepEqual([r.code, /ignore file not found: .*missing\.yaml/.test(r.stderr)], [2, true]);
    r = aispm(['scan', project, '--no-store', '--baseline', path.join(dir, 'missing.json')]);
    assert.deepEqual([r.code, /baseline .*missing\.json: cannot read it/.test(r.stderr)], [2, true]);
  });
});
