// The walker yields the files of a tree and interprets nothing. It never follows a path outside the
// scanned root, survives symlink loops and unreadable folders, and reports what it skipped.

import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface WalkEntry {
  abs: string;
  /** Relative to the root, forward slashes. */
  rel: string;
  size: number;
}

export interface WalkOptions {
  /** gitignore-style patterns excluded in addition to the defaults and `.aispmignore`. */
  exclude?: string[];
  /** Keep the default exclusions (VCS folders, dependency folders, caches). */
  defaultExcludes?: boolean;
  maxDepth?: number;
  onWarning?: (w: { file?: string; message: string }) => void;
}

/** Folders that hold tooling state or third-party code, not the organisation's own AI assets. */
export const DEFAULT_EXCLUDES = [
  '.git/',
  '.hg/',
  '.svn/',
  'node_modules/',
  '__pycache__/',
  '.venv/',
  'venv/',
  '.tox/',
  '.mypy_cache/',
  '.pytest_cache/',
  '.ruff_cache/',
  '.ipynb_checkpoints/',
  '.terraform/',
  '.aispm/',
  'site-packages/',
];

export const IGNORE_FILE = '.aispmignore';

// Synchronous file-system calls: a walk of 50,000 files makes 50,000 stat calls, and a synchronous stat
// costs a fraction of an asynchronous one (which takes a thread-pool round trip). The generator stays
// asynchronous so that consumers can interleave work between entries.
const attempt = <T>(f: () => T): T | undefined => {
  try {
    return f();
  } catch {
    return undefined;
  }
};

/** A gitignore line that can only match folders: `name/`, with no negation (blank lines and comments match nothing). */
function isFolderOnlyRule(line: string): boolean {
  const r = line.trim();
  return r === '' || r.startsWith('#') || (r.endsWith('/') && !r.endsWith('\\/') && !r.startsWith('!'));
}

export async function* walk(root: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const rootReal = realpathSync(root);
  const ig: Ignore = ignore();
  if (opts.defaultExcludes !== false) ig.add(DEFAULT_EXCLUDES);
  if (opts.exclude?.length) ig.add(opts.exclude);
  const ignoreFile = attempt(() => readFileSync(path.join(rootReal, IGNORE_FILE), 'utf8'));
  if (ignoreFile !== undefined) ig.add(ignoreFile);
  // Folders are asked about before they are entered, so when every rule names folders only, no file can match.
  const rules = [...(opts.defaultExcludes !== false ? DEFAULT_EXCLUDES : []), ...(opts.exclude ?? []), ...(ignoreFile?.split(/\r?\n/) ?? [])];
  const filesCanMatch = rules.some((r) => !isFolderOnlyRule(r));
  const maxDepth = opts.maxDepth ?? 64;
  const warn = opts.onWarning ?? (() => {});
  const visited = new Set<string>([rootReal]);

  // Explicit stack instead of recursion: deep trees cannot overflow the JS stack.
  const stack: Array<{ abs: string; rel: string; depth: number }> = [{ abs: rootReal, rel: '', depth: 0 }];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (e) {
      warn({ file: dir.rel || '.', message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? e}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // deterministic order
    const subdirs: Array<{ abs: string; rel: string; depth: number }> = [];
    for (const ent of entries) {
      const rel = dir.rel ? `${dir.rel}/${ent.name}` : ent.name;
      const abs = path.join(dir.abs, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      let target = abs;
      if (ent.isSymbolicLink()) {
        const real = attempt(() => realpathSync(abs));
        if (real === undefined) {
          warn({ file: rel, message: 'broken symbolic link skipped' });
          continue;
        }
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
          warn({ file: rel, message: 'symbolic link points outside the scanned root; not followed' });
          continue;
        }
        const st = attempt(() => statSync(real));
        if (!st) continue;
        isDir = st.isDirectory();
        isFile = st.isFile();
        target = real;
        if (isDir && visited.has(real)) {
          warn({ file: rel, message: 'symbolic link loop (folder already visited); not followed' });
          continue;
        }
      }
      if (isDir) {
        if (ig.ignores(rel + '/')) continue;
        if (dir.depth + 1 > maxDepth) {
          warn({ file: rel, message: `folder nesting deeper than ${maxDepth} levels; not descended` });
          continue;
        }
        if (target !== abs) visited.add(target);
        else visited.add(abs);
        subdirs.push({ abs: target, rel, depth: dir.depth + 1 });
      } else if (isFile) {
        if (filesCanMatch && ig.ignores(rel)) continue;
        let st: Stats;
        try {
          st = statSync(target);
        } catch (e) {
          warn({ file: rel, message: `cannot stat file: ${(e as NodeJS.ErrnoException).code ?? e}` });
          continue;
        }
        const size = st.size;
        yield { abs: target, rel, size };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}
