// Renders the benchmark's results as Markdown: machine facts, goals with pass/fail, the numbers.
import type { ChildResult } from './child-result.js';
import type { ModelScore } from './metrics.js';
import type { PeerResult } from './peer-cdxgen.js';

export interface StoreCost {
  /** Process wall time of a CLI-like run (spawn to exit) without the store, median of the scan runs. */
  noStoreMs: number;
  fresh?: { processMs: number; child: ChildResult };
  existing?: { processMs: number; child: ChildResult };
  skipped?: string;
}

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  machine: { cores: number; cpu: string; ramGb: number; node: string; platform: string };
  tree: { files: number; bytes: number; generatedMs?: number; generator: string; seed: number };
  runs: Array<{ child: ChildResult; processMs: number }>;
  /** The median run with the content detectors off (`--no-content`): the inventory alone. */
  inventoryOnly?: ChildResult;
  median: ChildResult;
  best: ChildResult;
  score: ModelScore;
  store: StoreCost;
  peer: PeerResult;
  peerScore?: ModelScore;
}

const MB = 1024 * 1024;
const pct = (x?: number) => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mbps = (r: ChildResult) => r.bytes / MB / (r.wallMs / 1000);
const fps = (r: ChildResult) => r.files / (r.wallMs / 1000);

export function goals(r: BenchResults): Array<{ goal: string; value: string; pass: boolean | undefined }> {
  const peakRss = Math.max(...r.runs.map((x) => x.child.maxRssKb)) * 1024;
  const inv = r.inventoryOnly;
  return [
    // the core's goal is the inventory (collectors); detectors have their own, later goal below
    {
      goal: 'inventory ≥ 40 MB/s (`--no-content`, median run)',
      value: inv ? `${mbps(inv).toFixed(1)} MB/s` : 'not measured',
      pass: inv ? mbps(inv) >= 40 : undefined,
    },
    {
      goal: 'every detector ≥ 36 MB/s (4x gitleaks\' ~9 MB/s; later goal)',
      value: `${mbps(r.median).toFixed(1)} MB/s`,
      pass: mbps(r.median) >= 36,
    },
    { goal: 'peak RSS < 1 GB (worst run)', value: `${(peakRss / MB).toFixed(0)} MB`, pass: peakRss < 1024 * MB },
    { goal: 'model-id precision ≥ 95%', value: pct(r.score.precision), pass: r.score.precision === undefined ? undefined : r.score.precision >= 0.95 },
    {
      goal: 'inventory at least as fast as cdxgen -t ai',
      value: r.peer.measured && inv ? `${secs(inv.wallMs)} vs ${secs(r.peer.wallMs)} (with every detector: ${secs(r.median.wallMs)})` : 'not measured',
      pass: r.peer.measured && inv ? inv.wallMs <= r.peer.wallMs : undefined,
    },
  ];
}

export function renderMarkdown(r: BenchResults): string {
  const L: string[] = [];
  const verdict = (p: boolean | undefined) => (p === undefined ? 'n/a' : p ? 'PASS' : 'FAIL');
  L.push(`# Scan benchmark (${r.mode})`, '');
  L.push(`Date: ${r.date}  `, `Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.ramGb} GB RAM, Node ${r.machine.node}, ${r.machine.platform}  `);
  L.push(`Tree: ${r.tree.files.toLocaleString('en-US')} files, ${(r.tree.bytes / MB).toFixed(0)} MB (generator ${r.tree.generator}, seed ${r.tree.seed})  `);
  L.push(`Collectors registered: ${r.median.collectors.length ? r.median.collectors.join(', ') : '(none)'}`, '');
  L.push('## Goals', '', '| goal | measured | result |', '| --- | --- | --- |');
  for (const g of goals(r)) L.push(`| ${g.goal} | ${g.value} | ${verdict(g.pass)} |`);
  L.push('', '## aispm scan (in-process `scan()`, no store)', '', '| | median | best |', '| --- | --- | --- |');
  L.push(`| wall time | ${secs(r.median.wallMs)} | ${secs(r.best.wallMs)} |`);
  L.push(`| files/s | ${fps(r.median).toFixed(0)} | ${fps(r.best).toFixed(0)} |`);
  L.push(`| MB/s | ${mbps(r.median).toFixed(1)} | ${mbps(r.best).toFixed(1)} |`);
  L.push(`| peak RSS | ${(r.median.maxRssKb / 1024).toFixed(0)} MB | ${(r.best.maxRssKb / 1024).toFixed(0)} MB |`);
  if (r.inventoryOnly) L.push(`| inventory only (\`--no-content\`), median | ${secs(r.inventoryOnly.wallMs)}, ${mbps(r.inventoryOnly).toFixed(1)} MB/s, ${fps(r.inventoryOnly).toFixed(0)} files/s | |`);
  L.push('', `Runs (every collector and every content detector): ${r.runs.map((x) => secs(x.child.wallMs)).join(', ')}. Assets: ${r.median.assets} (${Object.entries(r.median.assetsByKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}); edges ${r.median.edges}; warnings ${r.median.warnings}.`);
  L.push('', '## Model-id inventory vs truth.json', '', '| tool | reported | precision | planted ids | recall |', '| --- | --- | --- | --- | --- |');
  L.push(`| aispm | ${r.score.reported} | ${pct(r.score.precision)} | ${r.score.planted} | ${pct(r.score.recall)} |`);
  if (r.peer.measured && r.peerScore) L.push(`| cdxgen ${r.peer.version} -t ai | ${r.peerScore.reported} | ${pct(r.peerScore.precision)} | ${r.peerScore.planted} | ${pct(r.peerScore.recall)} |`);
  L.push('', 'Recall by where the ids were planted (distinct ids planted there / of those, reported):', '');
  L.push('| planted in | ids | aispm found | cdxgen found |', '| --- | --- | --- | --- |');
  for (const [ctx, c] of Object.entries(r.score.byContext)) L.push(`| ${ctx} | ${c.planted} | ${c.found} | ${r.peerScore?.byContext[ctx]?.found ?? 'n/a'} |`);
  const list = (xs: string[]) => (xs.length ? xs.slice(0, 15).map((x) => `\`${x}\``).join(', ') + (xs.length > 15 ? `, … (${xs.length} in all)` : '') : 'none');
  L.push('', `aispm false positives: ${list(r.score.falsePositives)}  `, `aispm missed: ${list(r.score.missed)}`);
  if (r.peerScore) L.push('', `cdxgen false positives: ${list(r.peerScore.falsePositives)}  `, `cdxgen missed: ${list(r.peerScore.missed)}`);
  L.push('', '## Peer: cdxgen', '');
  if (r.peer.measured) L.push(`cdxgen ${r.peer.version}, \`cdxgen -t ai --no-install-deps\` with FETCH_LICENSE=false: ${secs(r.peer.wallMs)} wall (whole process, including its start-up).`);
  else L.push(`not measured: ${r.peer.reason}`);
  L.push('', '## What the store costs a CLI run', '');
  if (r.store.skipped) L.push(`not measured: ${r.store.skipped}`);
  else {
    L.push('Whole process, spawn to exit (Node start-up + scan + store), against the median `--no-store` process.', '');
    L.push('| run | process wall | vs --no-store | scan | store open | save | close |', '| --- | --- | --- | --- | --- | --- | --- |');
    L.push(`| --no-store | ${secs(r.store.noStoreMs)} | | ${secs(r.median.wallMs)} | | | |`);
    for (const [label, s] of [['fresh PGlite data dir', r.store.fresh], ['existing data dir', r.store.existing]] as const) {
      if (!s) continue;
      const t = s.child.store;
      if (t?.error) L.push(`| ${label} | ${secs(s.processMs)} | | ${secs(s.child.wallMs)} | failed: ${t.error.replace(/\|/g, '/')} | | |`);
      else L.push(`| ${label} | ${secs(s.processMs)} | +${secs(s.processMs - r.store.noStoreMs)} | ${secs(s.child.wallMs)} | ${secs(t?.openMs ?? 0)} | ${secs(t?.saveMs ?? 0)} | ${secs(t?.closeMs ?? 0)} |`);
    }
  }
  L.push('');
  return L.join('\n');
}
