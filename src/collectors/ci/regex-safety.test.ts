// Every regular expression of the infrastructure collectors (ci, compose, dockerfile, kubernetes) passes
// the structural linear-time check the detectors use: scanned files are untrusted input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { regexLiterals, sourceFiles as sources } from '../../../test/support/regex-literals.js';
import { regexSafetyProblems } from '../../detectors/secrets/regex-safety.js';

const collectors = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['ci', 'compose', 'dockerfile', 'kubernetes'];

test('every regular expression of the infrastructure collectors is linear-time', () => {
  const found = FOLDERS.flatMap((f) => sources(path.join(collectors, f))).flatMap((f) => regexLiterals(readFileSync(f, 'utf8')).map((re) => [path.relative(collectors, f), re] as const));
  assert.ok(found.length >= 60, `found only ${found.length} regex literals: the extractor is broken`);
  const problems = found.map(([file, re]) => [file, re.source, regexSafetyProblems(re)] as const).filter(([, , p]) => p.length);
  assert.deepEqual(problems, []);
});
