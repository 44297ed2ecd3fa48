import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { regexLiterals, sourceFiles as sources } from '../../../test/support/regex-literals.js';
import { regexSafetyProblems } from '../secrets/regex-safety.js';

const here = path.dirname(fileURLToPath(import.meta.url));

test('every regular expression of the detector is linear-time', () => {
  const found: Array<[string, RegExp]> = sources(here).flatMap((f) => regexLiterals(readFileSync(f, 'utf8')).map((re) => [path.basename(f), re] as [string, RegExp]));
  // The detector has regexes in the policy, the VM, NumPy, GGUF, Keras, ONNX, zip and compression code.
  assert.ok(found.length >= 15, `found only ${found.length} regex literals: the extractor is broken`);
  for (const [file, re] of found) assert.deepEqual(regexSafetyProblems(re), [], `${file}: /${re.source}/`);
});

test('the extractor finds literals and the checker still rejects a catastrophic one', () => {
  const res = regexLiterals("const a = /(x+)+y/; if (/^[A-Z]/.test(s)) f(/a\\/b[/]c/g);");
  assert.deepEqual(res.map((r) => r.source), ['(x+)+y', '^[A-Z]', 'a\\/b[/]c']);
  assert.ok(regexSafetyProblems(res[0]!).some((p) => p.startsWith('R1')));
});
