// Server benchmark (`npm run bench:server`): seeds 100,000 assets and 200,000 findings on PostgreSQL, starts the
// server on 127.0.0.1, and measures the inventory and findings list endpoints under several filters and sorts.
// Server-side time comes from the server's own Server-Timing header. Goal: p95 <= 300 ms.
// Options: --assets N (default 100000), --findings-per-asset N (2), --runs N (30), --out FILE (bench/results/server.md),
// --keep (seed a database named aispm_bench_server_keep once and keep it, for tuning queries between runs)
// PostgreSQL: AISPM_TEST_DATABASE_URL, or the throwaway server of scripts/pg-test-server.sh (started if needed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Asset } from '../src/model/asset.js';
import { SEVERITIES, type Finding } from '../src/model/finding.js';
import { startServer } from '../src/server/server.js';
import { openDb, storeOver } from '../src/store/index.js';
import { syntheticReport } from '../src/store/synthetic-report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ASSETS = Number(arg('--assets', '100000'));
const PER_ASSET = Number(arg('--findings-per-asset', '2'));
const RUNS = Number(arg('--runs', '30'));
const OUT = arg('--out', path.join(ROOT, 'bench', 'results', 'server.md'));
const GOAL_MS = 300;
const KEEP = process.argv.includes('--keep');
const PASSWORD = 'bench-operator-passphrase';

function serverUrl(): string {
  if (process.env.AISPM_TEST_DATABASE_URL) return process.env.AISPM_TEST_DATABASE_URL;
  const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'pg-test-server.sh'), 'start'], { encoding: 'utf8', timeout: 600_000 });
  const url = out.trim().split('\n').pop() ?? '';
  if (!url.startsWith('postgres')) throw new Error(`pg-test-server.sh printed no URL: ${out}`);
  return url;
}

const ENVIRONMENTS = ['production', 'staging', 'development', undefined];
const SENSITIVITY = ['public', 'internal', 'confidential', 'restricted', undefined] as const;
const CHECKS = Array.from({ length: 40 }, (_, i) => `AISPM-BENCH-${String(i + 1).padStart(3, '0')}`);

/** The synthetic inventory, with the columns the filters use spread over realistic values, and its findings. */
function seedReport() {
  const report = syntheticReport({ source: 'bench', count: ASSETS, startedAt: new Date(Date.now() - 3600_000).toISOString() });
  report.assets = report.assets.map((a, i): Asset => ({
    ...a,
    environment: ENVIRONMENTS[i % ENVIRONMENTS.length],
    sensitivity: SENSITIVITY[i % SENSITIVITY.length],
  }));
  const findings: Finding[] = [];
  for (let i = 0; i < report.assets.length; i++) {
    const asset = report.assets[i];
    for (let k = 0; k < PER_ASSET; k++) {
      const n = i * PER_ASSET + k;
      const checkId = CHECKS[(i * 7 + k * 13) % CHECKS.length];
      const severity = SEVERITIES[(n * 31) % SEVERITIES.length];
      findings.push({
        fingerprint: (BigInt(n) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn).toString(16).padStart(16, '0') + String(n).padStart(8, '0'),
        checkId,
        severity,
        score: (n * 37) % 101,
        reasons: [{ factor: 'severity', points: 40, detail: severity }],
        title: `${checkId} on ${asset.name}`,
        message: `Synthetic finding ${n} of ${checkId} on ${asset.kind} ${asset.name}`,
        assetId: asset.id,
        evidence: asset.evidence,
        frameworks: {},
        status: 'open',
      });
    }
  }
  report.findings = findings;
  return report;
}

interface Row {
  endpoint: string;
  query: string;
  total: number;
  p50: number;
  p95: number;
  max: number;
  clientP50: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function measure(base: string, token: string, endpoint: string, query: string): Promise<Row> {
  const server: number[] = [];
  const client: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${endpoint}?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { total: number };
    const t1 = performance.now();
    if (res.status !== 200) throw new Error(`${endpoint}?${query}: ${res.status} ${JSON.stringify(body)}`);
    const timing = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (!timing) throw new Error('no Server-Timing header');
    if (i < 3) continue; // warm-up: plans cached, pages in the buffer cache
    server.push(Number(timing[1]));
    client.push(t1 - t0);
    total = body.total;
  }
  return { endpoint, query, total, p50: pct(server, 50), p95: pct(server, 95), max: Math.max(...server), clientP50: pct(client, 50) };
}

async function main(): Promise<void> {
  const adminUrl = serverUrl();
  const database = KEEP ? 'aispm_bench_server_keep' : `aispm_bench_server_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [database])).rowCount;
  if (!exists) await admin.query(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const rows: Row[] = [];
  let seedMs = 0;
  try {
    const db = await openDb({ databaseUrl: url.toString() });
    const report = seedReport();
    const [seeded] = await db.query<{ n: number }>('select count(*)::int as n from assets');
    if (seeded.n === 0) {
      const t0 = performance.now();
      await storeOver(db).saveScan(report);
      seedMs = performance.now() - t0;
      process.stderr.write(`seeded ${ASSETS} assets and ${report.findings?.length} findings in ${Math.round(seedMs)} ms\n`);
    }
    // the steady state autovacuum keeps: statistics current and the visibility map set (index-only scans)
    await db.query('vacuum analyze');
    await db.close();

    // the API alone, as `aispm serve --no-jobs` beside workers: nothing but the measured requests runs in the server
    const jobsDir = mkdtempSync(path.join(os.tmpdir(), 'aispm-bench-server-'));
    const srv = await startServer({ store: { databaseUrl: url.toString() }, adminPassword: PASSWORD, log: () => undefined,
      jobs: { dataDir: jobsDir, runInProcess: false, schedule: false } });
    try {
      const login = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const tok = await fetch(`${srv.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'bench', scope: 'read' }) });
      const { token } = (await tok.json()) as { token: string };
      const someAsset = report.assets[4242].id;
      const inventory = [
        'limit=50',
        'source=bench&limit=50&sort=name',
        'kind=model&limit=50',
        'kind=secret,dataset&sort=firstSeen&order=desc&limit=100',
        'provider=openai&sort=lastSeen&order=desc&limit=50',
        'owner=team-3&environment=production&limit=50',
        'owner=none&limit=50',
        'sensitivity=restricted,confidential&sort=kind&limit=50',
        'q=model%2012&limit=50',
        'sort=name&limit=50&offset=50000',
      ];
      const findings = [
        'limit=50',
        'source=bench&status=open&limit=50',
        'severity=critical,high&limit=50',
        `checkId=${CHECKS[7]}&limit=50`,
        'sort=severity&limit=100',
        'sort=firstSeen&order=asc&limit=50',
        `assetId=${encodeURIComponent(someAsset)}`,
        'q=AISPM-BENCH-012&limit=50',
        'status=open&severity=medium&sort=score&limit=50&offset=20000',
      ];
      for (const q of inventory) rows.push(await measure(srv.url, token, '/api/assets', q));
      for (const q of findings) rows.push(await measure(srv.url, token, '/api/findings', q));
    } finally {
      await srv.close();
      rmSync(jobsDir, { recursive: true, force: true });
    }
  } finally {
    if (!KEEP) await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
  const worst = Math.max(...rows.map((r) => r.p95));
  const lines = [
    '# Server benchmark',
    '',
    `Generated by \`npm run bench:server\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} CPU(s)`,
    `(${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg()[0].toFixed(1)} at the end. PostgreSQL (the test server of`,
    `scripts/pg-test-server.sh) seeded with ${ASSETS.toLocaleString('en')} assets and ${(ASSETS * PER_ASSET).toLocaleString('en')} findings in one`,
    `saved scan (${Math.round(seedMs / 1000)} s), then VACUUM ANALYZE (what autovacuum keeps up). Each line: ${RUNS} requests after 3 warm-ups, one at a time, with an API token;`,
    'times in ms from the server\'s own `Server-Timing` header (request received → answer ready); "client" adds HTTP and JSON parsing.',
    '',
    `Goal: p95 ≤ ${GOAL_MS} ms server-side. Worst p95: ${worst.toFixed(1)} ms — ${worst <= GOAL_MS ? 'PASS' : 'FAIL'}.`,
    '',
    '| endpoint | query | total | p50 | p95 | max | client p50 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.endpoint} | \`${r.query}\` | ${r.total} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.clientP50.toFixed(1)} |`),
    '',
    'Totals stop at 10,000 (`totalCapped: true`) for inventory and findings lists: counting a larger filtered set costs more than the number is worth.',
    '',
  ];
  const text = lines.join('\n');
  process.stdout.write(text);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  if (worst > GOAL_MS) process.exitCode = 1;
}

await main();
