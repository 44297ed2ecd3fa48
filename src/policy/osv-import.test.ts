import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { AdvisoryIndex, parseAdvisories } from './advisories.js';
import { advisoriesFromOsv, mergeAdvisories, rangesFromEvents, type OsvRecord } from './osv-import.js';
import { fromPackageRoot } from './package-root.js';

// Records in the OSV schema as the exports carry them (ids and versions invented for the test).
const langchainRecord: OsvRecord = {
  id: 'GHSA-test-aaaa-bbbb',
  aliases: ['CVE-2099-0001'],
  summary: 'Prompt template loading can read arbitrary files\nlonger details',
  affected: [
    { package: { ecosystem: 'PyPI', name: 'LangChain_Core' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.1.5' }, { introduced: '0.2.0' }, { fixed: '0.2.9' }] }] },
    { package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.9' }] }] },
  ],
};
const npmRecord: OsvRecord = {
  id: 'GHSA-test-cccc-dddd',
  summary: 'SSRF in a document loader',
  affected: [{ package: { ecosystem: 'npm', name: '@langchain/community' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0.1.0' }, { last_affected: '0.3.2' }] }] }],
};

test('OSV range events become the ecosystem range syntax', () => {
  assert.deepEqual(rangesFromEvents('pypi', [{ introduced: '0' }, { fixed: '1.2' }]), { affected: '<1.2', fixed: '1.2' });
  assert.deepEqual(rangesFromEvents('pypi', [{ introduced: '1.0' }, { fixed: '1.2' }, { introduced: '2.0' }]), { affected: '>=1.0,<1.2 || >=2.0', fixed: '1.2' });
  assert.deepEqual(rangesFromEvents('npm', [{ introduced: '0.1.0' }, { last_affected: '0.3.2' }]), { affected: '>=0.1.0 <=0.3.2', fixed: undefined });
  assert.equal(rangesFromEvents('npm', []), undefined);
});

test('only AI libraries of the catalogue are kept; the CVE alias names the advisory; withdrawn records are dropped', () => {
  const a = advisoriesFromOsv(langchainRecord);
  assert.deepEqual(a, [{ id: 'CVE-2099-0001', ecosystem: 'pypi', package: 'LangChain_Core', affected: '<0.1.5 || >=0.2.0,<0.2.9', fixed: '0.2.9', summary: 'Prompt template loading can read arbitrary files' }]);
  assert.equal(advisoriesFromOsv(npmRecord)[0]!.package, '@langchain/community', 'prefix entries of the catalogue count');
  assert.deepEqual(advisoriesFromOsv({ ...langchainRecord, withdrawn: '2099-01-01T00:00:00Z' }), []);
});

test('imported ranges match versions the way the scanner compares them', () => {
  const index = new AdvisoryIndex(advisoriesFromOsv(langchainRecord));
  const lib = (version: string) => ({ attrs: { ecosystem: 'pypi', package: 'langchain-core', version } });
  assert.equal(index.forLibrary(lib('0.1.4')).length, 1);
  assert.equal(index.forLibrary(lib('0.1.5')).length, 0);
  assert.equal(index.forLibrary(lib('0.2.8')).length, 1);
  assert.equal(index.forLibrary(lib('0.2.9')).length, 0);
});

test('merging replaces the same id and package, adds new ones, and keeps the list sorted', () => {
  const old = { id: 'CVE-2099-0001', ecosystem: 'pypi' as const, package: 'langchain-core', affected: '<0.1.0', summary: 'old' };
  const merged = mergeAdvisories([old], [...advisoriesFromOsv(langchainRecord), ...advisoriesFromOsv(npmRecord)]);
  assert.equal(merged.length, 2);
  assert.equal(merged.find((m) => m.ecosystem === 'pypi')!.affected, '<0.1.5 || >=0.2.0,<0.2.9');
  assert.equal(merged[0]!.ecosystem, 'npm');
});

test('npm run advisories:update reads an OSV zip export and JSON files into the list, which still loads', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-osv-'));
  const list = path.join(dir, 'advisories.json');
  copyFileSync(fromPackageRoot('src', 'policy', 'advisories.json'), list);
  const before = parseAdvisories(readFileSync(list, 'utf8'), list).length;
  writeFileSync(path.join(dir, 'PyPI-all.zip'), zipSync({ 'GHSA-test-aaaa-bbbb.json': strToU8(JSON.stringify(langchainRecord)) }));
  writeFileSync(path.join(dir, 'npm.json'), JSON.stringify(npmRecord));
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/update-advisories.ts', path.join(dir, 'PyPI-all.zip'), path.join(dir, 'npm.json'), '--out', list], { encoding: 'utf8' });
  assert.match(out, /2 OSV record\(s\) read, 2 AI-library advisories imported/);
  const after = parseAdvisories(readFileSync(list, 'utf8'), list);
  assert.equal(after.length, before + 2);
  writeFileSync(path.join(dir, 'broken.json'), '{ nope');
  assert.throws(() => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/update-advisories.ts', path.join(dir, 'broken.json'), '--out', list], { encoding: 'utf8', stdio: 'pipe' }), /broken\.json: not an OSV JSON record/);
});
