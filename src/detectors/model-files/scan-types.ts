// What every format analyser receives: the bytes to look at (a window on the file, or decompressed data),
// where they sit, and the shared state of one file's analysis.

import type { ByteSource } from '../../collectors/model-files/binary/source.js';
import type { Budget } from './pickle-vm.js';
import type { ModelDetection } from './report.js';

export interface Target {
  src: ByteSource;
  /** The file's path (relative), for extension checks. */
  rel: string;
  /** Member path inside archives, outermost first, joined by `!/`. */
  entry?: string;
  /** File offset of `src` byte 0; undefined when the bytes are decompressed (not file bytes). */
  base?: number;
  /** Where to point detections when `base` is undefined (the member's local header, say). */
  reportAt: number;
  /** Archive / compression nesting depth. */
  depth: number;
}

export interface ScanState {
  budget: Budget;
  detections: ModelDetection[];
  /** Formats recognised, outermost first (for the verdict). */
  formats: string[];
  /** True when content with this head (and member name) is worth analysing as a nested file. */
  sniff(head: Buffer, name: string): boolean;
  /** Analyses content found inside another format; returns the format it was recognised as. */
  nested(target: Target): Promise<string>;
}

/** File offset of a position in a target, or the report position when the bytes are not the file's. */
export function fileOffset(t: Target, pos: number): number {
  return t.base !== undefined ? t.base + pos : t.reportAt;
}

export const MAX_DEPTH = 4;
/** Bytes of one pickle (a data.pkl, a plain .pkl) read for simulation; larger ones are analysed in part. */
export const MAX_PICKLE_BYTES = 256 * 1024 * 1024;
