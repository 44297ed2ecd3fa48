// The one orchestrator of a scan: walk -> collectors (in worker threads for large trees) -> graph -> Report.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { COLLECTORS, selectCollectors } from './collectors/index.js';
import { runBatch, type BatchFile, type BatchResult } from './collectors/dispatch.js';
import { DEFAULT_LIMITS, type ReadLimits } from './collectors/file-input.js';
import type { CollectorOutput } from './collectors/types.js';
import { buildGraph } from './graph/builder.js';
import { CODEOWNERS_PATHS } from './graph/codeowners.js';
import { readGitAuthors } from './graph/owners.js';
import { REPORT_SCHEMA_VERSION, type Report, type ScanStats, type ScanWarning } from './model/index.js';
import { type CheckText, evaluate, findAttackPaths, GraphIndex, loadChecks, PolicyLoadError, prioritise } from './policy/index.js';
import { prepareSuppressions, SuppressionInputError } from './policy/suppress/index.js';
import { walk } from './walker/index.js';
import { VERSION } from './version.js';

export interface ScanOptions {
  root: string;
  /** Name of the source in the store and reports; defaults to the root folder's name. */
  sourceName?: string;
  exclude?: string[];
  limits?: Partial<ReadLimits>;
  maxDepth?: number;
  /** Worker threads; 0 or 1 runs in-process. Defaults to the number of cores for large trees. */
  workers?: number;
  collectors?: string[];
  /** Run the content detectors over what the collectors found (default true); false gives the inventory alone. */
  content?: boolean;
  /** Judge the graph with the checks (default true): the built-in library plus these policy folders. */
  checks?: boolean;
  policyDirs?: string[];
  /** Checks given as YAML text (the server's custom checks), judged with the library and the folders. */
  policyTexts?: readonly CheckText[];
  /** Infer owners of last resort from git history when the root is in a git work tree (default true). */
  gitOwners?: boolean;
  /** An ignore file (default: `.aispm-ignore.yaml` at the root when present); see src/policy/suppress/. */
  ignoreFile?: string;
  /** A previous JSON report or SARIF file: findings already in it are marked suppressed (kind `baseline`). */
  baseline?: string;
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanProgress {
  phase: 'walk' | 'collect' | 'graph';
  files: number;
  totalFiles?: number;
  bytes: number;
  totalBytes?: number;
}

/** Raised for problems with what the user asked for (exit code 2), not with what was scanned. */
export class ScanInputError extends Error {}

const BATCH_FILES = 48;
const BATCH_BYTES = 32 * 1024 * 1024;
/** Below this many files a worker pool costs more than it saves. */
const WORKER_THRESHOLD = 400;

export async function scan(opts: ScanOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rootAbs = path.resolve(opts.root);
  const st = await fs.stat(rootAbs).catch(() => undefined);
  if (!st) throw new ScanInputError(`path not found: ${opts.root}`);
  if (!st.isDirectory()) throw new ScanInputError(`not a folder: ${opts.root} (scan takes a folder)`);
  const collectors = selectCollectors(opts.collectors);
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const content = opts.content !== false;
  const warnings: ScanWarning[] = [];
  const suppressions = opts.checks === false ? undefined : prepareSuppressionsOrFail(rootAbs, opts, startedAt);

  // read in the background while the walk and the collectors run; never fails the scan
  const gitAuthors =
    opts.gitOwners === false
      ? undefined
      : readGitAuthors(rootAbs).catch((e: Error) => void warnings.push({ message: `owners from git history skipped: ${e.message}`, collector: 'graph' }));

  // The walk feeds the workers as it goes (they start once the tree is known to be large enough), so
  // listing the tree, starting the workers and collecting overlap instead of following one another.
  const feed = new BatchFeed();
  // Results are kept in batch order, so the graph (and every output) is identical however the work was split.
  const results: BatchResult[] = [];
  let fileCount = 0;
  let totalBytes = 0;
  let walked = false;
  let doneFiles = 0;
  let doneBytes = 0;
  const onBatch = (index: number, b: BatchFile[], r: BatchResult) => {
    results[index] = r;
    doneFiles += b.length;
    doneBytes += b.reduce((s, f) => s + f.size, 0);
    if (walked) opts.onProgress?.({ phase: 'collect', files: doneFiles, totalFiles: fileCount, bytes: doneBytes, totalBytes });
  };
  let pool: WorkerPool | undefined;
  const startPoolIfLarge = () => {
    if (pool) return;
    const wantWorkers = opts.workers ?? (fileCount >= WORKER_THRESHOLD ? Math.min(os.availableParallelism(), 8) : 1);
    if (wantWorkers > 1 && feed.size > 1) pool = new WorkerPool(feed, wantWorkers, { collectorIds: collectors.map((c) => c.id), limits, content }, onBatch);
  };

  let codeowners: string | undefined;
  let batch: BatchFile[] = [];
  let batchBytes = 0;
  for await (const e of walk(rootAbs, { exclude: opts.exclude, maxDepth: opts.maxDepth, onWarning: (w) => warnings.push(w) })) {
    fileCount++;
    totalBytes += e.size;
    if (CODEOWNERS_PATHS.includes(e.rel) && codeowners === undefined && e.size < 1 << 20) codeowners = await fs.readFile(e.abs, 'utf8');
    if (fileCount % 2000 === 0) opts.onProgress?.({ phase: 'walk', files: fileCount, bytes: totalBytes });
    batch.push(e);
    batchBytes += e.size;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
      feed.push(batch);
      batch = [];
      batchBytes = 0;
      startPoolIfLarge();
      if (pool) {
        pool.grow();
        if (pool.failed) break;
        // the walk is synchronous underneath: let the workers' finished batches in
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  if (batch.length) feed.push(batch);
  feed.close();
  walked = true;

  if (!pool) startPoolIfLarge();
  if (pool) {
    pool.grow();
    opts.onProgress?.({ phase: 'collect', files: doneFiles, totalFiles: fileCount, bytes: doneBytes, totalBytes });
    await pool.done();
  } else {
    for (let i = 0; i < feed.size; i++) onBatch(i, feed.at(i), await runBatch(feed.at(i), collectors, limits, content));
  }

  opts.onProgress?.({ phase: 'graph', files: doneFiles, totalFiles: fileCount, bytes: doneBytes, totalBytes });
  const outputs: CollectorOutput[] = results.map((r) => r.output);
  for (const o of outputs) warnings.push(...o.warnings);
  const graph = buildGraph(outputs, { rootName: opts.sourceName ?? path.basename(rootAbs), codeowners, gitAuthors: (await gitAuthors) ?? undefined });
  const judged = opts.checks === false ? undefined : judge(graph, { dirs: opts.policyDirs, texts: opts.policyTexts }, warnings);
  // muted findings stay in the report, marked, so that every output (and --fail-on) sees the same thing
  if (judged) suppressions?.apply(judged.findings, graph.assets, warnings);

  const byCollector: ScanStats['byCollector'] = {};
  for (const r of results) {
    for (const [id, t] of Object.entries(r.timing)) {
      const acc = (byCollector[id] ??= { files: 0, assets: 0, ms: 0 });
      acc.files += t.files;
      acc.assets += t.assets;
      acc.ms += t.ms;
    }
  }
  for (const acc of Object.values(byCollector)) acc.ms = Math.round(acc.ms);
  warnings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aispm', version: VERSION },
    scan: {
      root: opts.root,
      source: opts.sourceName ?? path.basename(rootAbs),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      stats: { files: fileCount, bytes: totalBytes, skipped: 0, durationMs: Math.round(performance.now() - t0), byCollector },
      ...(judged ? { checks: judged.checks } : {}),
    },
    assets: graph.assets,
    edges: graph.edges,
    warnings,
    ...(judged ? { findings: judged.findings, paths: judged.paths } : {}),
  };
}

/**
 * Checks over the graph, then attack paths (which list the findings on them), then each finding's score from
 * its context (which counts the paths): findings by priority (score, then severity, then check and fingerprint).
 */
function judge(graph: { assets: Report['assets']; edges: Report['edges'] }, policy: { dirs?: string[]; texts?: readonly CheckText[] }, warnings: ScanWarning[]) {
  let set;
  try {
    set = loadChecks(policy);
  } catch (e) {
    if (e instanceof PolicyLoadError) throw new ScanInputError(e.message);
    throw e;
  }
  const index = new GraphIndex(graph);
  const { findings, problems } = evaluate(graph, set, { graph: index });
  for (const p of problems) warnings.push({ message: `check ${p.checkId} could not be evaluated${p.assetId ? ` on ${p.assetId}` : ''}: ${p.message}`, collector: 'policy' });
  const { paths, truncated } = findAttackPaths(index, { findings });
  if (truncated) warnings.push({ message: 'attack-path search stopped at its work budget: more paths may exist', collector: 'policy' });
  // the checks that ran: the store resolves only their findings when a rescan no longer sees them
  const checks = set.checks.filter((c) => c.maturity !== 'deprecated').map((c) => c.id);
  return { findings: prioritise(findings, index, paths), paths, checks };
}

function prepareSuppressionsOrFail(root: string, opts: ScanOptions, now: Date) {
  try {
    return prepareSuppressions({ root, ignoreFile: opts.ignoreFile, baseline: opts.baseline, now });
  } catch (e) {
    if (e instanceof SuppressionInputError) throw new ScanInputError(e.message);
    throw e;
  }
}

/** Batches in walk order, handed to whoever asks next as soon as the walk has made them. */
class BatchFeed {
  private readonly batches: BatchFile[][] = [];
  private next = 0;
  private closed = false;
  private waiting: Array<() => void> = [];

  get size(): number {
    return this.batches.length;
  }
  at(i: number): BatchFile[] {
    return this.batches[i];
  }
  push(b: BatchFile[]): void {
    this.batches.push(b);
    this.wake();
  }
  close(): void {
    this.closed = true;
    this.wake();
  }
  /** The next batch not yet taken, waiting for the walk when it has none yet; undefined once all are taken. */
  async take(): Promise<{ index: number; batch: BatchFile[] } | undefined> {
    while (this.next >= this.batches.length) {
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const index = this.next++;
    return { index, batch: this.batches[index] };
  }
  private wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const resolve of w) resolve();
  }
}

/**
 * A small pull-based pool: each worker asks the feed for the next batch when it finishes one. Workers are
 * started as batches arrive, never more than there are batches, so a tree of three batches starts three.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly running: Promise<void>[] = [];
  private readonly workerFile: string;
  private error: Error | undefined;

  constructor(
    private readonly feed: BatchFeed,
    private readonly max: number,
    private readonly workerData: { collectorIds: string[]; limits: ReadLimits; content: boolean },
    private readonly onBatch: (index: number, b: BatchFile[], r: BatchResult) => void,
  ) {
    const here = fileURLToPath(import.meta.url);
    this.workerFile = path.join(path.dirname(here), 'scan-worker' + path.extname(here));
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  /** Starts workers up to the limit and the number of batches made so far. */
  grow(): void {
    while (!this.error && this.workers.length < this.max && this.workers.length < this.feed.size) this.running.push(this.run());
  }

  async done(): Promise<void> {
    await Promise.all(this.running);
    if (this.error) throw this.error;
  }

  private run(): Promise<void> {
    const w = startWorker(this.workerFile, this.workerData);
    this.workers.push(w);
    return new Promise<void>((resolve) => {
      let current: { index: number; batch: BatchFile[] } | undefined;
      let settled = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err && !this.error) {
          this.error = err;
          for (const other of this.workers) void other.terminate();
        }
        resolve();
      };
      const feedNext = async () => {
        current = this.error ? undefined : await this.feed.take();
        if (!current) {
          void w.terminate().then(() => finish());
          return;
        }
        w.postMessage(current.batch);
      };
      w.on('message', (m: { ready?: true; result?: BatchResult }) => {
        if (m.result && current) this.onBatch(current.index, current.batch, m.result);
        void feedNext();
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (current) finish(new Error(`scan worker exited with code ${code} while processing ${current.batch[0]?.rel}`));
        else finish();
      });
    });
  }
}

/**
 * Compiled builds run the worker file directly. Running from TypeScript sources (tests, benchmarks under
 * tsx), the loader does not reach worker threads, so the worker registers tsx itself before importing.
 */
function startWorker(workerFile: string, workerData: unknown): Worker {
  if (!workerFile.endsWith('.ts')) return new Worker(workerFile, { workerData });
  const url = pathToFileURL(workerFile).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export { COLLECTORS };
