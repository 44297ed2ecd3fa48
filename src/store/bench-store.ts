// Store benchmark: open times and saves of 50,000 assets, then 200,000 findings through their lifecycle and the
// finding lists the server and CLI run, on PGlite (and PostgreSQL when AISPM_TEST_DATABASE_URL is set).
// Run: npx tsx src/store/bench-store.ts [--out bench/results/store.md] [--count N] [--findings N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type FindingQuery, openStore, type Store, type StoreOptions } from './index.js';
import { syntheticReport } from './synthetic-report.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const COUNT = Number(arg('--count') ?? 50_000);
const OUT = arg('--out');
const FINDINGS = Number(arg('--findings') ?? 200_000);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  return [result, Math.round(performance.now() - t)];
}

const mb = () => Math.round(process.memoryUsage().rss / 1e6);

interface Row {
  engine: string;
  step: string;
  ms: number;
  rssMb: number;
  note: string;
}

async function benchEngine(engine: string, fresh: StoreOptions, rows: Row[]): Promise<void> {
  const add = (step: string, ms: number, note = '') => rows.push({ engine, step, ms, rssMb: mb(), note });
  let [store, ms] = await timed(() => openStore(fresh));
  add('open (new)', ms, 'creates the database and applies migrations');
  await store.close();
  [store, ms] = await timed(() => openStore(fresh));
  add('open (existing)', ms);
  const source = 'bench';
  let t0 = '2025-03-01T00:00:00.000Z';
  let [saved, saveMs] = await timed(() => store.saveScan(syntheticReport({ source, count: COUNT, startedAt: t0 })));
  add(`save ${COUNT} assets (first)`, saveMs, `${saved.diff.added.length} added, ${saved.diff.edgesAdded.length} edges`);
  t0 = '2025-03-02T00:00:00.000Z';
  [saved, saveMs] = await timed(() => store.saveScan(syntheticReport({ source, count: COUNT, startedAt: t0 })));
  add('rescan, unchanged', saveMs, `${saved.diff.changed.length} changed`);
  t0 = '2025-03-03T00:00:00.000Z';
  const changed = Math.round(COUNT / 10);
  [saved, saveMs] = await timed(() => store.saveScan(syntheticReport({ source, count: COUNT, changed, generation: 1, startedAt: t0 })));
  add('rescan, 10% changed', saveMs, `${saved.diff.changed.length} changed`);
  const [diff, diffMs] = await timed(() => store.diff(source));
  add('diff of the last two scans (from history)', diffMs, `${diff?.changed.length} changed`);
  const [assets, readMs] = await timed(() => store.assets(source));
  add('read the inventory', readMs, `${assets.length} assets`);
  if (FINDINGS > 0) await benchFindings(store, add);
  await store.close();
}

/** The same 50,000 assets (unchanged) judged with FINDINGS findings, rescanned, and listed as the UI and CLI do. */
async function benchFindings(store: Store, add: (step: string, ms: number, note?: string) => void): Promise<void> {
  const source = 'bench';
  const base = { source, count: COUNT, changed: Math.round(COUNT / 10), generation: 1, findings: FINDINGS, findingsChanged: 0 };
  let [saved, ms] = await timed(() => store.saveScan(syntheticReport({ ...base, startedAt: '2025-03-04T00:00:00.000Z' })));
  add(`save ${FINDINGS} findings (first)`, ms, `${saved.findings?.opened} opened; includes an unchanged ${COUNT}-asset rescan`);
  [saved, ms] = await timed(() => store.saveScan(syntheticReport({ ...base, startedAt: '2025-03-05T00:00:00.000Z' })));
  add('rescan, findings unchanged', ms, `${saved.findings?.opened} opened, ${saved.findings?.resolved} resolved`);
  const fixed = Math.round(FINDINGS / 20);
  [saved, ms] = await timed(() => store.saveScan(syntheticReport({ ...base, fixed, findingsChanged: Math.round(FINDINGS / 10),
    startedAt: '2025-03-06T00:00:00.000Z' })));
  add('rescan, 10% findings changed, 5% fixed', ms, `${saved.findings?.resolved} resolved`);
  const list = async (step: string, q: FindingQuery) => {
    const [page, listMs] = await timed(() => store.findings({ limit: 50, ...q }));
    add(`list: ${step}`, listMs, `${page.items.length} of ${page.total}`);
  };
  await list('open, by score (first page)', { source, status: ['open'] });
  await list('open, by score (page at offset 10,000)', { source, status: ['open'], offset: 10_000 });
  await list('critical+high open, by score', { source, status: ['open'], severity: ['critical', 'high'] });
  await list('one check, by score', { source, checkId: 'SYN-007' });
  await list('resolved, by last seen', { source, status: ['resolved'], sort: 'lastSeen' });
  await list('all sources, by severity', { sort: 'severity' });
  await list('text search in title and message', { source, q: 'revision 2' });
  const fp = (await store.findings({ source, limit: 1 })).items[0]!.fingerprint;
  const [, triageMs] = await timed(() => store.triageFinding(fp, { status: 'accepted', reason: 'bench', by: 'bench' }));
  add('accept one finding', triageMs);
  const [k, kpiMs] = await timed(() => store.kpis(source));
  add('kpis', kpiMs, `MTTR ${k.meanTimeToRemediateHours?.toFixed(0)} h over ${k.remediated}`);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-bench-store-'));
  try {
    await benchEngine('pglite', { dataDir: dir }, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = process.env.AISPM_TEST_DATABASE_URL;
  if (serverUrl) {
    const database = `aispm_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${database}`;
      await benchEngine('postgres', { databaseUrl: url.toString() }, rows);
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  }
  const lines = [
    '# Store benchmark',
    '',
    `Generated by \`npx tsx src/store/bench-store.ts\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},`,
    `${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg()[0].toFixed(1)} at the end.`,
    `Synthetic report: ${COUNT} assets of six kinds, about one edge per asset; then ${FINDINGS} findings on them (40 checks,`,
    'five severities). List steps read one page of 50 with its total count. RSS is the whole process after the step.',
    '',
    '| engine | step | ms | RSS MB | note |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.engine} | ${r.step} | ${r.ms} | ${r.rssMb} | ${r.note} |`),
    '',
  ];
  const text = lines.join('\n');
  process.stdout.write(text);
  if (OUT) writeFileSync(OUT, text);
}

await main();
