// Scores the injection detector on a labelled corpus (the project's shared dev corpus by default). A text
// counts as flagged when the detector reports anything on it. Also holds the fixed held-out split used by
// the corpus test and the training script: a hash of each text's near-duplicate group picks its fold, so
// templated variants never straddle training and evaluation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDetector } from '../types.js';
import { createInjectionDetector } from './index.js';
import { foldOf, train, type LabelledText, type TrainOptions } from './train.js';

export const FOLDS = 5;
/** The fold held out for reporting: trained on the other four, scored on this one. */
export const HELD_OUT_FOLD = 0;

export interface EvaluationResult {
  texts: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** False-positive rate on benign texts. */
  fpr: number;
  bytes: number;
  seconds: number;
  msPerKB: number;
  /** Ids of misclassified texts (never their content). */
  falsePositives: string[];
  falseNegatives: string[];
}

/** The dev corpus sits next to the repository: `<repo>/../shared/eval/prompt-injection/dev.jsonl`. */
export function defaultCorpusPath(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'prompt-injection', 'dev.jsonl');
}

export function readCorpus(file = defaultCorpusPath()): LabelledText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { text: string; label: number; id: string; source?: string };
      return { text: r.text, label: r.label === 1 ? 1 : 0, id: r.id, source: r.source };
    });
}

export function split(data: LabelledText[], fold = HELD_OUT_FOLD, k = FOLDS): { train: LabelledText[]; test: LabelledText[] } {
  const folds = data.map((d) => foldOf(d.text, k));
  return { train: data.filter((_, i) => folds[i] !== fold), test: data.filter((_, i) => folds[i] === fold) };
}

export function evaluate(detector: TextDetector, data: LabelledText[]): EvaluationResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let bytes = 0;
  let seconds = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const d of data) {
    bytes += Buffer.byteLength(d.text);
    const t0 = process.hrtime.bigint();
    const flagged = detector.detect(d.text).length > 0;
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    if (flagged && d.label === 1) tp++;
    else if (flagged) {
      fp++;
      falsePositives.push(d.id);
    } else if (d.label === 1) {
      fn++;
      falseNegatives.push(d.id);
    } else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return {
    texts: data.length,
    positives: tp + fn,
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    fpr: fp + tn ? fp / (fp + tn) : 0,
    bytes,
    seconds,
    msPerKB: bytes ? (seconds * 1000) / (bytes / 1024) : 0,
    falsePositives,
    falseNegatives,
  };
}

/** Honest numbers: train on four folds of the corpus and score the held-out fold with the full detector. */
export function evaluateHeldOut(data = readCorpus(), options: Partial<TrainOptions> = {}): EvaluationResult {
  const { train: trainSet, test } = split(data);
  return evaluate(createInjectionDetector(train(trainSet, options)), test);
}
