import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexSafetyProblems } from '../secrets/regex-safety.js';
import { HEURISTIC_PATTERNS } from './heuristics.js';
import { injectionDetector } from './index.js';

test('every heuristic regex passes the structural linear-time check', () => {
  assert.ok(HEURISTIC_PATTERNS.length >= 25);
  const failing = HEURISTIC_PATTERNS.map(([id, re]) => [id, regexSafetyProblems(re)] as const).filter(([, p]) => p.length);
  assert.deepEqual(failing, []);
  for (const [id, re] of HEURISTIC_PATTERNS) assert.ok(re.global, `${id}: needs the g flag`);
});

test('adversarial 100 KB inputs finish quickly', () => {
  const units = ['a', 'A0+/', '=', '\\x41', '%41', '&#65;', '<!--', '<div style="display:none">', '![x](http://a/?', 'ignore ', 'i g n o r e ', '\u200b', '\u{E0041}', '\u202e', 'ab'];
  for (const unit of units) {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const t0 = performance.now();
    assert.ok(Array.isArray(injectionDetector.detect(text)));
    const ms = performance.now() - t0;
    assert.ok(ms < 1500, `${JSON.stringify(unit)}: ${ms.toFixed(0)} ms`);
  }
});
