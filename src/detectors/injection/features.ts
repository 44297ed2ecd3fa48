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

/**
 * Accumulates signed counts per bucket in a small open-addressing table, reused between calls. A text touches
 * a few hundred of the 2^17 buckets; a dense array of all of them (512 KB) turned every feature into a cache
 * miss once other work had evicted it, which is the common case in the gateway, where a prompt is scored
 * between two network hops. The table stays in the L1 cache. Buckets keep their first-touch order, so the
 * vector (and every float sum over it) is the same as the dense version's.
 */
class Accumulator {
  private keys = new Int32Array(1024).fill(-1);
  private slots = new Float32Array(1024);
  /** Buckets in first-touch order, and their slots in the table. */
  touched: Uint32Array = new Uint32Array(512);
  private at: Uint32Array = new Uint32Array(512);
  size = 0;
  constructor(readonly mask: number) {}

  add(hash: number): void {
    const h = mix(hash);
    const bucket = h & this.mask;
    // at most half full, so probes stay short (grown before probing: no recursion, so this stays inlinable)
    if (this.size * 2 >= this.keys.length - 1) this.grow();
    const keys = this.keys;
    const cap = keys.length - 1;
    let i = (Math.imul(bucket, 0x9e3779b1) >>> 0) & cap;
    while (keys[i] !== bucket && keys[i] !== -1) i = (i + 1) & cap;
    if (keys[i] === -1) {
      keys[i] = bucket;
      if (this.size === this.touched.length) {
        this.touched = grown(this.touched);
        this.at = grown(this.at);
      }
      this.at[this.size] = i;
      this.touched[this.size++] = bucket;
    }
    // A sign from the top bit: colliding features cancel rather than pile up. Zero marks untouched, so a
    // cancelled bucket is nudged off zero.
    this.slots[i] += h & 0x80000000 ? -1 : 1;
    if (this.slots[i] === 0) this.slots[i] = 1e-9;
  }

  count(j: number): number {
    return this.slots[this.at[j]!]!;
  }

  /** Empties the table for the next text (only the slots used are touched). */
  clear(): void {
    for (let j = 0; j < this.size; j++) {
      const i = this.at[j]!;
      this.keys[i] = -1;
      this.slots[i] = 0;
    }
    this.size = 0;
  }

  private grow(): void {
    const n = this.size;
    const buckets = this.touched.slice(0, n);
    const counts = new Float32Array(n);
    for (let j = 0; j < n; j++) counts[j] = this.count(j);
    this.keys = new Int32Array(this.keys.length * 2).fill(-1);
    this.slots = new Float32Array(this.keys.length);
    const cap = this.keys.length - 1;
    for (let j = 0; j < n; j++) {
      let i = (Math.imul(buckets[j]!, 0x9e3779b1) >>> 0) & cap;
      while (this.keys[i] !== -1) i = (i + 1) & cap;
      this.keys[i] = buckets[j]!;
      this.slots[i] = counts[j]!;
      this.at[j] = i;
    }
  }
}

const accumulators = new Map<number, Accumulator>();

function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

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
    const c = acc.count(j);
    // 1 + ln|c| for |c| > 1, else 1 (ln 1 = 0: most features occur once, and need no logarithm), with c's sign
    const a = Math.abs(c);
    const magnitude = a > 1 ? 1 + Math.log(a) : 1;
    const v = c < 0 ? -magnitude : magnitude;
    index[j] = acc.touched[j]!;
    value[j] = v;
    norm += v * v;
  }
  acc.clear();
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < n; j++) value[j] *= inv;
  }
  return { index, value };
}
