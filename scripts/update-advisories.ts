// `npm run advisories:update -- FILE...`: merges OSV records (JSON files, or the OSV project's per-ecosystem zip
// exports such as PyPI/all.zip and npm/all.zip, downloaded beforehand) into src/policy/advisories.json, keeping
// only AI libraries of the package catalogue, and sets `updated` to today. See src/policy/ADVISORIES.md.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseAdvisories } from '../src/policy/advisories.js';
import { advisoriesFromOsv, mergeAdvisories, readOsvRecords } from '../src/policy/osv-import.js';
import { fromPackageRoot } from '../src/policy/package-root.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const target = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : fromPackageRoot('src', 'policy', 'advisories.json');
if (!files.length) {
  process.stderr.write('usage: npm run advisories:update -- OSV_FILE_OR_ZIP... [--out FILE]\n');
  process.exit(2);
}
const current = parseAdvisories(readFileSync(target, 'utf8'), target);
let records = 0;
const imported = [];
try {
  for (const f of files.filter((f) => f !== target)) {
    const rs = readOsvRecords(f);
    records += rs.length;
    for (const r of rs) imported.push(...advisoriesFromOsv(r));
  }
} catch (e) {
  process.stderr.write(`advisories:update: ${(e as Error).message}\n`);
  process.exit(2);
}
const merged = mergeAdvisories(current, imported);
const updated = new Date().toISOString().slice(0, 10);
writeFileSync(target, JSON.stringify({ updated, advisories: merged }, null, 2) + '\n');
process.stdout.write(`${records} OSV record(s) read, ${imported.length} AI-library advisories imported; ${merged.length} in the list (was ${current.length}), updated ${updated}\n`);
