// Git sources: a shallow checkout of a repository (URL or local path) kept in a cache folder under the data dir and
// refreshed before each scan, with the `git` command line (execFile, never a shell). Nothing in the checkout runs:
// hooks are disabled, no submodules are fetched, and only plain transports are allowed (no `ext::`).

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { maskSecrets } from '../../util/mask.js';

export class GitSourceError extends Error {
  override name = 'GitSourceError';
}

export interface GitCheckout {
  /** Folder with the checked-out files (scan this). */
  dir: string;
  commit: string;
  /** What was fetched: the branch or tag, or HEAD. */
  ref: string;
  /** True when this call created the checkout, false when it refreshed an existing one. */
  cloned: boolean;
}

export interface FetchGitOptions {
  /** A git URL (https, ssh, git, file, or scp-like user@host:path) or a local repository path. */
  url: string;
  /** Branch or tag; default: the remote's HEAD. */
  ref?: string;
  /** The cache folder (one sub-folder per repository and ref). */
  cacheDir: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const URL_SCHEMES = /^(?:https?|ssh|git|file):\/\//i;
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;
const SAFE_REF = /^(?!-)(?!.*\.\.)[\w./-]{1,200}$/;

/** Turns what a user typed into what git is given; refuses anything that could run a command or an option. */
export function normaliseGitUrl(url: string): string {
  const u = url.trim();
  if (!u) throw new GitSourceError('empty git URL');
  if (u.startsWith('-')) throw new GitSourceError(`not a git URL: ${maskUrlCredentials(u)}`);
  if (/^[a-z][\w+.-]*::/i.test(u)) throw new GitSourceError(`git remote helpers ("${u.split('::')[0]}::") are not allowed`);
  if (URL_SCHEMES.test(u) || SCP_LIKE.test(u)) return u;
  if (/^[a-z][\w+.-]*:\/\//i.test(u)) throw new GitSourceError(`unsupported git URL scheme: ${maskSecrets(u.split('://')[0])} (use https, ssh, git or file)`);
  // a local path: file:// so that --depth is honoured (git ignores it for plain local paths)
  const abs = path.resolve(u);
  if (!existsSync(abs)) throw new GitSourceError(`git repository not found: ${u}`);
  return pathToFileURL(abs).href;
}

/** A stable, readable cache folder name per repository and ref (no credentials from the URL in it). */
export function checkoutDirName(url: string, ref?: string): string {
  const hash = createHash('sha256').update(`${url}\n${ref ?? ''}`).digest('hex').slice(0, 16);
  const base = url.replace(/\.git$/, '').split(/[/:]/).filter(Boolean).pop() ?? 'repo';
  const safe = base.replace(/[^\w.-]/g, '_').slice(0, 40) || 'repo';
  return `${safe}-${hash}`;
}

interface GitRun {
  stdout: string;
}

function git(args: string[], o: { cwd?: string; timeoutMs: number; signal?: AbortSignal }): Promise<GitRun> {
  // no prompts (a job has no terminal), no hooks from anywhere, no ext:: transport, no fsmonitor programs
  const safety = ['-c', 'core.hooksPath=/dev/null', '-c', 'protocol.ext.allow=never', '-c', 'core.fsmonitor=false', '-c', 'advice.detachedHead=false'];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...safety, ...args],
      {
        cwd: o.cwd,
        timeout: o.timeoutMs,
        signal: o.signal,
        maxBuffer: 16 << 20,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes', LC_ALL: 'C' },
      },
      (err, stdout, stderr) => {
        if (err) {
          const detail = (stderr || err.message).trim().split('\n').filter(Boolean).slice(-3).join(' | ');
          const code = (err as NodeJS.ErrnoException).code;
          reject(new GitSourceError(code === 'ENOENT' ? 'the git command is not installed' : `git ${args[0]} failed: ${maskUrlCredentials(detail)}`));
        } else resolve({ stdout });
      },
    );
  });
}

/** Clones (shallow, one branch) or refreshes the checkout of `url` at `ref`, and returns where it is. */
export async function fetchGitSource(o: FetchGitOptions): Promise<GitCheckout> {
  const url = normaliseGitUrl(o.url);
  if (o.ref !== undefined && !SAFE_REF.test(o.ref)) throw new GitSourceError(`not a branch or tag name: ${o.ref}`);
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  mkdirSync(o.cacheDir, { recursive: true });
  const dir = path.join(o.cacheDir, checkoutDirName(url, o.ref));
  const run = (args: string[], cwd?: string) => git(args, { cwd, timeoutMs, signal: o.signal });

  const usable = existsSync(path.join(dir, '.git')) && statSync(path.join(dir, '.git')).isDirectory();
  let cloned = false;
  if (usable) {
    // the cached checkout follows the source's URL even when the URL was edited (same ref, same folder name)
    await run(['remote', 'set-url', 'origin', url], dir);
    await run(['fetch', '--depth', '1', '--no-tags', '--no-recurse-submodules', 'origin', o.ref ?? 'HEAD'], dir);
    await run(['checkout', '--force', '--detach', 'FETCH_HEAD'], dir);
    // files the scan must not see: left over from an earlier commit (untracked, ignored) are removed
    await run(['clean', '-ffdx', '--quiet'], dir);
  } else {
    // clone into a temporary name and move it into place, so a killed clone never leaves a half checkout behind
    const tmp = `${dir}.partial-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    try {
      await run(['clone', '--depth', '1', '--single-branch', '--no-tags', '--no-recurse-submodules', ...(o.ref ? ['--branch', o.ref] : []), '--', url, tmp]);
      renameSync(tmp, dir);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    cloned = true;
  }
  const commit = (await run(['rev-parse', 'HEAD'], dir)).stdout.trim();
  return { dir, commit, ref: o.ref ?? 'HEAD', cloned };
}

/** The URL as it may be shown (credentials in it masked). */
export function displayGitUrl(url: string): string {
  return maskUrlCredentials(url.trim());
}

/** user:password@ and token@ in URLs both carry credentials: never show the user-info part. */
export function maskUrlCredentials(text: string): string {
  return maskSecrets(text.replace(/\b([a-z][\w+.-]*:\/\/)[^@/\s]+@/gi, '$1****@'));
}
