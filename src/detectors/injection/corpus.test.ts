import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { defaultCorpusPath, evaluateHeldOut, readCorpus } from './evaluate.js';

// Trained on four folds of the dev corpus and scored on the fifth (split by near-duplicate group), with the
// full detector. Measured when this detector was written: see the report in bench/detectors/injection.ts.
// The floors leave a small margin so that regressions fail.
const F1_FLOOR = 0.94;
const FPR_CEILING = 0.015;

const corpus = defaultCorpusPath();

test('dev corpus, held-out fold: F1 and false-positive rate stay at the measured level', { skip: !existsSync(corpus) && 'dev corpus not present' }, () => {
  const data = readCorpus(corpus);
  assert.equal(data.length, 4941);
  const r = evaluateHeldOut(data);
  assert.equal(r.texts, 919);
  assert.ok(r.f1 >= F1_FLOOR, `F1 ${r.f1.toFixed(3)} (P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)}); missed: ${r.falseNegatives.join(',')}`);
  assert.ok(r.fpr <= FPR_CEILING, `FPR ${r.fpr.toFixed(4)}; false: ${r.falsePositives.join(',')}`);
});
