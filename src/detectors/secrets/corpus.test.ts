import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { defaultCorpusDir, evaluateSecrets } from './evaluate.js';

// Measured on the dev corpus when this detector was written: precision 0.985, recall 0.972 (see the
// report in bench/detectors). The floors leave a small margin so that regressions fail.
const PRECISION_FLOOR = 0.975;
const RECALL_FLOOR = 0.965;

const corpus = defaultCorpusDir();

test('dev corpus: precision and recall stay at or above the measured level', { skip: !existsSync(corpus) && 'dev corpus not present' }, () => {
  const r = evaluateSecrets(corpus);
  assert.equal(r.truth, 469);
  assert.ok(r.precision >= PRECISION_FLOOR, `precision ${r.precision.toFixed(3)}; false: ${JSON.stringify(r.falseDetections)}`);
  assert.ok(r.recall >= RECALL_FLOOR, `recall ${r.recall.toFixed(3)}; missed: ${JSON.stringify(r.missed.map((m) => [m.file, m.line, m.kind]))}`);
  // Nothing of a negative look-alike file may fire except the exact duplicates of positives the corpus holds.
  const negatives = r.falseDetections.filter((f) => f.file.startsWith('negatives/'));
  assert.ok(negatives.length <= 4, JSON.stringify(negatives));
});
