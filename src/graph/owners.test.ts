// Owner inference: CODEOWNERS > IaC tags > package metadata > git history, the source recorded, environments
// from IaC tags, and git history read from a real repository made for the test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ownershipTags } from '../collectors/owner-tags.js';
import { packagePeople } from '../collectors/manifests/people.js';
import { assetId, type Asset, type Edge } from '../model/index.js';
import { buildGraph } from './builder.js';
import { environmentOfTags } from './environment.js';
import { assignOwners, parseGitLog, readGitAuthors } from './owners.js';

function asset(kind: Asset['kind'], key: string, file: string, attrs: Asset['attrs'] = {}): Asset {
  return { id: assetId(kind, key), kind, key, name: key, attrs, evidence: [{ file, collector: 'test' }], tags: [] };
}

test('precedence: CODEOWNERS, then IaC tags, then package metadata, then git history; the source is recorded', () => {
  const app = asset('application', 'svc', 'svc/package.json', { packageAuthors: ['dana@acme.example'] });
  const tagged = asset('endpoint', 'ep', 'infra/main.tf', { iacTags: { team: 'ml-platform', contact: 'ml@acme.example' } });
  const ownedTagged = asset('endpoint', 'ep2', 'owned/main.tf', { iacTags: { owner: 'someone-else' } });
  const agent = asset('agent', 'svc/a.py#a', 'svc/a.py');
  const script = asset('notebook', 'lab/n.ipynb', 'lab/n.ipynb');
  const orphan = asset('prompt', 'p.md', 'p.md');
  const edges: Edge[] = [{ from: agent.id, kind: 'defined-in', to: app.id }];
  const git = parseGitLog('\u0001Ann@acme.example\nlab/n.ipynb\nsvc/a.py\n\u0001bob@acme.example\nlab/n.ipynb\n\u0001ann@acme.example\nlab/n.ipynb\n');
  const assets = [app, tagged, ownedTagged, agent, script, orphan];
  assignOwners(assets, edges, { codeowners: '/owned/ @acme/platform\n', gitAuthors: git });
  const got = Object.fromEntries(assets.map((a) => [a.key, [a.owner, a.attrs.ownerSource]]));
  assert.deepEqual(got, {
    svc: ['dana@acme.example', 'package-metadata'],
    ep: ['ml-platform', 'iac-tag'],
    ep2: ['@acme/platform', 'codeowners'],
    'svc/a.py#a': ['dana@acme.example', 'package-metadata'],
    'lab/n.ipynb': ['ann@acme.example', 'git-history'],
    'p.md': [undefined, undefined],
  });
});

test('an owner a collector set is kept and marked declared', () => {
  const a = { ...asset('model', 'm', 'm.py'), owner: '@me' };
  assignOwners([a], [], { codeowners: '* @acme/all\n' });
  assert.deepEqual([a.owner, a.attrs.ownerSource], ['@me', 'declared']);
});

test('the graph builder applies owners and takes the environment from an IaC tag when paths say nothing', () => {
  const g = buildGraph(
    [
      {
        assets: [
          { kind: 'storage', key: 's3://data', evidence: [{ file: 'infra/main.tf', line: 3, collector: 'terraform' }], attrs: { iacTags: { owner: 'data-eng', environment: 'prod' } } },
          { kind: 'storage', key: 's3://dev', evidence: [{ file: 'deploy/dev/main.tf', line: 3, collector: 'terraform' }], attrs: { iacTags: { environment: 'prod' } } },
        ],
        edges: [],
        appFacts: [],
        warnings: [],
      },
    ],
    { rootName: 'r' },
  );
  const by = (k: string) => g.assets.find((a) => a.key === k)!;
  assert.deepEqual([by('s3://data').owner, by('s3://data').attrs.ownerSource, by('s3://data').environment], ['data-eng', 'iac-tag', 'production']);
  assert.equal(by('s3://dev').environment, 'development', 'the path wins over the tag');
});

test('ownership tags from Terraform maps, CloudFormation lists and Kubernetes labels', () => {
  assert.deepEqual(ownershipTags({ Owner: 'ann', Team: 'ml', Name: 'x', Environment: 'prod' }), { owner: 'ann', team: 'ml', environment: 'prod' });
  assert.deepEqual(ownershipTags([{ Key: 'team', Value: 'risk' }, { Key: 'cost-center', Value: '7' }]), { team: 'risk' });
  assert.deepEqual(ownershipTags({ 'acme.com/owner': 'web' }, { contact: 'web@acme.example' }), { owner: 'web', contact: 'web@acme.example' });
  assert.equal(ownershipTags({ owner: '${var.owner}' }), undefined, 'unresolved values say nothing');
  assert.equal(ownershipTags(undefined, null, 'x'), undefined);
  assert.equal(environmentOfTags({ environment: 'Production' }), 'production');
  assert.equal(environmentOfTags({ environment: 'blue' }), undefined);
});

test('package metadata: npm and Poetry shorthand, objects, maintainers', () => {
  assert.deepEqual(packagePeople('Dana Lee <dana@acme.example> (https://acme.example)', [{ name: 'Ops', email: 'ops@acme.example' }, { name: 'No Mail' }]), [
    'dana@acme.example',
    'ops@acme.example',
    'No Mail',
  ]);
  assert.deepEqual(packagePeople(['ML Platform <ml-platform@acme.example>'], undefined, 42), ['ml-platform@acme.example']);
});

test('git history: the most frequent recent author per file, paths relative to the scanned folder', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-owners-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const git = (args: string[], author: string) =>
    execFileSync('git', ['-C', dir, ...args], {
      env: { ...process.env, GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: `${author}@acme.example`, GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: `${author}@acme.example`, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      stdio: 'pipe',
    });
  git(['init', '-q'], 'x');
  mkdirSync(path.join(dir, 'svc'));
  const commit = (file: string, text: string, author: string) => {
    writeFileSync(path.join(dir, file), text);
    git(['add', '.'], author);
    git(['commit', '-q', '-m', `edit ${file}`], author);
  };
  commit('svc/agent.py', 'a = 1\n', 'ann');
  commit('svc/agent.py', 'a = 2\n', 'bob');
  commit('svc/agent.py', 'a = 3\n', 'bob');
  commit('README.md', 'hi\n', 'ann');

  const whole = await readGitAuthors(dir);
  assert.deepEqual(Object.fromEntries([...whole!.get('svc/agent.py')!]), { 'bob@acme.example': 2, 'ann@acme.example': 1 });
  const sub = await readGitAuthors(path.join(dir, 'svc'));
  assert.deepEqual([...sub!.keys()], ['agent.py'], 'relative to the scanned subfolder, and only what is under it');

  const shallow = mkdtempSync(path.join(os.tmpdir(), 'aispm-shallow-'));
  t.after(() => rmSync(shallow, { recursive: true, force: true }));
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow], { stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(await readGitAuthors(shallow), undefined, 'a shallow clone has no history worth counting');

  const plain = mkdtempSync(path.join(os.tmpdir(), 'aispm-nogit-'));
  t.after(() => rmSync(plain, { recursive: true, force: true }));
  assert.equal(await readGitAuthors(plain), undefined, 'not a work tree: nothing, and no error');
});
