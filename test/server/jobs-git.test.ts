// Git sources against a bare repository created here (no network): shallow clone, refresh, branches, refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { git, makeRemote } from './jobs-support.js';
import { checkoutDirName, displayGitUrl, fetchGitSource, GitSourceError, normaliseGitUrl } from '../../src/server/jobs/git.js';

describe('git sources', () => {
  let root: string;
  let remote: ReturnType<typeof makeRemote>;
  let cacheDir: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aispm-git-test-'));
    cacheDir = path.join(root, 'cache');
    remote = makeRemote(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a local bare repository is cloned shallow, then refreshed to the new commit', async () => {
    remote.commit('app.py', 'import openai\n', 'one');
    const c2 = remote.commit('agent.py', 'from anthropic import Anthropic\n', 'two');
    const first = await fetchGitSource({ url: remote.bare, cacheDir });
    assert.equal(first.cloned, true);
    assert.equal(first.commit, c2);
    assert.ok(first.dir.startsWith(cacheDir));
    assert.equal(readFileSync(path.join(first.dir, 'agent.py'), 'utf8'), 'from anthropic import Anthropic\n');
    assert.equal(git(first.dir, 'rev-list', '--count', 'HEAD'), '1', 'shallow: one commit of history');

    git(remote.work, 'rm', '-q', 'app.py');
    writeFileSync(path.join(first.dir, 'left-over.txt'), 'not in the repository');
    const c3 = remote.commit('README.md', 'docs\n', 'three');
    const second = await fetchGitSource({ url: remote.bare, cacheDir });
    assert.equal(second.cloned, false);
    assert.equal(second.dir, first.dir);
    assert.equal(second.commit, c3);
    assert.equal(existsSync(path.join(second.dir, 'app.py')), false, 'a file deleted upstream is gone');
    assert.equal(existsSync(path.join(second.dir, 'left-over.txt')), false, 'stray files are cleaned');
  });

  test('a branch is checked out by name, through a file:// URL too', async () => {
    git(remote.work, 'checkout', '-q', '-b', 'release');
    const rel = remote.commit('release.txt', 'v1\n', 'release');
    git(remote.work, 'checkout', '-q', 'main');
    const co = await fetchGitSource({ url: pathToFileURL(remote.bare).href, ref: 'release', cacheDir });
    assert.equal(co.commit, rel);
    assert.equal(co.ref, 'release');
    assert.ok(existsSync(path.join(co.dir, 'release.txt')));
    const main = await fetchGitSource({ url: remote.bare, cacheDir });
    assert.notEqual(main.dir, co.dir, 'one checkout per ref');
    assert.equal(existsSync(path.join(main.dir, 'release.txt')), false);
  });

  test('a missing branch and a missing repository fail with git\'s reason', async () => {
    await assert.rejects(fetchGitSource({ url: remote.bare, ref: 'nope', cacheDir }), (e: Error) => e instanceof GitSourceError && /git clone failed: .*nope/i.test(e.message));
    await assert.rejects(fetchGitSource({ url: path.join(root, 'absent.git'), cacheDir }), /git repository not found/);
    await assert.rejects(fetchGitSource({ url: 'https://user:hunter2hunter2@127.0.0.1:9/x.git', cacheDir, timeoutMs: 20_000 }), (e: Error) => !e.message.includes('hunter2'));
  });

  test('remote helpers, options and odd refs are refused before git runs', () => {
    assert.throws(() => normaliseGitUrl('ext::sh -c touch% pwned'), /remote helpers/);
    assert.throws(() => normaliseGitUrl('--upload-pack=touch x'), /not a git URL/);
    assert.throws(() => normaliseGitUrl('gopher://example.com/repo'), /unsupported git URL scheme/);
    assert.equal(normaliseGitUrl('git@github.com:acme/ai.git'), 'git@github.com:acme/ai.git');
    assert.equal(normaliseGitUrl('https://github.com/acme/ai.git'), 'https://github.com/acme/ai.git');
    return assert.rejects(fetchGitSource({ url: remote.bare, ref: '--orphan', cacheDir }), /not a branch or tag name/);
  });

  test('credentials in URLs are never shown, and cache folder names carry none', () => {
    assert.equal(displayGitUrl('https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/ai.git'), 'https://****@github.com/acme/ai.git');
    assert.equal(displayGitUrl('https://bob:s3cr3tpass@git.example.com/ai.git'), 'https://****@git.example.com/ai.git');
    const name = checkoutDirName('https://bob:s3cr3tpass@git.example.com/team/ai.git');
    assert.match(name, /^ai-[0-9a-f]{16}$/);
  });
});
