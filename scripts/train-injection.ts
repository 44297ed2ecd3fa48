// Reproduces the injection classifier's shipped weights from the dev corpus, deterministically (seeded
// shuffles, fixed folds):
//   npx tsx scripts/train-injection.ts [--corpus FILE] [--out FILE]
// 1. k-fold cross-validation by near-duplicate group: out-of-fold scores pick the decision threshold (the
//    highest F1 whose false-positive rate on benign texts stays within MAX_FPR);
// 2. the held-out fold is scored with the full detector (heuristics + classifier) at that threshold;
// 3. the shipped model is trained on the whole corpus and written with the threshold and the measurements.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FOLDS, HELD_OUT_FOLD, defaultCorpusPath, evaluate, readCorpus } from '../src/detectors/injection/evaluate.js';
import { createInjectionDetector } from '../src/detectors/injection/index.js';
import { encodeModel, LinearModel, sigmoid } from '../src/detectors/injection/model.js';
import { normalize } from '../src/detectors/injection/normalize.js';
import { segmentInputs } from '../src/detectors/injection/scorer.js';
import { DEFAULT_TRAIN, foldOf, train, type LabelledText } from '../src/detectors/injection/train.js';

const MAX_FPR = 0.015;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const corpusPath = arg('--corpus') ?? defaultCorpusPath();
const outPath = arg('--out') ?? path.join(here, '..', 'src', 'detectors', 'injection', 'weights', 'injection-lr.json');

/** Probability of the most suspicious segment of a text, before any threshold. */
function textScore(model: LinearModel, text: string): number {
  const segs = segmentInputs(normalize(text).text, model);
  return Math.max(...segs.map((s) => sigmoid(model.logit(s.features, s.offset))));
}

function chooseThreshold(scores: { score: number; label: number }[]): { threshold: number; f1: number; fpr: number } {
  const negatives = scores.filter((s) => s.label === 0).length;
  const positives = scores.length - negatives;
  let best = { threshold: 0.5, f1: 0, fpr: 1 };
  for (let t = 0.05; t < 0.99; t += 0.01) {
    let tp = 0;
    let fp = 0;
    for (const s of scores) if (s.score >= t) s.label ? tp++ : fp++;
    const fpr = fp / negatives;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp / positives;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (fpr <= MAX_FPR && f1 > best.f1) best = { threshold: Number(t.toFixed(2)), f1, fpr };
  }
  return best;
}

const data: LabelledText[] = readCorpus(corpusPath);
const folds = data.map((d) => foldOf(d.text, FOLDS));
console.log(`corpus: ${data.length} texts, ${data.filter((d) => d.label).length} injections; ${FOLDS} folds by near-duplicate group`);

const outOfFold: { score: number; label: number }[] = [];
const foldModels: LinearModel[] = [];
for (let k = 0; k < FOLDS; k++) {
  const model = train(data.filter((_, i) => folds[i] !== k));
  foldModels.push(model);
  data.forEach((d, i) => {
    if (folds[i] === k) outOfFold.push({ score: textScore(model, d.text), label: d.label });
  });
  console.log(`  fold ${k} trained`);
}
const chosen = chooseThreshold(outOfFold);
console.log(`threshold ${chosen.threshold}: out-of-fold F1 ${chosen.f1.toFixed(3)}, FPR ${(chosen.fpr * 100).toFixed(2)}% (classifier + phrases)`);

// The full detector (structural signals included) on every fold, each scored by the model that did not see it.
const perFold = foldModels.map((m, k) =>
  evaluate(createInjectionDetector(new LinearModel(m.features, m.weights, m.bias, chosen.threshold)), data.filter((_, i) => folds[i] === k)),
);
const sum = (f: (r: (typeof perFold)[number]) => number) => perFold.reduce((a, r) => a + f(r), 0);
const tp = sum((r) => r.tp);
const fp = sum((r) => r.fp);
const fn = sum((r) => r.fn);
const tn = sum((r) => r.tn);
const cv = { precision: tp / (tp + fp), recall: tp / (tp + fn), fpr: fp / (fp + tn), f1: (2 * tp) / (2 * tp + fp + fn) };
const held = perFold[HELD_OUT_FOLD];
console.log(`cross-validated detector: P ${cv.precision.toFixed(3)} R ${cv.recall.toFixed(3)} F1 ${cv.f1.toFixed(3)} FPR ${(cv.fpr * 100).toFixed(2)}%`);
console.log(`held-out fold ${HELD_OUT_FOLD}: ${held.texts} texts, P ${held.precision.toFixed(3)} R ${held.recall.toFixed(3)} F1 ${held.f1.toFixed(3)} FPR ${(held.fpr * 100).toFixed(2)}%`);

const final = train(data, { threshold: chosen.threshold });
const file = encodeModel(final, {
  trainedOn: 'shared/eval/prompt-injection/dev.jsonl',
  texts: data.length,
  options: { ...DEFAULT_TRAIN, threshold: chosen.threshold },
  crossValidation: { folds: FOLDS, ...Object.fromEntries(Object.entries(cv).map(([k, v]) => [k, Number(v.toFixed(4))])) },
  heldOut: { fold: HELD_OUT_FOLD, texts: held.texts, precision: Number(held.precision.toFixed(4)), recall: Number(held.recall.toFixed(4)), f1: Number(held.f1.toFixed(4)), fpr: Number(held.fpr.toFixed(4)) },
});
writeFileSync(outPath, `${JSON.stringify(file)}\n`);
console.log(`wrote ${path.relative(process.cwd(), outPath)} (${Math.round(JSON.stringify(file).length / 1024)} KB)`);
