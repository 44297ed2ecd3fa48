#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/ and runs them with Node's own test runner (TypeScript through
// tsx). Arguments narrow the run: `npm test -- src/collectors/python` runs the tests under that path.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const found = [];
function visit(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    const base = path.basename(p);
    if (base === 'node_modules' || base === 'testdata' || base === 'dist' || base.startsWith('.')) return;
    for (const e of readdirSync(p).sort()) visit(path.join(p, e));
  } else if (/\.test\.ts$/.test(p)) found.push(p);
}
for (const r of roots.length ? roots : ['src', 'test']) visit(r);
if (!found.length) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...flags, ...found], { stdio: 'inherit' });
process.exit(r.status ?? 1);
