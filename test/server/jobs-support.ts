// Test harness for the jobs tests: a migrated database on either engine, straight through the Db interface.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { openPostgresDb } from '../../src/store/pg-db.js';
import { freshLocation, REPO_ROOT, type EngineLocation, type EngineName } from '../store/engines.js';

export interface TestDb {
  db: Db;
  location: EngineLocation;
  close(): Promise<void>;
}

export async function openTestDb(engine: EngineName): Promise<TestDb> {
  const location = await freshLocation(engine);
  const db = location.options.databaseUrl ? await openPostgresDb(location.options.databaseUrl) : await openPgliteDb(location.options.dataDir!);
  await migrate(db);
  return {
    db,
    location,
    async close() {
      await db.close().catch(() => undefined);
      await location.dispose();
    },
  };
}

/** Polls `fn` until it returns a value (not undefined) or the deadline passes; for waiting on other processes. */
export async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** A bare "remote" and a working clone that pushes to it. */
export function makeRemote(root: string): { bare: string; work: string; commit(file: string, text: string, msg: string): string } {
  const bare = path.join(root, 'remote.git');
  const work = path.join(root, 'work');
  git(root, 'init', '--bare', '--initial-branch=main', bare);
  git(root, 'init', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', bare);
  return {
    bare,
    work,
    commit(file, text, msg) {
      writeFileSync(path.join(work, file), text);
      git(work, 'add', '-A');
      git(work, 'commit', '-q', '-m', msg);
      git(work, 'push', '-q', 'origin', 'HEAD');
      return git(work, 'rev-parse', 'HEAD');
    },
  };
}


/** The browser from Debian's package: installs it (as root) when missing, as scripts/pg-test-server.sh does PostgreSQL. */
export async function ensureChromium(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [path.join(REPO_ROOT, 'scripts', 'install-chromium.sh')], { timeout: 900_000 });
  return stdout.trim().split('\n').pop() ?? '';
}
