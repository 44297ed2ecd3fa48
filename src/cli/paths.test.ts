// `aispm paths` as a user runs it (a real child process over the example organisation), and its filters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { scan } from '../scan.js';
import { renderPathsTable, selectPaths } from './paths.js';

const EXAMPLE = path.join('examples', 'acme-ai');

function aispm(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const report = await scan({ root: EXAMPLE, workers: 1, gitOwners: false });

test('paths prints readable chains, best first, with the findings on each; json lists the same paths', () => {
  const r = aispm(['paths', EXAMPLE, '-q', '--no-git-owners', '--limit', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Attack paths \(\d+\), highest score first$/m);
  // the poisoned-RAG chain: an internet-exposed vector store feeding the Bedrock agent with a code interpreter
  assert.match(r.stdout, /internet → vector-store support-kb-vectors → knowledge-base acme-prod-support-kb → agent acme-prod-support-agent → tool code-interpreter/);
  assert.match(r.stdout, /high {5}AISPM-RAG-002 /);
  assert.match(r.stdout, /… and \d+ more/);

  const j = aispm(['paths', EXAMPLE, '-q', '--no-git-owners', '--format', 'json', '--target', 'credential', '--min-score', '60']);
  assert.equal(j.code, 0, j.stderr);
  const out = JSON.parse(j.stdout);
  assert.ok(out.paths.length > 0);
  for (const p of out.paths) {
    assert.equal(p.target.kind, 'credential');
    assert.ok(p.score >= 60);
    assert.ok(p.steps.every((s: { name?: string; kind?: string }) => s.name && s.kind));
  }
  const scores = out.paths.map((p: { score: number }) => p.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
});

test('bad filter values are usage errors naming the allowed values', () => {
  const r = aispm(['paths', EXAMPLE, '--target', 'gold']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown target kind "gold" \(one of sensitive-data, credential, side-effect-tool, production-model\)/);
  const s = aispm(['paths', EXAMPLE, '--min-score', '101']);
  assert.equal(s.code, 2);
});

test('the example has paths from every kind of entry it holds, and the filters narrow them', () => {
  const all = selectPaths(report, {});
  const entries = new Set(all.map((p) => p.entry.kind));
  for (const e of ['internet', 'web-input', 'tool-output']) assert.ok(entries.has(e as never), `no path from ${e}`);
  const web = selectPaths(report, { entry: ['web-input'] });
  assert.ok(web.some((p) => p.summary === 'agent POST → tool runDiagnostics'), web.map((p) => p.summary).join('\n'));
  assert.ok(selectPaths(report, { minScore: 75 }).every((p) => p.score >= 75));
  assert.deepEqual(selectPaths(report, { minScore: 101 }), []);
  // findings on a path link back to it
  const linked = report.findings!.filter((f) => f.pathId);
  assert.ok(linked.length > 0);
  for (const f of linked) assert.ok(report.paths!.some((p) => p.id === f.pathId && p.steps.some((s) => s.assetId === f.assetId)));
  assert.equal(renderPathsTable(report, [], {}), 'Attack paths (0), highest score first\n  none\n');
});
