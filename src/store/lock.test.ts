import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireDirLock, LOCK_FILE_NAME } from './lock.js';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'aispm-lock-test-'));
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

test('the lock file holds our pid and is removed on release', () => {
  const dir = tempDir();
  const lock = acquireDirLock(dir);
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  assert.equal(lock.path, lockPath);
  assert.equal(readFileSync(lockPath, 'utf8'), `${process.pid}\n`);
  lock.release();
  assert.equal(existsSync(lockPath), false);
  rmSync(dir, { recursive: true });
});

test('a live owner gives a clear error naming its pid', () => {
  const dir = tempDir();
  const lock = acquireDirLock(dir);
  assert.throws(() => acquireDirLock(dir), new RegExp(`in use by process ${process.pid} \\(this process\\)`));
  lock.release();
  // another live process (our parent shell stands in for it)
  writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
  assert.throws(() => acquireDirLock(dir), new RegExp(`in use by process ${process.ppid}[^0-9]`));
  rmSync(dir, { recursive: true });
});

test('a stale lock from a dead process is taken over', () => {
  const dir = tempDir();
  const pid = deadPid();
  writeFileSync(path.join(dir, LOCK_FILE_NAME), `${pid}\n`);
  const lock = acquireDirLock(dir);
  assert.equal(readFileSync(lock.path, 'utf8'), `${process.pid}\n`);
  lock.release();
  rmSync(dir, { recursive: true });
});

test('release does not remove a lock that another process has taken over meanwhile', () => {
  const dir = tempDir();
  const lock = acquireDirLock(dir);
  writeFileSync(lock.path, `${process.ppid}\n`);
  lock.release();
  assert.equal(readFileSync(lock.path, 'utf8'), `${process.ppid}\n`);
  rmSync(dir, { recursive: true });
});
