import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph } from './builder.js';
import { assetId } from '../model/index.js';
import { appRef, type CollectorOutput } from '../collectors/types.js';

const out = (o: Partial<CollectorOutput>): CollectorOutput => ({ assets: [], edges: [], appFacts: [], warnings: [], ...o });
const ev = (file: string, line?: number) => ({ file, line, collector: 'test' });

test('one node per real thing: the same model id from two files and two collectors merges', () => {
  const g = buildGraph(
    [
      out({ assets: [{ kind: 'model', key: 'openai/gpt-4o', name: 'gpt-4o', provider: 'openai', attrs: { task: 'chat' }, evidence: [ev('a.py', 3)] }] }),
      out({ assets: [{ kind: 'model', key: 'OpenAI/GPT-4o', name: 'gpt-4o', attrs: { revision: 'x' }, evidence: [ev('b.ts', 9), ev('a.py', 3)] }] }),
    ],
    { rootName: 'org' },
  );
  const models = g.assets.filter((a) => a.kind === 'model');
  assert.equal(models.length, 1);
  assert.equal(models[0].id, assetId('model', 'openai/gpt-4o'));
  assert.deepEqual(models[0].attrs, { task: 'chat', revision: 'x' });
  assert.deepEqual(models[0].evidence.map((e) => `${e.file}:${e.line}`), ['a.py:3', 'b.ts:9']);
});

test('ids are stable across runs and independent of input order', () => {
  const a = out({ assets: [{ kind: 'ai-service', key: 'openai', evidence: [ev('x.py')] }] });
  const b = out({ assets: [{ kind: 'secret', key: 'env:OPENAI_API_KEY', evidence: [ev('.env', 1)] }] });
  const g1 = buildGraph([a, b], { rootName: 'r' });
  const g2 = buildGraph([b, a], { rootName: 'r' });
  assert.deepEqual(g1, g2);
  assert.equal(assetId('secret', 'env:OPENAI_API_KEY'), assetId('secret', 'env:openai_api_key'));
});

test('booleans merge towards the riskier value and arrays are unioned', () => {
  const g = buildGraph(
    [
      out({ assets: [{ kind: 'model', key: 'huggingface/x/y', attrs: { trustRemoteCode: false, files: ['a'] }, evidence: [ev('a.py')] }] }),
      out({ assets: [{ kind: 'model', key: 'huggingface/x/y', attrs: { trustRemoteCode: true, files: ['b', 'a'] }, evidence: [ev('b.py')] }] }),
    ],
    { rootName: 'r' },
  );
  const m = g.assets.find((a) => a.kind === 'model')!;
  assert.equal(m.attrs.trustRemoteCode, true);
  assert.deepEqual(m.attrs.files, ['a', 'b']);
});

test('path references resolve from the file folder, the application and the root; never outside', () => {
  const g = buildGraph(
    [
      out({
        assets: [
          { kind: 'application', key: 'svc', name: 'svc', evidence: [ev('svc/requirements.txt')] },
          { kind: 'prompt', key: 'svc/prompts/system.md', evidence: [ev('svc/prompts/system.md')] },
          { kind: 'agent', key: 'svc/app/agent.py#bot', evidence: [ev('svc/app/agent.py', 4)] },
        ],
        edges: [
          { from: { kind: 'agent', key: 'svc/app/agent.py#bot' }, kind: 'uses-prompt', to: { path: 'prompts/system.md', from: 'svc/app/agent.py', kinds: ['prompt'] } },
          { from: { kind: 'agent', key: 'svc/app/agent.py#bot' }, kind: 'uses-prompt', to: { path: '../../../etc/passwd', from: 'svc/app/agent.py', kinds: ['prompt'] } },
        ],
      }),
    ],
    { rootName: 'r' },
  );
  const agent = assetId('agent', 'svc/app/agent.py#bot');
  const prompt = assetId('prompt', 'svc/prompts/system.md');
  assert.deepEqual(
    g.edges.filter((e) => e.kind === 'uses-prompt').map((e) => [e.from, e.to]),
    [[agent, prompt]],
  );
});

test('assets are tied to the nearest application; consumed things get uses edges', () => {
  const g = buildGraph(
    [
      out({
        assets: [
          { kind: 'application', key: 'svc', evidence: [ev('svc/package.json')] },
          { kind: 'model', key: 'openai/gpt-4o', evidence: [ev('svc/src/a.ts', 1), ev('tools/x.py', 2)] },
          { kind: 'tool', key: 'svc/src/a.ts#shell', evidence: [ev('svc/src/a.ts', 5)] },
          // a nested application is nearer than its parent; a folder that only starts with an app's name is not in it
          { kind: 'application', key: 'svc/inner', evidence: [ev('svc/inner/package.json')] },
          { kind: 'tool', key: 'svc/inner/b.ts#fetch', evidence: [ev('svc/inner/b.ts', 2)] },
          { kind: 'tool', key: 'svc2/c.ts#mail', evidence: [ev('svc2/c.ts', 3)] },
        ],
      }),
    ],
    { rootName: 'org' },
  );
  const inner = assetId('application', 'svc/inner');
  assert.ok(g.edges.some((e) => e.from === assetId('tool', 'svc/inner/b.ts#fetch') && e.kind === 'defined-in' && e.to === inner));
  assert.ok(g.edges.some((e) => e.from === inner && e.kind === 'defined-in' && e.to === assetId('application', 'svc')));
  assert.ok(g.edges.some((e) => e.from === assetId('tool', 'svc2/c.ts#mail') && e.kind === 'defined-in' && e.to === assetId('application', '.')));
  const root = assetId('application', '.');
  const svc = assetId('application', 'svc');
  const model = assetId('model', 'openai/gpt-4o');
  const tool = assetId('tool', 'svc/src/a.ts#shell');
  const has = (f: string, k: string, t: string) => g.edges.some((e) => e.from === f && e.kind === k && e.to === t);
  assert.ok(has(svc, 'uses-model', model));
  assert.ok(has(root, 'uses-model', model));
  assert.ok(has(tool, 'defined-in', svc));
  assert.ok(has(svc, 'defined-in', root));
  assert.equal(g.assets.find((a) => a.id === root)!.name, 'org');
});

test('application facts land on the application holding the file', () => {
  const g = buildGraph(
    [
      out({
        assets: [{ kind: 'application', key: 'ml', evidence: [ev('ml/pyproject.toml')] }],
        appFacts: [
          { file: 'ml/train.py', attrs: { unsafeLoads: [{ file: 'ml/train.py', line: 3, loader: 'torch.load' }] } },
          { file: 'ml/eval.py', attrs: { unsafeLoads: [{ file: 'ml/eval.py', line: 7, loader: 'pickle.load' }] } },
        ],
        edges: [{ from: appRef('ml/train.py'), kind: 'loads', to: { kind: 'application', key: 'ml' } }],
      }),
    ],
    { rootName: 'r' },
  );
  const ml = g.assets.find((a) => a.key === 'ml')!;
  assert.deepEqual(ml.attrs.unsafeLoads, [
    { file: 'ml/train.py', line: 3, loader: 'torch.load' },
    { file: 'ml/eval.py', line: 7, loader: 'pickle.load' },
  ]);
});

test('owners come from CODEOWNERS (last match wins) and environments from paths', () => {
  const g = buildGraph(
    [
      out({
        assets: [
          { kind: 'prompt', key: 'svc/prompts/a.md', evidence: [ev('svc/prompts/a.md')] },
          { kind: 'notebook', key: 'ml/n.ipynb', evidence: [ev('ml/n.ipynb')] },
          { kind: 'secret', key: 'env:OPENAI_API_KEY', evidence: [ev('deploy/prod/.env', 1)] },
          { kind: 'secret', key: 'env:X_TOKEN', evidence: [ev('deploy/prod/.env', 2), ev('deploy/staging/.env', 2)] },
        ],
      }),
    ],
    { rootName: 'r', codeowners: '# owners\n*  @acme/platform\nsvc/ @acme/support-team\n/ml/ @acme/ml @alice\n' },
  );
  const by = (k: string) => g.assets.find((a) => a.key === k)!;
  assert.equal(by('svc/prompts/a.md').owner, '@acme/support-team');
  assert.equal(by('ml/n.ipynb').owner, '@acme/ml @alice');
  assert.equal(by('env:OPENAI_API_KEY').environment, 'production');
  assert.equal(by('env:X_TOKEN').environment, undefined, 'evidence disagrees: no environment claimed');
});

test('evidence is capped per asset and the true count kept', () => {
  const evidence = Array.from({ length: 150 }, (_, i) => ev(`f${i}.py`, 1));
  const g = buildGraph([out({ assets: [{ kind: 'model', key: 'openai/gpt-4o', evidence }] })], { rootName: 'r' });
  const m = g.assets.find((a) => a.kind === 'model')!;
  assert.equal(m.evidence.length, 100);
  assert.equal(m.attrs.occurrences, 150);
});
