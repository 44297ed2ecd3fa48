// Attack paths over small hand-written graphs: the chains found, the edges they follow, the findings on them,
// stable ids, and the bounds that keep the search small.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assetId, type Finding } from '../model/index.js';
import { fixtureGraph } from './fixtures.js';
import { GraphIndex } from './graph-index.js';
import { entryKindOf, findAttackPaths, targetKindOf } from './paths.js';

// internet → ingress chat → deployment chat-api → agent support-bot → tool refund_payment, plus a second agent
// that reads the same knowledge base and has a shell tool.
const org: { assets: { kind: string; key: string; name?: string; attrs?: Record<string, unknown> }[]; edges: string[][] } = {
  assets: [
    { kind: 'network', key: 'internet' },
    { kind: 'endpoint', key: 'k8s:web/ingress/chat', name: 'ingress chat', attrs: { authenticated: false } },
    { kind: 'workload', key: 'k8s:web/Deployment/chat-api', name: 'deployment chat-api' },
    { kind: 'agent', key: 'svc/bot.py#support', name: 'support-bot' },
    { kind: 'tool', key: 'svc/bot.py#refund', name: 'refund_payment', attrs: { capabilities: ['payments'] } },
    { kind: 'knowledge-base', key: 'kb', name: 'help-center' },
    { kind: 'agent', key: 'ops/agent.py#ops', name: 'ops-bot' },
    { kind: 'tool', key: 'ops/agent.py#sh', name: 'run_shell', attrs: { capabilities: ['shell'] } },
  ],
  edges: [
    ['network:internet', 'exposes', 'endpoint:k8s:web/ingress/chat'],
    ['endpoint:k8s:web/ingress/chat', 'exposes', 'workload:k8s:web/Deployment/chat-api'],
    ['workload:k8s:web/Deployment/chat-api', 'serves', 'agent:svc/bot.py#support'],
    ['agent:svc/bot.py#support', 'has-tool', 'tool:svc/bot.py#refund'],
    ['agent:svc/bot.py#support', 'retrieves-from', 'knowledge-base:kb'],
    ['agent:ops/agent.py#ops', 'retrieves-from', 'knowledge-base:kb'],
    ['agent:ops/agent.py#ops', 'has-tool', 'tool:ops/agent.py#sh'],
  ],
};

function finding(assetKey: [Parameters<typeof assetId>[0], string], checkId: string, severity: Finding['severity']): Finding {
  const a = assetId(...assetKey);
  return { fingerprint: `fp-${checkId}`, checkId, severity, score: 0, reasons: [], title: '', message: '', assetId: a, evidence: [], frameworks: {}, status: 'open' };
}

test('the chain from the internet to a payments tool, with the edges followed and the findings on it', () => {
  const g = fixtureGraph(org, 'org');
  const findings = [finding(['endpoint', 'k8s:web/ingress/chat'], 'EP-001', 'high'), finding(['agent', 'svc/bot.py#support'], 'AGT-004', 'critical')];
  const { paths } = findAttackPaths(new GraphIndex(g), { findings });
  assert.equal(paths.length, 1, paths.map((p) => p.summary).join('\n'));
  const p = paths[0]!;
  assert.equal(p.summary, 'internet → endpoint ingress chat → workload deployment chat-api → agent support-bot → tool refund_payment');
  assert.deepEqual([p.entry.kind, p.target.kind], ['internet', 'side-effect-tool']);
  assert.deepEqual(p.steps[0], { assetId: assetId('network', 'internet') });
  assert.deepEqual(p.steps[3]!.via, { kind: 'serves', from: assetId('workload', 'k8s:web/Deployment/chat-api'), to: assetId('agent', 'svc/bot.py#support') });
  // findings most severe first
  assert.deepEqual(p.findings, ['fp-AGT-004', 'fp-EP-001']);
  assert.equal(p.score, p.reasons!.reduce((s, r) => s + r.points, 0));
  assert.deepEqual(
    p.reasons!.map((r) => r.factor),
    ['entry', 'target', 'findings', 'length'],
  );
  // stable: the same graph gives the same id
  assert.equal(findAttackPaths(new GraphIndex(fixtureGraph(org, 'org'))).paths[0]!.id, p.id);
});

test('driving an agent that reads a knowledge base does not poison the other readers; a poisoned base does', () => {
  const clean = findAttackPaths(new GraphIndex(fixtureGraph(org, 'org'))).paths;
  assert.ok(!clean.some((p) => p.summary.endsWith('tool run_shell')), 'no turn-around through what the attacker only reads');

  const poisoned = structuredClone(org);
  poisoned.assets.find((a) => a.key === 'kb')!.attrs = { hiddenInstructions: [{ phrase: 'ignore previous instructions' }] };
  const paths = findAttackPaths(new GraphIndex(fixtureGraph(poisoned, 'poisoned'))).paths;
  const shell = paths.find((p) => p.summary.endsWith('tool run_shell'))!;
  assert.equal(shell.summary, 'knowledge-base help-center → agent ops-bot → tool run_shell');
  assert.equal(shell.entry.kind, 'untrusted-content');
  assert.deepEqual(shell.steps[1]!.via, { kind: 'retrieves-from', from: assetId('agent', 'ops/agent.py#ops'), to: assetId('knowledge-base', 'kb') });
});

test('tool output flows only into the agents that call the tool, and a shell tool reaches its application secrets', () => {
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'application', key: 'apps/web', name: 'web' },
        { kind: 'agent', key: 'apps/web/app/api/chat/route.ts#POST', name: 'POST', evidence: [{ file: 'apps/web/app/api/chat/route.ts', collector: 'javascript' }] },
        { kind: 'tool', key: 'apps/web/lib/tools.ts#fetch', name: 'fetchPage', attrs: { capabilities: ['browser'] } },
        { kind: 'tool', key: 'apps/web/lib/tools.ts#diag', name: 'runDiagnostics', attrs: { capabilities: ['shell'] } },
        { kind: 'secret', key: 'env:ORDERS_TOKEN', name: 'ORDERS_TOKEN', attrs: { hasValue: true } },
        { kind: 'agent', key: 'other.py#other', name: 'other' },
      ],
      edges: [
        ['agent:apps/web/app/api/chat/route.ts#POST', 'has-tool', 'tool:apps/web/lib/tools.ts#fetch'],
        ['agent:apps/web/app/api/chat/route.ts#POST', 'has-tool', 'tool:apps/web/lib/tools.ts#diag'],
        ['agent:apps/web/app/api/chat/route.ts#POST', 'defined-in', 'application:apps/web'],
        ['tool:apps/web/lib/tools.ts#diag', 'defined-in', 'application:apps/web'],
        ['secret:env:ORDERS_TOKEN', 'defined-in', 'application:apps/web'],
        ['agent:other.py#other', 'has-tool', 'tool:apps/web/lib/tools.ts#diag'],
      ],
    },
    'web',
  );
  const summaries = findAttackPaths(new GraphIndex(g)).paths.map((p) => `${p.entry.kind}: ${p.summary}`);
  assert.ok(summaries.includes('web-input: agent POST → tool runDiagnostics'), summaries.join('\n'));
  assert.ok(summaries.includes('tool-output: tool fetchPage → agent POST → tool runDiagnostics'));
  assert.ok(summaries.includes('web-input: agent POST → tool runDiagnostics → application web → secret ORDERS_TOKEN'));
  assert.ok(!summaries.some((s) => s.includes('agent other')), 'a tool reached on the way does not hand its output to its other agents');
});

test('a public repository exposes its secrets and the CI jobs that run outsiders’ code', () => {
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'application', key: '.', name: 'oss', attrs: { visibility: 'public' } },
        { kind: 'pipeline', key: '.github/workflows/train.yml#train', name: 'train', attrs: { privilegedTriggers: ['pull_request_target'] } },
        { kind: 'pipeline', key: '.github/workflows/lint.yml#lint', name: 'lint', attrs: { triggers: ['push'] } },
        { kind: 'secret', key: 'env:HF_TOKEN', name: 'HF_TOKEN' },
        { kind: 'secret', key: 'env:NPM_TOKEN', name: 'NPM_TOKEN' },
      ],
      edges: [
        ['pipeline:.github/workflows/train.yml#train', 'defined-in', 'application:.'],
        ['pipeline:.github/workflows/lint.yml#lint', 'defined-in', 'application:.'],
        ['pipeline:.github/workflows/train.yml#train', 'authenticates-with', 'secret:env:HF_TOKEN'],
        ['pipeline:.github/workflows/lint.yml#lint', 'authenticates-with', 'secret:env:NPM_TOKEN'],
      ],
    },
    'oss',
  );
  const summaries = findAttackPaths(new GraphIndex(g)).paths.map((p) => p.summary);
  assert.deepEqual(summaries, ['application oss → pipeline train → secret HF_TOKEN']);
});

test('entry points and crown jewels are recognised from what the assets are', () => {
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'dataset', key: 'a.csv', attrs: { piiTypes: ['EMAIL'] } },
        { kind: 'storage', key: 's3://docs', attrs: { publicActions: ['s3:PutObject'] } },
        { kind: 'storage', key: 's3://site', attrs: { publicActions: ['s3:GetObject'] } },
        { kind: 'model', key: 'acme/churn', environment: 'production' },
        { kind: 'identity', key: 'admin', attrs: { adminAccess: true } },
        { kind: 'identity', key: 'reader' },
        { kind: 'tool', key: 't.py#mail', attrs: { capabilities: ['email'] } },
      ],
      edges: [],
    },
    'kinds',
  );
  const by = (key: string) => g.assets.find((a) => a.key === key)!;
  assert.equal(targetKindOf(by('a.csv')), 'sensitive-data');
  assert.equal(targetKindOf(by('acme/churn')), 'production-model');
  assert.equal(targetKindOf(by('admin')), 'credential');
  assert.equal(targetKindOf(by('reader')), undefined);
  assert.equal(targetKindOf(by('t.py#mail')), 'side-effect-tool');
  assert.equal(entryKindOf(by('t.py#mail')), 'tool-output');
  assert.equal(entryKindOf(by('s3://docs')), 'untrusted-content', 'anyone may write it');
  assert.equal(entryKindOf(by('s3://site')), undefined, 'public read is not a way in');
});

test('bounds: paths per pair, overall cap, depth, and the work budget of one search', () => {
  // a fan: internet → N endpoints → one agent → one shell tool; the pair (internet, tool) has N routes
  const N = 30;
  const assets: unknown[] = [
    { kind: 'network', key: 'internet' },
    { kind: 'agent', key: 'a.py#bot', name: 'bot' },
    { kind: 'tool', key: 'a.py#sh', name: 'sh', attrs: { capabilities: ['shell'] } },
  ];
  const edges: unknown[] = [['agent:a.py#bot', 'has-tool', 'tool:a.py#sh']];
  for (let i = 0; i < N; i++) {
    assets.push({ kind: 'endpoint', key: `ep${i}` }, { kind: 'secret', key: `env:K${i}` });
    edges.push(['network:internet', 'exposes', `endpoint:ep${i}`], [`endpoint:ep${i}`, 'exposes', 'agent:a.py#bot'], [`endpoint:ep${i}`, 'authenticates-with', `secret:env:K${i}`]);
  }
  const index = new GraphIndex(fixtureGraph({ assets, edges }, 'fan'));
  const all = findAttackPaths(index);
  assert.equal(all.paths.filter((p) => p.target.kind === 'side-effect-tool').length, 2, 'two routes per entry-target pair by default');
  assert.equal(all.paths.filter((p) => p.target.kind === 'credential').length, N);
  assert.equal(findAttackPaths(index, { perPair: 1 }).paths.filter((p) => p.target.kind === 'side-effect-tool').length, 1);
  const capped = findAttackPaths(index, { maxPaths: 5 });
  assert.equal(capped.paths.length, 5);
  assert.equal(capped.candidates, all.candidates);
  assert.ok(capped.paths.every((p, i) => i === 0 || capped.paths[i - 1]!.score >= p.score), 'the best are kept');
  assert.equal(findAttackPaths(index, { maxDepth: 2 }).paths.filter((p) => p.target.kind === 'side-effect-tool').length, 0);
  const budget = findAttackPaths(index, { maxLabelsPerEntry: 20 });
  assert.equal(budget.truncated, true);
});

test('no entry or no crown jewel: no paths, and no search', () => {
  const g = fixtureGraph({ assets: [{ kind: 'agent', key: 'a#b' }, { kind: 'tool', key: 'a#t', attrs: { capabilities: ['shell'] } }], edges: [['agent:a#b', 'has-tool', 'tool:a#t']] }, 'none');
  assert.deepEqual(findAttackPaths(new GraphIndex(g)), { paths: [], entries: 0, targets: 1, candidates: 0, truncated: false });
});
