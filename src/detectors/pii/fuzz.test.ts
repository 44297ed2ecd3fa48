import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineIndex } from '../types.js';
import { prng } from '../../util/rng.js';
import { detectPii } from './index.js';

const ALPHABET = 'aZ09 -.,:;()+@#/\n\tÉéß\'’DEGBMr Dr SSN IBAN passport born 4539 +44 . _';
const SEEDS = [
  'Dear Amelia J. Hartwell, call +1 (415) 555-0132.',
  'IBAN DE89 3704 0044 0532 0130 00, card 4539 1488 0343 6467',
  'SSN 536-22-8790, born 14 March 1979, passport X1234567',
  '742 Evergreen Terrace, Apt 3B, Springfield, OR 97477',
  'from 203.0.113.42 and 2001:db8::8a2e:370:7334 user ana.lima@contoso.org',
  'Hauptstraße 12, 10115 Berlin; KYC check: Olivia Grant, 1984-11-02',
];

function check(text: string): void {
  const t0 = performance.now();
  const found = detectPii(text);
  assert.ok(performance.now() - t0 < 500, `slow on ${JSON.stringify(text.slice(0, 80))}`);
  const lineOf = lineIndex(text);
  let previousEnd = 0;
  for (const d of found) {
    assert.ok(Number.isInteger(d.start) && Number.isInteger(d.end));
    assert.ok(d.start >= 0 && d.start < d.end && d.end <= text.length, `offsets ${d.start}..${d.end} of ${text.length}`);
    assert.ok(d.start >= previousEnd, 'sorted and non-overlapping');
    previousEnd = d.end;
    assert.equal(d.line, lineOf(d.start));
    assert.ok(d.score > 0 && d.score <= 1);
    const value = text.slice(d.start, d.end);
    if (value.length >= 6 && d.type !== 'HEALTH' && d.type !== 'FINANCIAL') assert.ok(!d.masked!.includes(value), 'masked hides the value');
  }
}

test('fuzz: random text never throws and yields sane offsets', () => {
  const rand = prng(42);
  for (let i = 0; i < 1_500; i++) {
    const n = Math.floor(rand() * 300);
    let s = '';
    for (let j = 0; j < n; j++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    check(s);
  }
});

test('fuzz: mutated positives (flips, cuts, duplications, glued neighbours) never throw', () => {
  const rand = prng(7);
  for (let i = 0; i < 2_000; i++) {
    let s = SEEDS[i % SEEDS.length];
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (s.length + 1));
      const op = Math.floor(rand() * 5);
      const ch = ALPHABET[Math.floor(rand() * ALPHABET.length)];
      if (op === 0) s = s.slice(0, at) + ch + s.slice(at + 1);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 6));
      else if (op === 2) s = s.slice(0, at) + s.slice(Math.max(0, at - 12), at) + s.slice(at);
      else if (op === 3) s = s.slice(0, at) + '\n' + s.slice(at);
      else s = SEEDS[Math.floor(rand() * SEEDS.length)] + (rand() < 0.5 ? '' : ' ') + s;
    }
    check(s);
  }
});
