import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DiskFolders } from './folders.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'aispm-tf-folders-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}
const call = (source: string) => `module "m" {\n  source = "${source}"\n}\n`;

test('a folder is a called module when a .tf file in an ancestor or its subfolders calls it, not when only its own examples do', async () => {
  const root = tree({
    'main.tf': call('./modules/a'),
    'modules/a/main.tf': 'resource "null_resource" "a" {}\n',
    // only the module's own example calls it: it is still described on its own
    'modules/b/main.tf': 'resource "null_resource" "b" {}\n',
    'modules/b/examples/main.tf': call('../'),
    // a sibling environment calls it
    'envs/prod/main.tf': call('../../modules/c'),
    'modules/c/main.tf': 'resource "null_resource" "c" {}\n',
    // called from three levels below an ancestor: beyond the searched neighbourhood
    'modules/d/main.tf': 'resource "null_resource" "d" {}\n',
    'far/x/y/z/main.tf': call('../../../../modules/d'),
    'modules/e/.hidden/main.tf': call('../'),
    'modules/e/main.tf': 'resource "null_resource" "e" {}\n',
  });
  try {
    const folders = new DiskFolders(root);
    const called = async (dir: string) => folders.isCalledModule(dir);
    assert.equal(await called('modules/a'), true);
    assert.equal(await called('modules/b'), false);
    assert.equal(await called('modules/c'), true);
    assert.equal(await called('modules/d'), false);
    assert.equal(await called('modules/e'), false);
    assert.equal(await called('modules/b/examples'), false);
    assert.equal(await called('envs/prod'), false);
    assert.equal(await called('.'), false);
    // asked again (answered from the remembered neighbourhoods), the answers are the same
    assert.deepEqual(await Promise.all(['modules/a', 'modules/b', 'modules/c'].map(called)), [true, false, true]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
