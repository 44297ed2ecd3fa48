// The classifier: logistic regression over hashed features (features.ts). Weights ship as a compact JSON
// file: int8-quantised weights in base64 with one scale factor, the bias, the feature configuration and
// the decision threshold chosen by cross-validation (see scripts/train-injection.ts).
import { DEFAULT_FEATURES, type FeatureConfig, type SparseVector } from './features.js';

export const MODEL_FORMAT = 'aispm-injection-lr/1';

export interface ModelFile {
  format: string;
  features: FeatureConfig;
  bias: number;
  /** Weight = int8 value × scale. */
  scale: number;
  /** Base64 of the int8 weights, one per bucket. */
  weights: string;
  /** Probability at or above which a segment counts as an injection. */
  threshold: number;
  /** How the file was produced and measured (informational). */
  meta?: Record<string, unknown>;
}

export class LinearModel {
  /**
   * A shipped model's int8 weights and scale: scoring reads these (128 KB) rather than the float copy
   * (512 KB), which stays in cache far better between requests. `Math.fround(q × scale)` is exactly the
   * float weight, so both give the same logits.
   */
  private quantized?: { q: Int8Array; scale: number };

  constructor(
    readonly features: FeatureConfig,
    readonly weights: Float32Array,
    readonly bias: number,
    readonly threshold = 0.5,
  ) {
    if (weights.length !== 1 << features.bits) throw new Error(`expected ${1 << features.bits} weights, got ${weights.length}`);
  }

  static fromQuantized(features: FeatureConfig, q: Int8Array, scale: number, bias: number, threshold: number): LinearModel {
    const w = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) w[i] = q[i] * scale;
    const model = new LinearModel(features, w, bias, threshold);
    model.quantized = { q, scale };
    return model;
  }

  /** Log-odds of injection for a feature vector, plus an optional offset (heuristic evidence). */
  logit(x: SparseVector, offset = 0): number {
    let z = this.bias + offset;
    const { index, value } = x;
    if (this.quantized) {
      const { q, scale } = this.quantized;
      for (let j = 0; j < index.length; j++) z += Math.fround(q[index[j]] * scale) * value[j];
    } else {
      for (let j = 0; j < index.length; j++) z += this.weights[index[j]] * value[j];
    }
    return z;
  }

  /** A model that knows nothing (all weights zero): the heuristics alone decide. */
  static empty(features: FeatureConfig = DEFAULT_FEATURES): LinearModel {
    return new LinearModel(features, new Float32Array(1 << features.bits), -3);
  }
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function decodeModel(file: ModelFile): LinearModel {
  if (file.format !== MODEL_FORMAT) throw new Error(`unknown model format ${file.format}`);
  const bytes = Buffer.from(file.weights, 'base64');
  const q = new Int8Array(bytes.length);
  q.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  return LinearModel.fromQuantized(file.features, q, file.scale, file.bias, file.threshold);
}

export function encodeModel(model: LinearModel, meta?: Record<string, unknown>): ModelFile {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i] / scale);
  return {
    format: MODEL_FORMAT,
    features: model.features,
    bias: Number(model.bias.toFixed(6)),
    scale: Number(scale.toPrecision(8)),
    weights: Buffer.from(q.buffer).toString('base64'),
    threshold: Number(model.threshold.toFixed(4)),
    meta,
  };
}
