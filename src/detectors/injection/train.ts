// Training of the classifier: logistic regression with an L2 penalty, fitted by AdaGrad over seeded
// shuffles, with the phrase evidence as a fixed offset (so the model learns what the phrase table misses
// rather than counting the same words twice). Deterministic for a given seed and input order. Used by
// scripts/train-injection.ts (the shipped weights) and by the corpus test (held-out split).
import { createHash } from 'node:crypto';
import { DEFAULT_FEATURES, type FeatureConfig } from './features.js';
import { LinearModel, sigmoid } from './model.js';
import { normalize } from './normalize.js';
import { segmentInputs, type SegmentInput } from './scorer.js';
import { prng } from '../../util/rng.js';

export interface LabelledText {
  text: string;
  label: 0 | 1;
  id: string;
  source?: string;
}

export interface TrainOptions {
  features: FeatureConfig;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  threshold: number;
}

export const DEFAULT_TRAIN: TrainOptions = { features: DEFAULT_FEATURES, epochs: 12, learningRate: 0.2, l2: 2e-6, seed: 1, threshold: 0.5 };


interface Row extends SegmentInput {
  label: number;
  weight: number;
}

/** Training rows: every segment of every text carries its text's label; class weights balance the two. */
export function rows(data: LabelledText[], features: FeatureConfig): Row[] {
  const out: Row[] = [];
  const positives = data.filter((d) => d.label === 1).length;
  const negatives = data.length - positives;
  for (const d of data) {
    const segs = segmentInputs(normalize(d.text).text, { features });
    // Each text counts once in total, whatever its number of segments; classes count equally.
    const classWeight = d.label === 1 ? data.length / (2 * Math.max(1, positives)) : data.length / (2 * Math.max(1, negatives));
    for (const s of segs) out.push({ ...s, label: d.label, weight: classWeight / segs.length });
  }
  return out;
}

export function train(data: LabelledText[], options: Partial<TrainOptions> = {}): LinearModel {
  const o = { ...DEFAULT_TRAIN, ...options };
  const dims = 1 << o.features.bits;
  const w = new Float32Array(dims);
  const g2 = new Float32Array(dims).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const all = rows(data, o.features);
  const order = all.map((_, i) => i);
  const rand = prng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const r = all[k];
      let z = bias + r.offset;
      for (let j = 0; j < r.features.index.length; j++) z += w[r.features.index[j]] * r.features.value[j];
      const err = (sigmoid(z) - r.label) * r.weight;
      for (let j = 0; j < r.features.index.length; j++) {
        const b = r.features.index[j];
        const grad = err * r.features.value[j] + o.l2 * w[b];
        g2[b] += grad * grad;
        w[b] -= (o.learningRate * grad) / Math.sqrt(g2[b]);
      }
      biasG2 += err * err;
      bias -= (o.learningRate * err) / Math.sqrt(biasG2);
    }
  }
  return new LinearModel(o.features, w, bias, o.threshold);
}

/**
 * Near-duplicates (templated prompts, one jailbreak with different questions) must fall on the same side of
 * a split, or the held-out score measures memory. The group key is the first words of the text after a
 * short greeting ("Hi there!", "Quick question:") is dropped.
 */
export function groupKey(text: string): string {
  const norm = normalize(text).text.replace(/^[^.!?:\n]{0,20}[.!?:]\s/, '');
  return norm.split(/\s+/).slice(0, 8).join(' ');
}

/** Fold 0..k-1 of a text, from a hash of its group key. */
export function foldOf(text: string, k: number): number {
  return createHash('sha256').update(groupKey(text)).digest().readUInt32BE(0) % k;
}
