// Bounded reading for datasets: a sample from the start of the file, exact counts for files up to a
// limit, and estimates past it, so that a 500 MB CSV costs the same as a 1 MB one.

import type { FileInput } from '../types.js';

/** Bytes read from the start of a file to learn its columns and keys. */
export const SAMPLE_BYTES = 1024 * 1024;
/** Files up to this size are counted exactly (read whole); larger ones are estimated from the sample. */
export const EXACT_COUNT_BYTES = 16 * 1024 * 1024;
/** Columns and keys kept per dataset. */
export const MAX_COLUMNS = 200;

export interface Sample {
  text: string;
  /** The whole file is in `text`. */
  whole: boolean;
}

/** The first bytes of the file as text; the whole file when it is small enough to count exactly. */
export async function readSample(file: FileInput): Promise<Sample> {
  const whole = file.size <= EXACT_COUNT_BYTES;
  const buf = await file.range(0, whole ? file.size : SAMPLE_BYTES);
  return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), whole };
}

/** Rows for a file of `size` bytes from a sample where `sampleRows` rows took `sampleBytes` bytes. */
export function estimateRows(size: number, sampleBytes: number, sampleRows: number): number {
  if (sampleRows === 0 || sampleBytes === 0) return 0;
  return Math.round((size / sampleBytes) * sampleRows);
}

/** Unique names in first-seen order, at most MAX_COLUMNS of them. */
export function boundedNames(names: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    if (out.length >= MAX_COLUMNS) break;
  }
  return out;
}
