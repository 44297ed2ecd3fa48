import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexSafetyProblems } from './regex-safety.js';
import {
  PATTERN_RULES,
  PEM_BEGIN_PATTERN,
  PEM_END_PATTERN,
  SECRET_NAME_PATTERN,
  SERVICE_ACCOUNT_KEY_PATTERN,
  SERVICE_ACCOUNT_PATTERN,
  URL_CREDENTIALS_PATTERN,
  secretsDetector,
} from './index.js';
import { ruleSamples } from './fixtures.js';

test('the checker rejects the classic catastrophic shapes', () => {
  const bad: [RegExp, string][] = [
    [/(a+)+b/, 'R1'],
    [/(\w+\s?)*$/, 'R1'],
    [/(?:-a{1,3}-?){2,9}/, 'R1'],
    [/x(a?)*/, 'R1'],
    [/x(?:a|a)*/, 'R2'],
    [/x(?:a|ab)*c/, 'R2'],
    [/x\w+\w*y/, 'R3'],
    [/x.*=.*;/, 'R3'],
    [/[a-z]+@/, 'R4'],
  ];
  for (const [re, rule] of bad) {
    const problems = regexSafetyProblems(re);
    assert.ok(problems.some((p) => p.startsWith(rule)), `${re.source}: expected ${rule}, got ${JSON.stringify(problems)}`);
  }
  assert.match(regexSafetyProblems(/(a)\1/)[0], /unparseable: backreferences/);
});

test('the checker accepts delimited repetition and bounded, anchored quantifiers', () => {
  for (const re of [/(?:-[a-z]{1,9}){1,5}/, /\bsk-[a-z]{32}\b/, /[a-z]{1,20}x[a-z]{1,20}/, /\b\w+x/, /(?<![a-z])[a-z]+1[a-z]+/, /x(?:a|b)*/, /[^\s"]{1,40}"/]) {
    assert.deepEqual(regexSafetyProblems(re), [], re.source);
  }
});

test('every rule and finder regex passes the structural check', () => {
  const patterns = [
    ...PATTERN_RULES.map((r) => [r.id, r.pattern] as const),
    ['pem-begin', PEM_BEGIN_PATTERN],
    ['pem-end', PEM_END_PATTERN],
    ['url-credentials', URL_CREDENTIALS_PATTERN],
    ['service-account', SERVICE_ACCOUNT_PATTERN],
    ['service-account-key', SERVICE_ACCOUNT_KEY_PATTERN],
    ['secret-name', SECRET_NAME_PATTERN],
  ] as const;
  const failing = patterns.map(([id, re]) => [id, regexSafetyProblems(re)] as const).filter(([, p]) => p.length);
  assert.deepEqual(failing, []);
  for (const r of PATTERN_RULES) assert.ok(r.pattern.global && r.pattern.hasIndices, `${r.id}: needs the g and d flags`);
});

test('adversarial inputs: long runs of each alphabet, near misses and 100 KB lines are handled', () => {
  const alphabets = ['a', 'A', '0', 'aA0', '-_', 'x-', 'ab-', '+/=', 'T3BlbkFJ', 'sk-', 'xoxb-1-', 'eyJ.', '://a:b@', 'Q~', '0x', 'AKIA'];
  for (const unit of alphabets) {
    const line = unit.repeat(Math.ceil(100_000 / unit.length));
    assert.ok(Array.isArray(secretsDetector.detect(line)));
  }
  // Near misses repeated along one long line: every rule's prefix with bodies one character short.
  const nearMisses = ruleSamples(13).map((s) => s.value.slice(0, -1)).join(' ');
  const long = nearMisses.repeat(Math.ceil(100_000 / nearMisses.length));
  for (const d of secretsDetector.detect(long)) assert.ok(d.start >= 0 && d.end <= long.length);
  // A secret-like name followed by a huge value, and a huge name.
  assert.ok(Array.isArray(secretsDetector.detect(`api_key = "${'k9'.repeat(50_000)}"`)));
  assert.ok(Array.isArray(secretsDetector.detect(`${'token_'.repeat(20_000)}= x`)));
  assert.ok(Array.isArray(secretsDetector.detect(`-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(100_000)}`)));
  assert.ok(Array.isArray(secretsDetector.detect(`{"type": "service_account", ${'{'.repeat(50_000)}`)));
});
