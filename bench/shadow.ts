// Shadow-AI log throughput: lines per second for each egress log parser over a generated log (default
// 1,000,000 lines), from disk through detection, parsing, catalogue matching and aggregation, printed as
// a Markdown table. Logs are generated once into bench/.work/shadow/ (deterministic: same seed, same bytes).
//   node --import tsx bench/shadow.ts [--lines N] [--runs N]
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { EgressAggregator } from '../src/shadow/aggregate.js';
import { parseAllowList } from '../src/shadow/allowlist.js';
import { analyseLog } from '../src/shadow/analyse.js';
import { FORMATTERS, syntheticLog } from '../src/shadow/synthetic-log.js';
import { readFileSync } from 'node:fs';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const lines = Number(values.lines);
const runs = Math.max(1, Number(values.runs));
const here = path.dirname(fileURLToPath(import.meta.url));
const work = path.join(here, '.work', 'shadow');
const allowList = parseAllowList(readFileSync(path.join(here, '..', 'examples', 'acme-ai', 'security', 'ai-allowlist.yaml'), 'utf8'), 'ai-allowlist.yaml');

const CASES: Array<{ label: string; format: keyof typeof FORMATTERS; gzip?: boolean }> = [
  { label: 'Squid native access.log', format: 'squid' },
  { label: 'Squid native access.log (gzip)', format: 'squid', gzip: true },
  { label: 'Zeek ssl.log (TSV)', format: 'zeek' },
  { label: 'Zeek dns.log (TSV)', format: 'zeek-dns' },
  { label: 'JSON lines (gateway export)', format: 'json' },
  { label: 'CSV with header', format: 'csv' },
  { label: 'key=value (FortiGate)', format: 'kv' },
];

async function generate(file: string, format: keyof typeof FORMATTERS, gzip: boolean): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file + '.tmp');
  const sink = gzip ? createGzip() : undefined;
  if (sink) sink.pipe(out);
  const w = sink ?? out;
  for (const line of syntheticLog(format, lines, 1)) if (!w.write(line + '\n')) await once(w, 'drain');
  w.end();
  await once(out, 'close');
  const { renameSync } = await import('node:fs');
  renameSync(file + '.tmp', file);
}

const rows: string[] = [];
for (const c of CASES) {
  const file = path.join(work, `${c.format}-${lines}.log${c.gzip ? '.gz' : ''}`);
  await generate(file, c.format, !!c.gzip);
  const rates: number[] = [];
  let matched = 0;
  for (let r = 0; r < runs; r++) {
    const agg = new EgressAggregator(allowList);
    const t0 = performance.now();
    const stats = await analyseLog({ path: file }, file, agg);
    const s = (performance.now() - t0) / 1000;
    rates.push(stats.lines / s);
    matched = stats.matched;
    if (stats.malformed) throw new Error(`${c.label}: ${stats.malformed} malformed lines in a generated log`);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  const mb = statSync(file).size / (1 << 20);
  rows.push(`| ${c.label} | ${lines.toLocaleString('en')} | ${mb.toFixed(1)} | ${Math.round(median).toLocaleString('en')} | ${Math.round(rates[rates.length - 1]).toLocaleString('en')} | ${matched.toLocaleString('en')} |`);
  console.error(`[bench:shadow] ${c.label}: ${Math.round(median)} lines/s`);
}

console.log(`Shadow-AI egress log throughput (Node ${process.version}, ${runs} runs, median and best; one thread)\n`);
console.log('| parser | lines | MB on disk | lines/s (median) | lines/s (best) | AI records |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
