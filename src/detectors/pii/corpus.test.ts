import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { PII_TYPES } from './candidate.js';
import { defaultCorpusPath, evaluatePii, readCorpus } from './evaluate.js';
import { detectPii } from './index.js';

// Measured on the dev corpus when this detector was written: F1 1.000 for every type (overlap and exact
// spans). The dev set is templated, so these floors guard against regressions; they do not claim the same
// numbers on other text. The goals (0.95 structured, 0.85 names and addresses) are the hard floor.
const F1_FLOOR = 0.98;
const EXACT_F1_FLOOR = 0.97;

const corpus = defaultCorpusPath();

test('dev corpus: per-type F1 stays at or above the measured level', { skip: !existsSync(corpus) && 'dev corpus not present' }, () => {
  const records = readCorpus(corpus);
  assert.equal(records.length, 1300);
  const r = evaluatePii(records);
  for (const type of PII_TYPES) {
    const s = r.perType[type];
    assert.ok(s.truth > 100, `${type}: ${s.truth} truth spans`);
    assert.ok(s.f1 >= F1_FLOOR, `${type} F1 ${s.f1.toFixed(3)}; missed ${JSON.stringify(r.missed.filter((m) => m.type === type).slice(0, 5))}; false ${JSON.stringify(r.falseDetections.filter((f) => f.type === type).slice(0, 5))}`);
    assert.ok(s.exactF1 >= EXACT_F1_FLOOR, `${type} exact F1 ${s.exactF1.toFixed(3)}; ${JSON.stringify(r.inexact.filter((m) => m.type === type).slice(0, 5))}`);
  }
  assert.ok(r.overall.f1 >= 0.99, `overall F1 ${r.overall.f1.toFixed(3)}`);
  // The hard negatives (order numbers, builds, release dates, dummy cards) stay quiet.
  const negatives = new Set(records.filter((x) => x.spans.length === 0).map((x) => x.id));
  assert.deepEqual(r.falseDetections.filter((f) => negatives.has(f.id)), []);
});

test('evaluation counts overlap and exact matches separately', () => {
  const records = [{ id: 'a', text: 'mail x.y@example.com now', spans: [{ start: 5, end: 18, type: 'EMAIL' }] }];
  const r = evaluatePii(records);
  assert.deepEqual([r.perType.EMAIL.found, r.perType.EMAIL.exact, r.perType.EMAIL.trueDetections], [1, 0, 1]);
  assert.equal(r.perType.EMAIL.f1, 1);
  assert.equal(r.perType.EMAIL.exactF1, 0);
  assert.deepEqual(r.inexact, [{ id: 'a', type: 'EMAIL', truth: [5, 18], detected: [5, 20] }]);
});

test('dev corpus: a detection restricted to some kinds equals the full detection filtered to them', { skip: !existsSync(corpus) && 'dev corpus not present' }, () => {
  const records = readCorpus(corpus);
  const subsets: string[][] = [
    ['EMAIL', 'PHONE', 'US_SSN', 'CREDIT_CARD', 'IBAN', 'PASSPORT'], // the example gateway's redaction set
    ['PHONE'],
    ['DATE_OF_BIRTH'],
    ['PERSON', 'STREET_ADDRESS'],
    ['HEALTH', 'FINANCIAL'],
    ['EMAIL'],
  ];
  let compared = 0;
  for (const types of subsets) {
    const wanted = new Set(types);
    for (const r of records) {
      const full = detectPii(r.text).filter((d) => wanted.has(d.type));
      assert.deepEqual(detectPii(r.text, { types }), full, `${r.id} restricted to ${types.join(',')}`);
      compared += full.length;
    }
  }
  assert.ok(compared > 1000, `only ${compared} detections compared`);
});
