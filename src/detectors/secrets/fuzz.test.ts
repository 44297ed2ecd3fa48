import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineIndex } from '../types.js';
import { prng } from '../../util/rng.js';
import { ruleSamples } from './fixtures.js';
import { secretsDetector } from './index.js';

const ALPHABET = 'abcXYZ019_-.:=/+"\'`{}[]()$@~ \n\t\\#*<>,;AKIAghp_sk-xoxeyJQ~T3BlbkFJ';

function check(text: string): void {
  const found = secretsDetector.detect(text);
  const lineOf = lineIndex(text);
  let previousEnd = 0;
  for (const d of found) {
    assert.ok(Number.isInteger(d.start) && Number.isInteger(d.end), 'integer offsets');
    assert.ok(d.start >= 0 && d.start < d.end && d.end <= text.length, `offsets ${d.start}..${d.end} of ${text.length}`);
    assert.ok(d.start >= previousEnd, 'detections are sorted and do not overlap');
    previousEnd = d.end;
    assert.equal(d.line, lineOf(d.start));
    assert.ok(d.score > 0 && d.score <= 1);
    const value = text.slice(d.start, d.end);
    if (value.length > 12) assert.ok(!d.masked!.includes(value.slice(4)), 'masked hides the value');
  }
}

test('fuzz: random text never throws and yields sane offsets', () => {
  const rand = prng(20_240_601);
  for (let i = 0; i < 2_000; i++) {
    const n = Math.floor(rand() * 400);
    let s = '';
    for (let j = 0; j < n; j++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    check(s);
  }
});

test('fuzz: mutated positives (flips, cuts, duplications, glued neighbours) never throw', () => {
  const rand = prng(7);
  const samples = [1, 2].flatMap((seed) => ruleSamples(seed));
  for (let i = 0; i < 3_000; i++) {
    const base = samples[i % samples.length].line;
    let s = base;
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (s.length + 1));
      const op = Math.floor(rand() * 5);
      const ch = ALPHABET[Math.floor(rand() * ALPHABET.length)];
      if (op === 0) s = s.slice(0, at) + ch + s.slice(at + 1);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 8));
      else if (op === 2) s = s.slice(0, at) + s.slice(Math.max(0, at - 10), at) + s.slice(at);
      else if (op === 3) s = s.slice(0, at) + '\n' + s.slice(at);
      else s = samples[Math.floor(rand() * samples.length)].line + (rand() < 0.5 ? '' : ' ') + s;
    }
    check(s);
  }
});
