import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { regexSafetyProblems } from '../secrets/regex-safety.js';
import { ADDRESS_PATTERNS } from './address.js';
import { DATE_PATTERNS } from './dates.js';
import { detectPii } from './index.js';

const here = new URL('.', import.meta.url);

/** Every regular-expression literal in this folder's source files (tests excluded), found on the syntax tree. */
function regexLiterals(): { file: string; re: RegExp }[] {
  const out: { file: string; re: RegExp }[] = [];
  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(new URL(file, here), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const slash = node.text.lastIndexOf('/');
        out.push({ file, re: new RegExp(node.text.slice(1, slash), node.text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

test('every regex literal and every built pattern passes the structural check', () => {
  const literals = regexLiterals();
  assert.ok(literals.length > 40, `found ${literals.length} literals`);
  const built = [...ADDRESS_PATTERNS, ...DATE_PATTERNS.map((d) => d.pattern)].map((re) => ({ file: 'built', re }));
  const failing = [...literals, ...built].map(({ file, re }) => [file, re.source, regexSafetyProblems(re)] as const).filter(([, , p]) => p.length);
  assert.deepEqual(failing, []);
});

test('adversarial inputs: long runs of each alphabet finish quickly', () => {
  const units = ['1', '1 ', '1-', '1.', 'a', 'A', 'Aa ', 'a@', '@a.', '+1 ', '(1) ', 'DE89', '1:', 'Mr ', '12 Main ', 'passport ', 'born 1.1.', ', Aa'];
  for (const unit of units) {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const t0 = performance.now();
    const found = detectPii(text);
    const ms = performance.now() - t0;
    assert.ok(Array.isArray(found));
    assert.ok(ms < 3_000, `${JSON.stringify(unit)} x ${text.length}: ${ms.toFixed(0)} ms`);
  }
});
