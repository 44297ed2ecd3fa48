// Rewrites the `checks:` list of every control in frameworks/*.yaml from the mappings in the checks' own
// check.yaml files, so a new check is mapped in one place. Control ids and titles stay as written; a check
// that maps to a control the framework file does not list is an error (add the control, with its title
// from ../shared/reference/, by hand).
//   npx tsx scripts/sync-frameworks.ts           rewrite the files
//   npx tsx scripts/sync-frameworks.ts --check   exit 1 when a file is out of date

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { loadChecks } from '../src/policy/index.js';
import { fromPackageRoot } from '../src/policy/package-root.js';

const checkOnly = process.argv.includes('--check');
const checks = loadChecks().checks;
const dir = fromPackageRoot('frameworks');
const problems: string[] = [];
let stale = 0;

for (const file of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
  const text = readFileSync(`${dir}/${file}`, 'utf8');
  const doc = parseDocument(text);
  const fw = String(doc.get('id'));
  const controls = doc.get('controls') as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const wanted = new Map<string, string[]>();
  for (const c of checks) for (const id of (c.frameworks as Record<string, string[] | undefined>)[fw] ?? []) wanted.set(id, [...(wanted.get(id) ?? []), c.id]);
  const known = new Set<string>();
  for (const control of controls.items) {
    const id = String(control.get('id'));
    known.add(id);
    control.set('checks', [...new Set(wanted.get(id) ?? [])].sort());
  }
  for (const [id, ids] of wanted) if (!known.has(id)) problems.push(`${file}: control ${id} (mapped by ${ids.join(', ')}) is not listed; add it with its title`);
  const out = doc.toString({ lineWidth: 0, indentSeq: false });
  if (out !== text) {
    stale++;
    if (!checkOnly) writeFileSync(`${dir}/${file}`, out);
  }
}

for (const p of problems) process.stderr.write(p + '\n');
if (checkOnly && stale) process.stderr.write(`${stale} framework file(s) out of date; run npx tsx scripts/sync-frameworks.ts\n`);
process.exit(problems.length || (checkOnly && stale) ? 1 : 0);
