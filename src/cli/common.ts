// What the aispm commands share: exit codes, argument parsers, the scan flags, output and the configured store.
// Each command lives in its own module and registers itself on the program (see main.ts).

import { Command, InvalidArgumentError } from 'commander';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Report } from '../model/index.js';
import { scan, type ScanOptions } from '../scan.js';
import { defaultDataDir } from './config.js';
import { createProgress } from './progress.js';

/** 0 ok, 1 findings at or above --fail-on, 2 bad usage or input, 3 anything else went wrong. */
export const EXIT = { ok: 0, findings: 1, usage: 2, error: 3 } as const;


/** Set by commands that finish normally but must fail the build (--fail-on). */
let exitCode: number = EXIT.ok;
export function setExitCode(code: number): void {
  exitCode = code;
}
export function takeExitCode(): number {
  return exitCode;
}

export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 500000, 16MB or 2GB');
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1 << 20, mb: 1 << 20, g: 1 << 30, gb: 1 << 30 };
  return Math.round(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
}

export function parseIntArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export const collect = (v: string, prev: string[] = []) => [...prev, v];

export interface CommonScanFlags {
  exclude?: string[];
  maxFileSize?: number;
  maxDepth?: number;
  workers?: number;
  collectors?: string;
  content?: boolean;
  checks?: boolean;
  policy?: string[];
  source?: string;
  gitOwners?: boolean;
  /** Suppression inputs (scan only): see src/policy/suppress/. */
  ignoreFile?: string;
  baseline?: string;
  quiet?: boolean;
}

export function scanOptions(root: string, o: CommonScanFlags): ScanOptions {
  return {
    root,
    sourceName: o.source,
    exclude: o.exclude,
    limits: o.maxFileSize ? { maxContentBytes: o.maxFileSize } : undefined,
    maxDepth: o.maxDepth,
    workers: o.workers,
    collectors: o.collectors ? o.collectors.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    content: o.content,
    checks: o.checks,
    policyDirs: o.policy,
    gitOwners: o.gitOwners,
    ignoreFile: o.ignoreFile,
    baseline: o.baseline,
  };
}

export async function runScan(root: string, o: CommonScanFlags): Promise<Report> {
  const progress = createProgress(!o.quiet);
  try {
    return await scan({ ...scanOptions(root, o), onProgress: (p) => progress.update(p) });
  } finally {
    progress.done();
  }
}

export async function emit(text: string, output?: string): Promise<void> {
  if (output) {
    await fs.mkdir(path.dirname(path.resolve(output)), { recursive: true });
    await fs.writeFile(output, text);
  } else {
    await new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));
  }
}

export function addScanFlags(cmd: Command): Command {
  return cmd
    .option('--exclude <glob>', 'exclude paths (gitignore syntax; repeatable)', collect)
    .option('--max-file-size <size>', 'largest file read for content analysis (default 16MB)', parseSize)
    .option('--max-depth <n>', 'deepest folder nesting descended (default 64)', parseIntArg)
    .option('--workers <n>', 'worker threads (default: number of cores for large trees)', parseIntArg)
    .option('--collectors <ids>', 'run only these collectors (comma-separated)')
    .option('--no-content', 'inventory only: skip the content detectors (credentials, PII, model-file safety, hidden instructions)')
    .option('--no-checks', 'inventory only: do not judge the graph with the checks')
    .option('--policy <dir>', 'also load the checks in this folder (repeatable; same format as checks/)', collect)
    .option('--source <name>', 'name of the source in the store and reports (default: folder name)')
    .option('--no-git-owners', 'do not infer owners from git history (CODEOWNERS, IaC tags and package metadata still count)')
    .option('-q, --quiet', 'no progress bar and no informational messages on stderr');
}

export async function openConfiguredStore(dataDir?: string) {
  const { openStore } = await import('../store/index.js');
  return openStore({ dataDir: dataDir ?? defaultDataDir(), databaseUrl: process.env.DATABASE_URL });
}

/** A source is named like the folder that was scanned, unless the user gives a plain name. */
export async function sourceName(arg: string): Promise<string> {
  const st = await fs.stat(arg).catch(() => undefined);
  return st?.isDirectory() ? path.basename(path.resolve(arg)) : arg;
}

