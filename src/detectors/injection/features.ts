// Feature hashing of a normalised text: word unigrams and bigrams, and character 3- to 5-grams over the
// words (with a space on each side, so `ignore` and `ignored` share `ign` but not ` ignore `). Each feature
// hashes (FNV-1a) into a fixed number of buckets with a hashed sign, so collisions cancel on average
// instead of adding up. Values are sublinear counts (1 + ln n), L2-normalised, so long and short texts
// are comparable.

export interface FeatureConfig {
  /** log2 of the number of buckets. */
  bits: number;
  charMin: number;
  charMax: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { bits: 17, charMin: 3, charMax: 5 };

/** A sparse vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  index: Uint32Array;
  value: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// Distinct seeds keep the three feature families apart in the shared bucket space.
const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || (code > 127 && !(code >= 0x2000 && code <= 0x206f) && !(code >= 0x3000 && code <= 0x303f));
}

/** Words of a normalised (lower-case) text. */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordChar(text.charCodeAt(i));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

const step = (h: number, code: number) => Math.imul(h ^ code, FNV_PRIME) >>> 0;

/** Final mixing so that low bits (the bucket) and the top bit (the sign) are independent. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Accumulates signed counts per bucket; reused between calls to avoid allocation. */
class Accumulator {
  readonly counts: Float32Array;
  touched: Uint32Array = new Uint32Array(1024);
  size = 0;
  constructor(readonly mask: number) {
    this.counts = new Float32Array(mask + 1);
  }
  add(hash: number): void {
    const h = mix(hash);
    const bucket = h & this.mask;
    if (this.counts[bucket] === 0) {
      if (this.size === this.touched.length) {
        const grown = new Uint32Array(this.size * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size++] = bucket;
    }
    // A sign from the top bit: colliding features cancel rather than pile up. Zero marks untouched, so a
    // cancelled bucket is nudged off zero.
    this.counts[bucket] += h & 0x80000000 ? -1 : 1;
    if (this.counts[bucket] === 0) this.counts[bucket] = 1e-9;
  }
}

const accumulators = new Map<number, Accumulator>();

/** Character n-grams of one word padded with a space on each side, hashed without building substrings. */
function addCharGrams(acc: Accumulator, text: string, start: number, end: number, config: FeatureConfig): void {
  const n = end - start + 2;
  for (let i = 0; i + config.charMin <= n; i++) {
    let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
    for (let k = 0; k < config.charMax && i + k < n; k++) {
      const p = i + k;
      h = step(h, p === 0 || p === n - 1 ? 32 : text.charCodeAt(start + p - 1));
      if (k + 1 >= config.charMin) acc.add(h);
    }
  }
}

export function featurize(normalizedText: string, config: FeatureConfig = DEFAULT_FEATURES): SparseVector {
  const mask = (1 << config.bits) - 1;
  let acc = accumulators.get(mask);
  if (!acc) accumulators.set(mask, (acc = new Accumulator(mask)));
  // One pass over the text: each word's hash is built as it is read; a bigram hash combines two words'.
  let previous = -1;
  let start = -1;
  let h = 0;
  for (let i = 0; i <= normalizedText.length; i++) {
    const inWord = i < normalizedText.length && isWordChar(normalizedText.charCodeAt(i));
    if (inWord) {
      if (start < 0) {
        start = i;
        h = (FNV_OFFSET ^ SEED_WORD) >>> 0;
      }
      h = step(h, normalizedText.charCodeAt(i));
    } else if (start >= 0) {
      acc.add(h);
      if (previous >= 0) acc.add(step(step((FNV_OFFSET ^ SEED_BIGRAM) >>> 0, previous), h));
      addCharGrams(acc, normalizedText, start, i, config);
      previous = h;
      start = -1;
    }
  }
  const n = acc.size;
  const index = new Uint32Array(n);
  const value = new Float32Array(n);
  let norm = 0;
  for (let j = 0; j < n; j++) {
    const b = acc.touched[j];
    const c = acc.counts[b];
    const v = Math.sign(c) * (1 + Math.log(Math.max(1, Math.abs(c))));
    index[j] = b;
    value[j] = v;
    norm += v * v;
    acc.counts[b] = 0;
  }
  acc.size = 0;
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < n; j++) value[j] *= inv;
  }
  return { index, value };
}
