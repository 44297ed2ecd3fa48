// An exclusive lock file for a PGlite data directory: PGlite is single-process, and two writers would corrupt it.
import path from 'node:path';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export const LOCK_FILE_NAME = 'aispm.lock';

export interface DirLock {
  readonly path: string;
  release(): void;
}

/** Alive means the pid exists, even when owned by another user (EPERM). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // vanished in between, or unreadable: treat as no owner
  }
}

/**
 * Takes `<dir>/aispm.lock`. The pid is written to a private file first and hard-linked into place, so the lock
 * appears atomically with its content (link fails when the lock exists). A lock left by a dead process is taken
 * over; a live owner (including this very process holding another open store) gives an error naming its pid.
 */
export function acquireDirLock(dir: string): DirLock {
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 5; attempt++) {
    const draft = `${lockPath}.${process.pid}.${attempt}`;
    writeFileSync(draft, `${process.pid}\n`, { mode: 0o644 });
    try {
      linkSync(draft, lockPath);
      unlinkSync(draft);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          // only remove the lock if it is still ours (a takeover after a pause must not be undone)
          if (readOwner(lockPath) === process.pid) unlinkSync(lockPath);
        },
      };
    } catch (e) {
      unlinkSync(draft);
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(lockPath);
    if (owner !== undefined && processIsAlive(owner)) {
      throw new Error(
        `the data directory ${dir} is in use by process ${owner}${owner === process.pid ? ' (this process)' : ''}; ` +
          'close that store first, or use PostgreSQL (DATABASE_URL) for concurrent access',
      );
    }
    // stale: the owner is dead (or the file holds no pid, which our atomic write never leaves): remove and retry
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new Error(`could not take the lock ${lockPath}: it keeps being recreated by another process`);
}
