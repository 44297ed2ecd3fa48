// Source kinds beyond a plain folder, registered with the server's source registry (src/server/sources.ts):
//   git         a repository URL or local path, optionally `#branch`; fetched shallow into <data dir>/git-cache
//   mcp-config  an MCP client config file (e.g. ~/.cursor/mcp.json) or the folder holding such files
//   egress-log  a proxy/DNS/TLS/firewall log file, or a folder of them
// Each turns its location into a folder the scanner walks; files are staged by hard link (copy across file systems)
// into a private temp folder, never by symlink (the walker refuses links out of the root).

import { copyFileSync, linkSync, mkdirSync, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireDirLock } from '../../store/lock.js';
import { registerSourceKind, type SourceKind } from '../sources.js';
import { fetchGitSource, GitSourceError, normaliseGitUrl } from './git.js';

/** `url#ref` → url and ref (a `#` is never part of a git URL or path we accept). */
export function splitGitLocation(location: string): { url: string; ref?: string } {
  const i = location.lastIndexOf('#');
  if (i < 0) return { url: location.trim() };
  const ref = location.slice(i + 1).trim();
  return { url: location.slice(0, i).trim(), ...(ref ? { ref } : {}) };
}

function stageFile(file: string, dest: string): void {
  mkdirSync(path.dirname(dest), { recursive: true });
  try {
    linkSync(file, dest);
  } catch {
    copyFileSync(file, dest);
  }
}

function stagingDir(kind: string): { dir: string; release: () => Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `aispm-${kind}-`));
  return { dir, release: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function statOf(p: string) {
  return fs.stat(p).catch(() => undefined);
}

export function gitSourceKind(cacheDir: string): SourceKind {
  return {
    kind: 'git',
    description: 'a git repository, checked out shallow for each scan',
    hint: 'a git URL or local repository path, optionally #branch, e.g. https://github.com/acme/ai-platform.git#main',
    async validate(location) {
      const { url, ref } = splitGitLocation(location);
      try {
        normaliseGitUrl(url);
      } catch (e) {
        return (e as Error).message;
      }
      if (ref !== undefined && !/^(?!-)(?!.*\.\.)[\w./-]{1,200}$/.test(ref)) return `not a branch or tag name: ${ref}`;
      return undefined;
    },
    async prepare(_ctx, source) {
      const { url, ref } = splitGitLocation(source.location);
      // one fetch-and-scan per checkout at a time, across processes on this machine (a retry overlapping a run)
      mkdirSync(cacheDir, { recursive: true });
      const lockDir = path.join(cacheDir, 'locks', String(source.id));
      mkdirSync(lockDir, { recursive: true });
      let lock;
      try {
        lock = acquireDirLock(lockDir);
      } catch (e) {
        throw new GitSourceError(`the checkout of source ${source.name} is busy: ${(e as Error).message}`);
      }
      try {
        const co = await fetchGitSource({ url, ref, cacheDir });
        return { root: co.dir, release: async () => lock.release() };
      } catch (e) {
        lock.release();
        throw e;
      }
    },
  };
}

/**
 * A source that is one file or a folder on the server. A folder is scanned as it is; a single file is staged into a
 * temporary folder at the path `stagedPath` gives, because collectors recognise some files by where they sit.
 */
function fileOrFolderSourceKind(kind: string, what: string, words: Pick<SourceKind, 'description' | 'hint'>,
  stagedPath: (location: string) => string): SourceKind {
  return {
    kind,
    ...words,
    async validate(location) {
      if (!path.isAbsolute(location)) return `an ${what} source needs an absolute path on the server`;
      const st = await statOf(location);
      if (!st) return `no such file or folder on the server: ${location}`;
      if (!st.isFile() && !st.isDirectory()) return `not a file or folder: ${location}`;
      return undefined;
    },
    async prepare(_ctx, source) {
      const st = await statOf(source.location);
      if (!st) throw new Error(`${what} not found: ${source.location}`);
      if (st.isDirectory()) return { root: source.location };
      const staged = stagingDir(kind);
      stageFile(source.location, path.join(staged.dir, stagedPath(source.location)));
      return { root: staged.dir, release: staged.release };
    },
  };
}

/** MCP client configs: the collector recognises them by their folder and name (`.cursor/mcp.json`), so both are kept. */
export const mcpConfigSourceKind = fileOrFolderSourceKind('mcp-config', 'MCP config', {
  description: 'MCP client configurations (Cursor, Claude, VS Code, ...)',
  hint: 'an absolute path to an MCP config file or a folder of them, e.g. /home/dev/.cursor/mcp.json',
}, (location) =>
  path.join(path.basename(path.dirname(location)), path.basename(location)),
);

/** Egress logs: a single file is staged under `logs/`, where the egress-logs collector reads any `*.log`. */
export const egressLogSourceKind = fileOrFolderSourceKind('egress-log', 'egress log', {
  description: 'proxy, DNS, TLS or firewall logs (shadow AI)',
  hint: 'an absolute path to a log file or a folder of logs, e.g. /var/log/squid/access.log',
}, (location) => {
  const base = path.basename(location);
  // a log whose name does not say it is one (export.txt) is still read as one under logs/ with a .log name
  const name = /\.log(?:\.\d+)?(?:\.gz)?$/.test(base) ? base : /\.gz$/.test(base) ? base.replace(/\.gz$/, '.log.gz') : `${base}.log`;
  return path.join('logs', name);
});

/** Registers the job queue's source kinds; `dataDir` holds the git cache (each worker machine has its own). */
export function registerJobSourceKinds(o: { dataDir: string }): void {
  registerSourceKind(gitSourceKind(path.join(o.dataDir, 'git-cache')));
  registerSourceKind(mcpConfigSourceKind);
  registerSourceKind(egressLogSourceKind);
}

export const JOB_SOURCE_KINDS = ['git', 'mcp-config', 'egress-log'] as const;
