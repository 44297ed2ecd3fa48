// A small seeded PRNG (sfc32) and string hashing, so that the benchmark tree is byte-for-byte the same on
// every run and machine. Math.random is never used by the generator.

/** 32-bit FNV-1a, mixed a second time; used to derive independent streams from a seed and a name. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private readonly seed: string;

  constructor(seed: number | string) {
    const s = typeof seed === 'number' ? String(seed) : seed;
    this.seed = s;
    this.a = hash32(s, 0x9e3779b9);
    this.b = hash32(s, 0x243f6a88);
    this.c = hash32(s, 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next(); // warm up so close seeds diverge
  }

  /** An independent stream for a named part (a file, a repo), unaffected by how much this one was used. */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = this.float() * total;
    for (const [item, w] of table) {
      r -= w;
      if (r < 0) return item;
    }
    return table[table.length - 1][0];
  }

  /** Log-uniform integer in [min, max]: many small values, a few large ones, as file sizes are. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.float() * (Math.log(max) - Math.log(min))));
  }

  /** `n` distinct items in random order (or all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  /** Fills a buffer with pseudo-random bytes (xorshift32 seeded from this stream: fast for tens of MB). */
  fill(buf: Buffer, offset = 0, end = buf.length): Buffer {
    let x = this.next() | 1;
    let i = offset;
    for (; i + 4 <= end; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      buf.writeUInt32LE(x >>> 0, i);
    }
    for (; i < end; i++) buf[i] = this.next() & 0xff;
    return buf;
  }

  /** A lower-case alphanumeric token of length n. */
  token(n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.next() % alphabet.length];
    return s;
  }
}

/** mulberry32: a tiny seeded PRNG as a function returning floats in [0, 1); for shuffles and fixtures. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
