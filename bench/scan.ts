// The scan benchmark (`npm run bench:scan`): generates the tree if needed, runs the scan in a child
// process three times, scores the model inventory against truth.json, measures what the store adds to a
// CLI run, runs cdxgen's AI mode as the peer, and prints (and, for the full bench, saves) a Markdown table.
//   node --import tsx bench/scan.ts [--quick] [--runs N] [--no-peer] [--no-store] [--write]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildScanner } from './lib/build.js';
import { parseChildOutput, type ChildResult } from './lib/child-result.js';
import { DEFAULTS, generateTree, QUICK } from './lib/generate.js';
import { medianRun, scoreModels } from './lib/metrics.js';
import { BENCH_DIR, DEFAULT_TREE, PEERS_DIR, QUICK_TREE, RESULTS_FILE, WORK_DIR } from './lib/paths.js';
import { runCdxgen, type PeerResult } from './lib/peer-cdxgen.js';
import { runProcess } from './lib/process.js';
import { renderMarkdown, type BenchResults, type StoreCost } from './lib/report-md.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    'no-peer': { type: 'boolean', default: false },
    'no-store': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const runs = Math.max(1, Number(values.runs));
// Time limits keep the whole bench under ~10 minutes on 2 cores even when something hangs.
const LIMITS = quick
  ? { scanMs: 90_000, peerMs: 120_000, installMs: 180_000 }
  : { scanMs: 150_000, peerMs: 240_000, installMs: 180_000 };
const REPO_ROOT = path.dirname(BENCH_DIR);
const log = (m: string) => console.error(`[bench] ${m}`);

const base = quick ? QUICK : DEFAULTS;
const tree = quick ? QUICK_TREE : DEFAULT_TREE;
const g0 = performance.now();
const truth = await generateTree({ out: tree, ...base }, log);
const generatedMs = performance.now() - g0;
const buildDir = path.join(WORK_DIR, 'build');
log('compiling the scanner (tsc -p tsconfig.build.json)');
await buildScanner(REPO_ROOT, buildDir, 180_000);

async function child(extra: string[]): Promise<{ child: ChildResult; processMs: number }> {
  const r = await runProcess(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'scan-child.ts'), buildDir, tree, ...extra], { timeoutMs: LIMITS.scanMs, cwd: REPO_ROOT });
  if (r.timedOut) throw new Error(`scan did not finish within ${LIMITS.scanMs / 1000} s`);
  if (r.code !== 0) throw new Error(`scan child exited with ${r.code}: ${r.stderr.slice(-2000)}`);
  return { child: parseChildOutput(r.stdout), processMs: r.wallMs };
}

const scanRuns: Array<{ child: ChildResult; processMs: number }> = [];
for (let i = 0; i < runs; i++) {
  const r = await child([]);
  log(`scan run ${i + 1}/${runs}: ${(r.child.wallMs / 1000).toFixed(2)} s, ${r.child.assets} assets, RSS ${(r.child.maxRssKb / 1024).toFixed(0)} MB`);
  scanRuns.push(r);
}
// the inventory alone (collectors, no content detectors), as `aispm scan --no-content` runs it
const inventoryRuns: ChildResult[] = [];
for (let i = 0; i < runs; i++) {
  inventoryRuns.push((await child(['--no-content'])).child);
  log(`inventory-only run ${i + 1}/${runs} (--no-content): ${(inventoryRuns[i].wallMs / 1000).toFixed(2)} s`);
}
const inventoryOnly = medianRun(inventoryRuns);
const median = medianRun(scanRuns.map((r) => r.child));
const best = scanRuns.map((r) => r.child).reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
const noStoreMs = medianRun(scanRuns.map((r) => ({ wallMs: r.processMs }))).wallMs;

const store: StoreCost = { noStoreMs };
if (values['no-store']) store.skipped = 'skipped (--no-store)';
else {
  mkdirSync(WORK_DIR, { recursive: true });
  const dataDir = path.join(mkdtempSync(path.join(WORK_DIR, 'store-')), 'data');
  try {
    store.fresh = await child(['--store', dataDir]);
    log(`store, fresh data dir: ${(store.fresh.processMs / 1000).toFixed(2)} s`);
    store.existing = await child(['--store', dataDir]);
    log(`store, existing data dir: ${(store.existing.processMs / 1000).toFixed(2)} s`);
  } catch (e) {
    store.skipped = `failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
}

let peer: PeerResult;
if (values['no-peer']) peer = { measured: false, reason: 'skipped (--no-peer)' };
else {
  log('running cdxgen -t ai (installing it into bench/.work/peers if needed)');
  peer = await runCdxgen(PEERS_DIR, tree, LIMITS.peerMs, LIMITS.installMs);
  log(peer.measured ? `cdxgen: ${(peer.wallMs / 1000).toFixed(2)} s, ${peer.models.length} models` : `cdxgen not measured: ${peer.reason}`);
}

const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  mode: quick ? 'quick' : 'full',
  machine: {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  },
  tree: { files: truth.tree.files, bytes: truth.tree.bytes, generatedMs, generator: truth.generator.version, seed: truth.generator.seed },
  runs: scanRuns,
  inventoryOnly,
  median,
  best,
  score: scoreModels(median.models, truth),
  store,
  peer,
  ...(peer.measured ? { peerScore: scoreModels(peer.models, truth) } : {}),
};
// Shadow AI inside a scan: the egress-logs collector over the example organisation's 100,000-line proxy log,
// through the same scan() a user runs (walk, collector, graph), in lines per second.
async function shadowInScan(): Promise<string> {
  const { scan } = await import('../src/scan.js');
  const { gunzipSync } = await import('node:zlib');
  const { readdirSync, readFileSync } = await import('node:fs');
  const logs = path.join(REPO_ROOT, 'examples', 'acme-ai', 'logs');
  let lines = 0;
  for (const f of readdirSync(logs, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const buf = readFileSync(path.join(f.parentPath, f.name));
    const text = (f.name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
    lines += text.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
  }
  const times: number[] = [];
  let services = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await scan({ root: logs, collectors: ['egress-logs'], checks: false, content: false });
    times.push(performance.now() - t0);
    services = r.assets.filter((a) => a.kind === 'ai-service').length;
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)]!;
  log(`shadow AI in scan: ${lines} lines in ${(med / 1000).toFixed(2)} s`);
  return [
    '',
    '## Shadow AI in the scan (egress-logs collector)',
    '',
    `\`scan()\` of \`examples/acme-ai/logs\` with the egress-logs collector only (${runs} runs, median): walk, decompression, parsing, catalogue matching, aggregation and graph.`,
    '',
    '| log lines | wall time | lines/s | AI services found |',
    '| ---: | ---: | ---: | ---: |',
    `| ${lines.toLocaleString('en')} | ${(med / 1000).toFixed(2)} s | ${Math.round(lines / (med / 1000)).toLocaleString('en')} | ${services} |`,
    '',
    'Per-format parser throughput over 1,000,000-line logs is in `shadow.md` (`npm run bench:shadow`).',
    '',
  ].join('\n');
}

const md = renderMarkdown(results) + (await shadowInScan());
process.stdout.write(md);
if (!quick || values.write) {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, md);
  log(`written to ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}
