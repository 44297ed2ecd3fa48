// Owners inferred from the evidence, strongest first (the first source that names someone wins):
//   1. CODEOWNERS (last matching rule, as GitHub does): an explicit, reviewed ownership map;
//   2. IaC tags (`owner`, then `team`, `contact`, `maintainer` on Terraform / CloudFormation / Kubernetes):
//      what the resource says about itself;
//   3. package metadata (package.json `author`/`maintainers`, pyproject `authors`/`maintainers`) of the
//      application the asset belongs to;
//   4. git history: the most frequent author of the asset's evidence files in the recent history.
// Where the owner came from is kept as `attrs.ownerSource` (`codeowners`, `iac-tag`, `package-metadata`,
// `git-history`, or `declared` when a collector set it).

import { execFile } from 'node:child_process';
import type { Asset, Edge } from '../model/index.js';
import { CodeOwners } from './codeowners.js';

export type OwnerSource = 'declared' | 'codeowners' | 'iac-tag' | 'package-metadata' | 'git-history';

/** Per file (relative to the scanned root), how many recent commits each author made to it. */
export type GitAuthors = Map<string, Map<string, number>>;

export interface OwnerInputs {
  codeowners?: string;
  gitAuthors?: GitAuthors;
}

const TAG_ORDER = ['owner', 'team', 'contact', 'maintainer'] as const;

export function assignOwners(assets: Iterable<Asset>, edges: Iterable<Edge>, inputs: OwnerInputs): void {
  const list = [...assets];
  const byId = new Map(list.map((a) => [a.id, a]));
  const codeowners = inputs.codeowners ? new CodeOwners(inputs.codeowners) : undefined;
  // the application each part is defined in, for package metadata
  const appOf = new Map<string, Asset>();
  for (const e of edges) {
    if (e.kind !== 'defined-in') continue;
    const app = byId.get(e.to);
    if (app?.kind === 'application' && !appOf.has(e.from)) appOf.set(e.from, app);
  }
  for (const a of list) {
    if (a.kind === 'network') continue;
    if (a.owner) {
      a.attrs.ownerSource ??= 'declared';
      continue;
    }
    const found =
      fromCodeowners(a, codeowners) ??
      fromTags(a) ??
      fromPackage(a.kind === 'application' ? a : appOf.get(a.id)) ??
      fromGit(a, inputs.gitAuthors);
    if (found) {
      a.owner = found.owner;
      a.attrs.ownerSource = found.source;
    }
  }
}

type Found = { owner: string; source: OwnerSource };

function files(a: Asset): string[] {
  return [...new Set(a.evidence.map((e) => e.file).filter((f): f is string => !!f))];
}

function fromCodeowners(a: Asset, co: CodeOwners | undefined): Found | undefined {
  const first = a.evidence.find((e) => e.file)?.file;
  if (!co || !first) return undefined;
  const o = co.ownersOf(first === '.' ? '' : first);
  return o.length ? { owner: o.join(' '), source: 'codeowners' } : undefined;
}

function fromTags(a: Asset): Found | undefined {
  const tags = a.attrs.iacTags;
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return undefined;
  for (const k of TAG_ORDER) {
    const v = (tags as Record<string, unknown>)[k];
    if (typeof v === 'string' && v) return { owner: v, source: 'iac-tag' };
  }
  return undefined;
}

function fromPackage(app: Asset | undefined): Found | undefined {
  const people = app?.attrs.packageAuthors;
  if (!Array.isArray(people)) return undefined;
  const names = people.filter((p): p is string => typeof p === 'string' && !!p);
  return names.length ? { owner: names.join(' '), source: 'package-metadata' } : undefined;
}

function fromGit(a: Asset, git: GitAuthors | undefined): Found | undefined {
  if (!git) return undefined;
  const counts = new Map<string, number>();
  for (const f of files(a)) {
    if (f === '.') continue;
    for (const [author, n] of git.get(f) ?? []) counts.set(author, (counts.get(author) ?? 0) + n);
  }
  let best: [string, number] | undefined;
  for (const [author, n] of counts) if (!best || n > best[1] || (n === best[1] && author < best[0])) best = [author, n];
  return best ? { owner: best[0], source: 'git-history' } : undefined;
}

export interface GitHistoryOptions {
  /** Commits read, newest first (default 1,000). */
  maxCommits?: number;
  /** Milliseconds before git is abandoned (default 10,000). */
  timeoutMs?: number;
}

const COMMIT_MARK = '\u0001';

/**
 * Who changed which file in the recent history of the git work tree at `root` (paths relative to `root`).
 * Resolves to undefined when `root` is not in a work tree, the clone is shallow or git is not installed; rejects only with a reason
 * worth a warning (git failed or timed out inside a work tree). Never reads outside the repository.
 */
export async function readGitAuthors(root: string, opts: GitHistoryOptions = {}): Promise<GitAuthors | undefined> {
  const git = (args: string[], maxBuffer = 1 << 20) =>
    new Promise<string>((resolve, reject) =>
      execFile('git', ['-C', root, '-c', 'core.quotepath=off', ...args], { timeout: opts.timeoutMs ?? 10_000, maxBuffer, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
  const inside = await git(['rev-parse', '--is-inside-work-tree']).then(
    (s) => s.trim() === 'true',
    () => false,
  );
  if (!inside) return undefined;
  // a shallow clone (CI checkouts) shows one commit: its author would look like the owner of every file
  const shallow = await git(['rev-parse', '--is-shallow-repository']).then((s) => s.trim() === 'true', () => false);
  if (shallow) return undefined;
  const out = await git(
    ['log', `--max-count=${opts.maxCommits ?? 1000}`, '--no-merges', '--no-renames', '--relative', '--name-only', `--format=${COMMIT_MARK}%aE`, '--', '.'],
    64 << 20,
  ).catch((e: Error & { killed?: boolean }) => {
    throw new Error(e.killed ? 'git log timed out' : `git log failed: ${String(e.message).split('\n')[0]}`);
  });
  return parseGitLog(out);
}

/** Parses `git log --name-only --format=<mark>%aE` output into per-file author counts. */
export function parseGitLog(text: string): GitAuthors {
  const authors: GitAuthors = new Map();
  let author: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(COMMIT_MARK)) {
      author = line.slice(1).trim().toLowerCase() || undefined;
      continue;
    }
    const file = line.trim();
    if (!file || !author) continue;
    let m = authors.get(file);
    if (!m) authors.set(file, (m = new Map()));
    m.set(author, (m.get(author) ?? 0) + 1);
  }
  return authors;
}
