// The engine itself: CEL graph helpers, missing attributes, message rendering, fingerprints that survive a
// line shift, user policy folders, and validation errors that name the file and the key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Environment } from '@marcbachmann/cel-js';
import { evaluate, fingerprint, fixtureGraph, GraphIndex, loadChecks, PolicyLoadError, type CheckSet } from '../../src/policy/index.js';
import { compile, createEnvironment, type EvalScope } from '../../src/policy/cel-env.js';
import { assetId, INTERNET_ID, type Asset } from '../../src/model/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = (...p: string[]) => path.join(here, 'testdata', ...p);

// A small organisation: a public chat agent with a web tool and a shell tool, a batch agent that shares
// the shell tool but reads nothing external, and a model trained on restricted data.
const graph = fixtureGraph(
  {
    assets: [
      { kind: 'network', key: 'internet' },
      { kind: 'endpoint', key: 'k8s:prod/ingress/chat', attrs: { authenticated: false } },
      { kind: 'application', key: 'apps/chat', owner: '@acme/web' },
      { kind: 'agent', key: 'apps/chat/agent.py#chat', name: 'chat', attrs: { nested: { level: 2 } } },
      { kind: 'agent', key: 'apps/chat/agent.py#batch', name: 'batch' },
      { kind: 'tool', key: 'apps/chat/agent.py#fetch', attrs: { capabilities: ['network'] } },
      { kind: 'tool', key: 'apps/chat/agent.py#shell', attrs: { capabilities: ['shell'] } },
      { kind: 'model', key: 'huggingface/acme/ft', provider: 'huggingface' },
      { kind: 'dataset', key: 'data/claims.csv', sensitivity: 'restricted' },
    ],
    edges: [
      ['network:internet', 'exposes', 'endpoint:k8s:prod/ingress/chat'],
      ['endpoint:k8s:prod/ingress/chat', 'exposes', 'application:apps/chat'],
      ['agent:apps/chat/agent.py#chat', 'defined-in', 'application:apps/chat'],
      ['agent:apps/chat/agent.py#chat', 'has-tool', 'tool:apps/chat/agent.py#fetch'],
      ['agent:apps/chat/agent.py#chat', 'has-tool', 'tool:apps/chat/agent.py#shell'],
      ['agent:apps/chat/agent.py#batch', 'has-tool', 'tool:apps/chat/agent.py#shell'],
      ['agent:apps/chat/agent.py#batch', 'uses-model', 'model:huggingface/acme/ft'],
      ['model:huggingface/acme/ft', 'trains-on', 'dataset:data/claims.csv'],
    ],
  },
  'engine-fixture',
);
const id = (kind: Asset['kind'], key: string) => assetId(kind, key);
const CHAT = id('agent', 'apps/chat/agent.py#chat');
const BATCH = id('agent', 'apps/chat/agent.py#batch');

function run(expression: string, assetKey: [Asset['kind'], string]): unknown {
  const scope: EvalScope = { graph: new GraphIndex(graph) };
  const env: Environment = createEnvironment(scope);
  const r = compile(env, expression, 'any');
  assert.ok(r.program, r.error);
  return r.program!({ asset: scope.graph!.view(id(...assetKey))! });
}

test('out and incoming return neighbour assets by edge kind', () => {
  assert.deepEqual(run('out(asset, "has-tool").map(t, t.key)', ['agent', 'apps/chat/agent.py#chat']), ['apps/chat/agent.py#fetch', 'apps/chat/agent.py#shell']);
  assert.deepEqual(run('incoming(asset, "has-tool").map(a, a.name)', ['tool', 'apps/chat/agent.py#shell']), ['chat', 'batch']);
  assert.equal(run('count(out(asset, "uses-model"))', ['agent', 'apps/chat/agent.py#chat']), 0n);
  assert.deepEqual(run('out(asset).map(a, a.kind)', ['agent', 'apps/chat/agent.py#batch']), ['model', 'tool']);
});

test('reachability: internet exposure flows through endpoints into what an application defines', () => {
  assert.equal(run('reachableFromInternet(asset)', ['agent', 'apps/chat/agent.py#chat']), true);
  assert.equal(run('reachableFromInternet(asset)', ['tool', 'apps/chat/agent.py#shell']), true);
  assert.equal(run('reachableFromInternet(asset)', ['agent', 'apps/chat/agent.py#batch']), false);
  assert.equal(run('reachableFromInternet(asset)', ['dataset', 'data/claims.csv']), false);
});

test('reachability: untrusted content reaches the agent that reads it, not another agent sharing a tool', () => {
  assert.equal(run('reachableFromUntrusted(asset)', ['agent', 'apps/chat/agent.py#chat']), true);
  assert.equal(run('reachableFromUntrusted(asset)', ['tool', 'apps/chat/agent.py#shell']), true);
  assert.equal(run('reachableFromUntrusted(asset)', ['agent', 'apps/chat/agent.py#batch']), false);
});

test('reachability: sensitive data through a trained model, side effects through tools', () => {
  assert.equal(run('reachesSensitiveData(asset)', ['agent', 'apps/chat/agent.py#batch']), true);
  assert.equal(run('reachesSensitiveData(asset)', ['model', 'huggingface/acme/ft']), true);
  assert.equal(run('reachesSensitiveData(asset)', ['agent', 'apps/chat/agent.py#chat']), false);
  assert.equal(run('reachesSensitiveData(asset)', ['dataset', 'data/claims.csv']), false, 'data does not reach itself');
  assert.equal(run('reachesSideEffects(asset)', ['agent', 'apps/chat/agent.py#chat']), true);
  assert.equal(run('reachesSideEffects(asset)', ['application', 'apps/chat']), true);
  assert.equal(run('reachesSideEffects(asset)', ['tool', 'apps/chat/agent.py#shell']), false, 'the tool itself is not counted');
  assert.equal(run('isSensitive(asset)', ['dataset', 'data/claims.csv']), true);
});

test('missing attributes: attr() and hasAttr() never throw; empty top-level fields are empty strings', () => {
  const chat: [Asset['kind'], string] = ['agent', 'apps/chat/agent.py#chat'];
  assert.equal(run('attr(asset, "nested.level", 0)', chat), 2);
  assert.equal(run('attr(asset, "nested.missing.deeper", "none")', chat), 'none');
  assert.equal(run('attr(asset, "absent")', chat), null);
  assert.equal(run('hasAttr(asset, "nested.level") && !hasAttr(asset, "nested.x")', chat), true);
  assert.equal(run('asset.owner == "" && asset.sensitivity == "" && size(asset.tags) == 0', chat), true);
  assert.equal(run('asset.attrs.?absent.orValue(7) == 7', chat), true);
});

function customSet(): CheckSet {
  return loadChecks({ builtin: false, dirs: [testdata('custom-policy')] });
}

test('a condition that fails at run time is reported once as a problem and evaluation goes on', () => {
  const set = customSet();
  set.checks[0]!.compiled.condition = createAndCompile(set, 'asset.attrs.nothere == 1');
  const r = evaluate(graph, set);
  assert.equal(r.findings.length, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.checkId, 'ACME-AGT-001');
  assert.match(r.problems[0]!.message, /No such key: nothere \(and 1 more assets\)/);
});

function createAndCompile(set: CheckSet, expression: string) {
  const r = compile(createEnvironment(set.scope), expression, 'bool');
  assert.ok(r.program, r.error);
  return r.program!;
}

test('a user policy folder loads beside nothing else, and its findings carry the rendered message and frameworks', () => {
  const set = customSet();
  assert.deepEqual(
    set.checks.map((c) => [c.id, c.domain, c.source]),
    [['ACME-AGT-001', 'team', 'custom-policy/team/ACME-AGT-001/check.yaml']],
  );
  const extra = fixtureGraph(
    {
      assets: [
        { kind: 'agent', key: 'a.py#old', name: 'old', evidence: [{ file: 'a.py', line: 3, snippet: 'agent = create(llm)', collector: 'python' }] },
        { kind: 'model', key: 'openai/gpt-3.5-turbo', name: 'gpt-3.5-turbo' },
        { kind: 'agent', key: 'a.py#new', name: 'new' },
        { kind: 'model', key: 'openai/gpt-4o', name: 'gpt-4o' },
      ],
      edges: [
        ['agent:a.py#old', 'uses-model', 'model:openai/gpt-3.5-turbo'],
        ['agent:a.py#new', 'uses-model', 'model:openai/gpt-4o'],
      ],
    },
    'custom',
  );
  const { findings, problems } = evaluate(extra, set);
  assert.deepEqual(problems, []);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.assetId, id('agent', 'a.py#old'));
  assert.equal(f.message, 'Agent old uses gpt-3.5-turbo.');
  assert.equal(f.severity, 'medium');
  assert.equal(f.score, 40);
  assert.deepEqual(f.reasons, [{ factor: 'severity', points: 40, detail: 'medium severity' }]);
  assert.deepEqual(f.frameworks, { 'owasp-llm-2025': ['LLM03:2025'], 'mitre-atlas': ['AML.T0010.003'] });
  assert.equal(f.status, 'open');
  assert.deepEqual(f.evidence, [{ file: 'a.py', line: 3, snippet: 'agent = create(llm)', collector: 'python' }]);
});

test('built-in and user checks together: a duplicate id is rejected naming both files', () => {
  assert.throws(
    () => loadChecks({ dirs: [testdata('dup-policy')] }),
    (e: Error) => e instanceof PolicyLoadError && /dup-policy\/AISPM-AGT-001\/check\.yaml: duplicate check id AISPM-AGT-001 \(already defined in checks\/agents\/AISPM-AGT-001\/check\.yaml\)/.test(e.message),
  );
});

test('validation errors name the file and the offending key', () => {
  const cases: [string, RegExp][] = [
    ['bad-severity', /^bad-severity\/x\/ACME-BAD-001\/check\.yaml: severity: /],
    ['bad-key', /^bad-key\/x\/ACME-BAD-002\/check\.yaml: owner: unknown key$/],
    ['bad-cel', /^bad-cel\/x\/ACME-BAD-003\/check\.yaml: condition: .*nosuchhelper/],
    ['bad-folder', /^bad-folder\/x\/WRONG-NAME\/check\.yaml: id: ACME-BAD-004 must match its folder name \(WRONG-NAME\)$/],
  ];
  for (const [dir, re] of cases) assert.throws(() => loadChecks({ builtin: false, dirs: [testdata(dir)] }), (e: Error) => e instanceof PolicyLoadError && re.test(e.message), dir);
  assert.throws(() => loadChecks({ builtin: false, dirs: [testdata('no-such-folder')] }), /policy folder not found/);
});

test('fingerprints survive a line shift and change with the file, the snippet or the check', () => {
  const base: Asset = {
    id: id('tool', 'agent.py#lookup'),
    kind: 'tool',
    key: 'agent.py#lookup',
    name: 'lookup',
    attrs: {},
    tags: [],
    evidence: [{ file: 'agent.py', line: 43, snippet: 'cur.execute(f"SELECT * FROM orders WHERE id={order_id}")', collector: 'python' }],
  };
  const shifted: Asset = { ...base, evidence: [{ ...base.evidence[0]!, line: 57, snippet: '  cur.execute(f"SELECT * FROM orders   WHERE id={order_id}")  ' }] };
  const fp = fingerprint('AISPM-TOOL-001', base);
  assert.equal(fingerprint('AISPM-TOOL-001', shifted), fp);
  assert.notEqual(fingerprint('AISPM-TOOL-002', base), fp);
  assert.notEqual(fingerprint('AISPM-TOOL-001', { ...base, evidence: [{ ...base.evidence[0]!, file: 'other.py' }] }), fp);
  assert.notEqual(fingerprint('AISPM-TOOL-001', { ...base, evidence: [{ ...base.evidence[0]!, snippet: 'cur.execute(q, (order_id,))' }] }), fp);
  // Evidence found in a different order gives the same fingerprint; no file falls back to the asset key.
  const two = { ...base, evidence: [{ file: 'b.py', collector: 'x' }, { file: 'a.py', collector: 'x' }] };
  assert.equal(fingerprint('X', two), fingerprint('X', { ...two, evidence: [...two.evidence].reverse() }));
  assert.notEqual(fingerprint('X', { ...base, evidence: [] }), fingerprint('X', { ...base, key: 'other', evidence: [] }));
});

test('messages render asset fields, attrs and vars, and mask secrets', () => {
  const set = loadChecks({ builtin: false, dirs: [testdata('custom-policy')] });
  const c = set.checks[0]!;
  c.message = 'Agent {{asset.name}} [{{attrs.nested.level}}] {{attrs.token}} {{attrs.missing}}|{{vars.models}}';
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'agent', key: 'k#a', name: 'a', attrs: { nested: { level: 3 }, token: 'api_key="sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"' } },
        { kind: 'model', key: 'x/m1', name: 'm1' },
        { kind: 'model', key: 'x/m2', name: 'm2' },
      ],
      edges: [
        ['agent:k#a', 'uses-model', 'model:x/m1'],
        ['agent:k#a', 'uses-model', 'model:x/m2'],
      ],
    },
    'render',
  );
  const [f] = evaluate(g, set).findings;
  assert.equal(f!.message, 'Agent a [3] api_key="sk-p…(44)" |m1, m2');
});

test('the internet node is the model\'s INTERNET_ID', () => {
  assert.ok(graph.assets.some((a) => a.id === INTERNET_ID));
  assert.equal(new GraphIndex(graph).reachableFromInternet(CHAT), true);
  assert.equal(new GraphIndex(graph).reachableFromInternet(BATCH), false);
});
