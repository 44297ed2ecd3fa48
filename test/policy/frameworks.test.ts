// Framework mappings resolve both ways: every check id a framework file names exists, every control id exists
// in the reference tables of ../shared/reference/*.md, the framework files agree with the checks' own
// mappings, and every check maps to at least one OWASP LLM 2025 id and one ATLAS technique.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FRAMEWORKS, type FrameworkId } from '../../src/model/index.js';
import { loadChecks } from '../../src/policy/index.js';
import { fromPackageRoot } from '../../src/policy/package-root.js';

const REFERENCE = path.resolve(fromPackageRoot(), '..', 'shared', 'reference');
const checks = loadChecks().checks;
const checkIds = new Set(checks.map((c) => c.id));

interface FrameworkFile {
  id: string;
  name: string;
  controls: { id: string; title: string; checks: string[] }[];
}
const files = new Map<string, FrameworkFile>();
for (const f of readdirSync(fromPackageRoot('frameworks')).filter((n) => n.endsWith('.yaml'))) {
  const doc = parseYaml(readFileSync(fromPackageRoot('frameworks', f), 'utf8')) as FrameworkFile;
  files.set(doc.id, doc);
  test(`frameworks/${f}: id matches the file name and is a known framework`, () => {
    assert.equal(`${doc.id}.yaml`, f);
    assert.ok((FRAMEWORKS as readonly string[]).includes(doc.id));
  });
}

/** Control ids per framework, read from the reference tables (one pattern per framework). */
function referenceIds(): Record<FrameworkId, Set<string>> {
  const read = (n: string) => readFileSync(path.join(REFERENCE, n), 'utf8');
  const ids = (text: string, re: RegExp) => new Set([...text.matchAll(re)].map((m) => m[1]!));
  const owasp = read('owasp.md');
  return {
    'owasp-llm-2025': ids(owasp, /^\| (LLM\d\d:2025) \|/gm),
    'owasp-agentic': ids(owasp, /^\| (ASI\d\d) \|/gm),
    'owasp-mcp': ids(owasp, /^\| (MCP\d\d:2025) \|/gm),
    'mitre-atlas': ids(read('atlas.md'), /^- (AML\.T\d{4}(?:\.\d{3})?) — /gm),
    'nist-ai-rmf': ids(read('nist-ai-rmf.md'), /^- ((?:GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+) — /gm),
    'eu-ai-act': ids(read('eu-ai-act.md'), /^\| (Art\. \d+) \|/gm),
    'iso-42001': ids(read('iso42001.md'), /^\| (A\.\d+\.\d+(?:\.\d+)?) \|/gm),
  };
}

test('every framework the model knows has a mapping file', () => {
  assert.deepEqual([...files.keys()].sort(), [...FRAMEWORKS].sort());
});

test('every check id named in a framework file exists', () => {
  for (const fw of files.values()) for (const c of fw.controls) for (const id of c.checks) assert.ok(checkIds.has(id), `${fw.id} ${c.id}: unknown check ${id}`);
});

test('framework files and check mappings agree in both directions', () => {
  const fromFiles = new Set<string>();
  for (const fw of files.values()) for (const c of fw.controls) for (const id of c.checks) fromFiles.add(`${fw.id}|${c.id}|${id}`);
  const fromChecks = new Set<string>();
  for (const ch of checks) for (const [fw, ids] of Object.entries(ch.frameworks)) for (const id of ids ?? []) fromChecks.add(`${fw}|${id}|${ch.id}`);
  assert.deepEqual([...fromChecks].filter((x) => !fromFiles.has(x)), [], 'mapped in check.yaml but missing from frameworks/');
  assert.deepEqual([...fromFiles].filter((x) => !fromChecks.has(x)), [], 'listed in frameworks/ but not in the check');
});

test('every check maps to at least one OWASP LLM 2025 id and one ATLAS technique', () => {
  for (const c of checks) {
    assert.ok((c.frameworks['owasp-llm-2025'] ?? []).length > 0, `${c.id} has no OWASP LLM 2025 mapping`);
    assert.ok((c.frameworks['mitre-atlas'] ?? []).some((id) => /^AML\.T\d{4}/.test(id)), `${c.id} has no ATLAS technique`);
  }
});

test('every control id exists in the reference tables', { skip: existsSync(REFERENCE) ? false : `reference folder not found beside the repository` }, () => {
  const ref = referenceIds();
  for (const [fw, set] of Object.entries(ref)) assert.ok(set.size >= 7, `${fw}: too few ids parsed from the reference (${set.size})`);
  assert.equal(ref['owasp-llm-2025'].size, 10);
  assert.equal(ref['iso-42001'].size, 38);
  assert.equal(ref['nist-ai-rmf'].size, 72);
  for (const fw of files.values()) {
    const known = ref[fw.id as FrameworkId];
    for (const c of fw.controls) assert.ok(known.has(c.id), `${fw.id}: ${c.id} is not in the reference`);
  }
  for (const ch of checks) for (const [fw, ids] of Object.entries(ch.frameworks)) for (const id of ids ?? []) assert.ok(ref[fw as FrameworkId].has(id), `${ch.id}: ${fw} ${id} is not in the reference`);
});
