// Rewrites the `checks:` list of every control in frameworks/*.yaml from the mappings in the checks' own
// check.yaml files, so a new check is mapped in one place. Control ids and titles stay as written; a check
// that maps to a control the framework file does not list is an error (add the control, with its title
// from ../shared/reference/, by hand).
//   npx tsx scripts/sync-frameworks.ts           rewrite the files
//   npx tsx scripts/sync-frameworks.ts --check   exit 1 when a file is out of date
//   npx tsx scripts/sync-frameworks.ts --all-controls   also list every control of the reference tables
//     (../shared/reference/) with its title, mapped or not, so that a compliance report can say "not evaluated"
//     for a control no check covers instead of leaving it out; controls are kept in the reference's order

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, YAMLMap } from 'yaml';
import { loadChecks } from '../src/policy/index.js';
import { fromPackageRoot } from '../src/policy/package-root.js';

const checkOnly = process.argv.includes('--check');
const allControls = process.argv.includes('--all-controls');

/** Control ids and titles per framework, in the order of the reference tables. */
function referenceControls(fw: string): Array<{ id: string; title: string }> {
  const dir = path.resolve(fromPackageRoot(), '..', 'shared', 'reference');
  const read = (n: string) => readFileSync(path.join(dir, n), 'utf8');
  const rows = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => ({ id: m[1]!, title: m[2]!.trim() }));
  const table = (prefix: string) => new RegExp(`^\\| (${prefix}) \\| ([^|]+) \\|`, 'gm');
  const list = (prefix: string) => new RegExp(`^- (${prefix}) — ([^\\[\\n]+)`, 'gm');
  const unique = (xs: Array<{ id: string; title: string }>) => [...new Map(xs.map((x) => [x.id, x])).values()];
  switch (fw) {
    case 'owasp-llm-2025':
      return unique(rows(read('owasp.md'), table('LLM\\d\\d:2025')));
    case 'owasp-agentic':
      return unique(rows(read('owasp.md'), table('ASI\\d\\d')));
    case 'owasp-mcp':
      return unique(rows(read('owasp.md'), table('MCP\\d\\d:2025')));
    case 'mitre-atlas':
      return unique(rows(read('atlas.md'), list('AML\\.T\\d{4}(?:\\.\\d{3})?')));
    case 'nist-ai-rmf':
      return unique(rows(read('nist-ai-rmf.md'), list('(?:GOVERN|MAP|MEASURE|MANAGE) \\d+\\.\\d+')));
    case 'eu-ai-act':
      return unique(rows(read('eu-ai-act.md'), table('Art\\. \\d+')));
    case 'iso-42001':
      return unique(rows(read('iso42001.md'), table('A\\.\\d+\\.\\d+(?:\\.\\d+)?')));
    default:
      throw new Error(`no reference table for ${fw}`);
  }
}
const checks = loadChecks().checks;
const dir = fromPackageRoot('frameworks');
const problems: string[] = [];
let stale = 0;

for (const file of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
  const text = readFileSync(`${dir}/${file}`, 'utf8');
  const doc = parseDocument(text);
  const fw = String(doc.get('id'));
  const controls = doc.get('controls') as { items: YAMLMap[] };
  if (allControls) {
    const ref = referenceControls(fw);
    const have = new Map(controls.items.map((c) => [String(c.get('id')), c]));
    for (const r of ref) if (!have.has(r.id)) have.set(r.id, doc.createNode({ id: r.id, title: r.title, checks: [] }) as YAMLMap);
    const order = new Map(ref.map((r, i) => [r.id, i]));
    controls.items = [...have.values()].sort((a, b) => (order.get(String(a.get('id'))) ?? 1e9) - (order.get(String(b.get('id'))) ?? 1e9));
  }
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
