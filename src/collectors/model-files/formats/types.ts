// What every model-format reader provides: a proof from the first bytes and a description of the file.

import type { Attrs } from '../../../model/index.js';
import type { ByteSource } from '../binary/source.js';

export type Warn = (message: string) => void;

export interface Described {
  format: string;
  attrs: Attrs;
  /** For formats that are folders (SavedModel, .mlpackage): the folder is the asset, not this file. */
  key?: string;
}

export interface FormatReader {
  /** The format name this reader reports (a reader of a family may report several). */
  format: string;
  /** Lower-case extensions (without dot) that declare this format. */
  extensions: string[];
  /** True when the first bytes (and, for folder formats, the path) prove the format. Must be cheap and never throw. */
  sniff(head: Buffer, rel: string): boolean;
  /** Describes the file; undefined when a closer look shows it is not this format after all. */
  /** `abs` is the file on disk, for folder formats that look at a sibling (never opened as code). */
  describe(src: ByteSource, head: Buffer, rel: string, warn: Warn, abs?: string): Promise<Described | undefined>;
}

/** Attrs without undefined values, so that tests and the graph see only what was found. */
export function compact(attrs: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/** The lower-case extension of a path, without the dot. */
export function extensionOf(rel: string): string {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
