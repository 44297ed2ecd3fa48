// Context-aware scores: the same check on the same kind of asset scores higher when the asset is exposed, in
// production or reaches restricted data, lower in development, and every point has a reason.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Severity } from '../model/index.js';
import { fixtureGraph } from './fixtures.js';
import { GraphIndex } from './graph-index.js';
import { findAttackPaths } from './paths.js';
import { POINTS, prioritise, SEVERITY_BASE } from './score.js';

type FixtureAsset = { kind: string; key: string; name?: string; environment?: string; sensitivity?: string; attrs?: Record<string, unknown> };

/** One agent with one finding of a medium check, in a graph shaped by `extra`. */
function scoreOf(extraAssets: FixtureAsset[], edges: [string, string, string][], agent: Partial<FixtureAsset> = {}, severity: Severity = 'medium') {
  const g = fixtureGraph(
    {
      assets: [{ kind: 'network', key: 'internet' }, { kind: 'agent', key: 'a.py#bot', name: 'bot', ...agent }, ...extraAssets],
      edges,
    },
    'test',
  );
  const index = new GraphIndex(g);
  const agentId = g.assets.find((a) => a.kind === 'agent')!.id;
  const f = finding(agentId, severity);
  const { paths } = findAttackPaths(index, { findings: [f] });
  prioritise([f], index, paths);
  return f;
}

function finding(assetId: string, severity: Severity, checkId = 'TEST-001'): Finding {
  return { fingerprint: `${checkId}:${assetId}`, checkId, severity, score: SEVERITY_BASE[severity], reasons: [], title: 't', message: 'm', assetId, evidence: [], frameworks: {}, status: 'open' };
}

const sum = (f: Finding) => f.reasons.reduce((s, r) => s + r.points, 0);
const factor = (f: Finding, name: string) => f.reasons.filter((r) => r.factor === name);

test('an isolated asset keeps its severity base, with the one reason', () => {
  const f = scoreOf([], []);
  assert.equal(f.score, SEVERITY_BASE.medium);
  assert.deepEqual(f.reasons, [{ factor: 'severity', points: 40, detail: 'medium severity' }]);
  assert.equal(f.path, undefined);
});

test('exposure: reachable from the internet scores higher than the same agent in isolation, and says so', () => {
  const isolated = scoreOf([], []);
  const exposed = scoreOf([{ kind: 'endpoint', key: 'ep', name: 'chat', attrs: { authenticated: false } }], [
    ['network:internet', 'exposes', 'endpoint:ep'],
    ['endpoint:ep', 'exposes', 'agent:a.py#bot'],
  ]);
  assert.ok(exposed.score > isolated.score);
  assert.deepEqual(factor(exposed, 'exposure'), [{ factor: 'exposure', points: POINTS.internet, detail: 'reachable from the internet' }]);
  assert.equal(exposed.score, sum(exposed));
});

test('untrusted content, public repositories and missing authentication each add their own reason', () => {
  const f = scoreOf(
    [
      { kind: 'tool', key: 'a.py#fetch', name: 'fetch', attrs: { capabilities: ['browser'] } },
      { kind: 'application', key: '.', name: 'oss', attrs: { visibility: 'public' } },
    ],
    [
      ['agent:a.py#bot', 'has-tool', 'tool:a.py#fetch'],
      ['agent:a.py#bot', 'defined-in', 'application:.'],
    ],
    { attrs: { authenticated: false } },
  );
  const details = factor(f, 'exposure').map((r) => [r.points, r.detail]);
  assert.deepEqual(details, [
    [POINTS.untrusted, 'receives untrusted content (from tool fetch)'],
    [POINTS.publicRepository, 'in public repository oss: anyone can read it'],
    [POINTS.unauthenticated, 'accepts requests without authentication'],
  ]);
  assert.equal(f.score, sum(f));
});

test('sensitivity: restricted > confidential > internal data reachable from the asset', () => {
  const reaching = (sensitivity: string) =>
    scoreOf([{ kind: 'dataset', key: 'd.csv', name: 'd.csv', sensitivity }], [['agent:a.py#bot', 'retrieves-from', 'dataset:d.csv']]);
  const restricted = reaching('restricted');
  const confidential = reaching('confidential');
  const internal = reaching('internal');
  const none = reaching('public');
  assert.ok(restricted.score > confidential.score && confidential.score > internal.score && internal.score > none.score);
  assert.deepEqual(factor(restricted, 'sensitivity'), [{ factor: 'sensitivity', points: POINTS.sensitivity.restricted, detail: 'can reach restricted data (dataset d.csv)' }]);
  assert.deepEqual(factor(none, 'sensitivity'), []);
});

test('environment: production raises, development lowers', () => {
  const prod = scoreOf([], [], { environment: 'production' });
  const dev = scoreOf([], [], { environment: 'development' });
  const plain = scoreOf([], []);
  assert.ok(prod.score > plain.score && plain.score > dev.score);
  assert.deepEqual(factor(prod, 'environment'), [{ factor: 'environment', points: POINTS.production, detail: 'runs in production' }]);
  assert.deepEqual(factor(dev, 'environment'), [{ factor: 'environment', points: POINTS.nonProduction, detail: 'development environment' }]);
});

test('blast radius counts credentials, side-effecting tools and sensitive data reachable next', () => {
  const f = scoreOf(
    [
      { kind: 'tool', key: 'a.py#pay', attrs: { capabilities: ['payments'] } },
      { kind: 'tool', key: 'a.py#sh', attrs: { capabilities: ['shell'] } },
      { kind: 'identity', key: 'role', attrs: { wildcardActions: true } },
      { kind: 'secret', key: 'env:KEY' },
    ],
    [
      ['agent:a.py#bot', 'has-tool', 'tool:a.py#pay'],
      ['agent:a.py#bot', 'has-tool', 'tool:a.py#sh'],
      ['agent:a.py#bot', 'assumes', 'identity:role'],
      ['identity:role', 'authenticates-with', 'secret:env:KEY'],
    ],
  );
  const [blast] = factor(f, 'blast-radius');
  assert.equal(blast!.points, 8);
  assert.equal(blast!.detail, 'an attacker here reaches 4 assets next, including 2 credentials, 2 side-effecting tools');
});

test('exploitability: an attack path through the asset bumps it and links the path', () => {
  const f = scoreOf([{ kind: 'tool', key: 'a.py#sh', name: 'sh', attrs: { capabilities: ['shell'] } }, { kind: 'endpoint', key: 'ep', name: 'chat' }], [
    ['network:internet', 'exposes', 'endpoint:ep'],
    ['endpoint:ep', 'exposes', 'agent:a.py#bot'],
    ['agent:a.py#bot', 'has-tool', 'tool:a.py#sh'],
  ]);
  const path = factor(f, 'exploitability');
  assert.equal(path.length, 1);
  assert.equal(path[0]!.points, POINTS.attackPath);
  assert.match(path[0]!.detail, /^on attack path path:[0-9a-f]{16} \(score \d+\): internet → endpoint chat → agent bot → tool sh$/);
  assert.equal(f.path!.length, 4);
  assert.match(f.pathId!, /^path:/);
});

test('usable secrets and malicious model files are exploitable as they are; placeholders are not', () => {
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'secret', key: 'env:REAL', attrs: { hasValue: true, placeholder: false } },
        { kind: 'secret', key: 'env:FAKE', attrs: { hasValue: true, placeholder: true } },
        { kind: 'model-file', key: 'm.pkl', attrs: { unsafe: true } },
      ],
      edges: [],
    },
    't',
  );
  const index = new GraphIndex(g);
  const [real, fake, model] = g.assets.map((a) => finding(a.id, 'high'));
  prioritise([real!, fake!, model!], index);
  assert.equal(real!.score, SEVERITY_BASE.high + POINTS.usableSecret);
  assert.equal(fake!.score, SEVERITY_BASE.high);
  assert.deepEqual(factor(model!, 'exploitability'), [{ factor: 'exploitability', points: POINTS.maliciousModel, detail: 'the model file runs code when it is loaded' }]);
});

test('scores stay within 0-100 and the reasons still add up (a clamp reason)', () => {
  const f = scoreOf(
    [
      { kind: 'endpoint', key: 'ep' },
      { kind: 'dataset', key: 'd.csv', sensitivity: 'restricted' },
      { kind: 'tool', key: 'a.py#pay', attrs: { capabilities: ['payments'] } },
      { kind: 'tool', key: 'a.py#sh', attrs: { capabilities: ['shell'] } },
      { kind: 'secret', key: 'env:K' },
    ],
    [
      ['network:internet', 'exposes', 'endpoint:ep'],
      ['endpoint:ep', 'exposes', 'agent:a.py#bot'],
      ['agent:a.py#bot', 'retrieves-from', 'dataset:d.csv'],
      ['agent:a.py#bot', 'has-tool', 'tool:a.py#pay'],
      ['agent:a.py#bot', 'has-tool', 'tool:a.py#sh'],
      ['agent:a.py#bot', 'authenticates-with', 'secret:env:K'],
    ],
    { environment: 'production', attrs: { authenticated: false } },
    'critical',
  );
  assert.equal(f.score, 100);
  assert.equal(sum(f), 100);
  assert.equal(f.reasons.at(-1)!.factor, 'clamp');
});

test('prioritise sorts by score, then severity, and is deterministic', () => {
  const g = fixtureGraph(
    {
      assets: [
        { kind: 'network', key: 'internet' },
        { kind: 'endpoint', key: 'public' },
        { kind: 'endpoint', key: 'private' },
      ],
      edges: [['network:internet', 'exposes', 'endpoint:public']],
    },
    't',
  );
  const index = new GraphIndex(g);
  const [pub, priv] = [g.assets[1]!.id, g.assets[2]!.id];
  const run = () => prioritise([finding(priv, 'high', 'A'), finding(pub, 'medium', 'B'), finding(priv, 'medium', 'C')], index).map((f) => [f.checkId, f.score]);
  assert.deepEqual(run(), [
    ['A', 55],
    ['B', 52],
    ['C', 40],
  ]);
  assert.deepEqual(run(), run());
});
