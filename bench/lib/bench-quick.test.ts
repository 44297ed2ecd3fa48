// Proves the whole bench runs end to end in its quick mode (2,000 files / 20 MB), without the peer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runProcess } from './process.js';
import { BENCH_DIR } from './paths.js';

test('bench:scan --quick generates the tree, scans it and prints the results table', { timeout: 300_000 }, async () => {
  const r = await runProcess(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'scan.ts'), '--quick', '--no-peer', '--runs', '1'], { timeoutMs: 290_000, cwd: path.dirname(BENCH_DIR) });
  assert.equal(r.code, 0, r.stderr.slice(-2000));
  assert.match(r.stdout, /^# Scan benchmark \(quick\)$/m);
  assert.match(r.stdout, /^Tree: 2,000 files, 20 MB /m);
  assert.match(r.stdout, /^\| peak RSS < 1 GB \(worst run\) \| \d+ MB \| (PASS|FAIL) \|$/m);
  assert.match(r.stdout, /^\| aispm \| \d+ \| (n\/a|\d+\.\d%) \| \d+ \| \d+\.\d% \|$/m);
  assert.match(r.stdout, /^not measured: skipped \(--no-peer\)$/m);
  assert.match(r.stdout, /^\| fresh PGlite data dir \| \d+\.\d\d s \|/m);
});
