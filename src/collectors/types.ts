// The contract between the walker, the collectors and the graph builder.
// A collector describes what exists in one file: it never judges, never executes, never follows a path
// outside the scanned root. Its output is plain data so that it can cross a worker-thread boundary.

import type { AssetKind, Attrs, EdgeKind, Evidence, Sensitivity } from '../model/index.js';

/** A reference to an asset by natural key; the graph builder turns it into a stable id. */
export interface KeyRef {
  kind: AssetKind;
  key: string;
}

/**
 * A reference to whatever asset a relative path names (a prompt file loaded by code, a dataset read by
 * a training script). Resolved by the builder against the assets found at that path; dropped when none.
 */
export interface PathRef {
  path: string;
  /** The file the path was written in; relative paths are tried from its folder, its application and the root. */
  from: string;
  kinds: AssetKind[];
}

export type Ref = KeyRef | PathRef;

export function isPathRef(r: Ref): r is PathRef {
  return (r as PathRef).path !== undefined;
}

/** The application (project) that contains a file; resolved by the builder. */
export function appRef(file: string): PathRef {
  return { path: '.', from: file, kinds: ['application'] };
}

export interface AssetDraft {
  kind: AssetKind;
  key: string;
  name?: string;
  provider?: string;
  attrs?: Attrs;
  evidence?: Evidence[];
  owner?: string;
  environment?: string;
  sensitivity?: Sensitivity;
  tags?: string[];
}

export interface EdgeDraft {
  from: Ref;
  kind: EdgeKind;
  to: Ref;
  evidence?: Evidence[];
  attrs?: Attrs;
}

export interface CollectorOutput {
  assets: AssetDraft[];
  edges: EdgeDraft[];
  /** Facts about the application that holds a file (merged into its attrs; arrays are unioned). */
  appFacts: Array<{ file: string; attrs: Attrs }>;
  warnings: Array<{ file?: string; line?: number; message: string; collector?: string }>;
}

/** Lazy, bounded access to one file. Every read is cached; nothing is ever executed. */
export interface FileInput {
  /** Path relative to the scanned root, forward slashes. */
  rel: string;
  /** Absolute path, for streaming reads of large binaries. Never to be opened as code. */
  abs: string;
  size: number;
  /** The first bytes (up to 64 KiB), enough for magic numbers and headers. */
  head(): Promise<Buffer>;
  /** The whole file as UTF-8 text; throws TooLargeError past the limit, BinaryContentError on binary bytes. */
  text(): Promise<string>;
  /** The whole file as bytes; throws TooLargeError past the byte limit. */
  bytes(): Promise<Buffer>;
  /** Reads `length` bytes at `offset` (for formats with an index at the end, such as zip). */
  range(offset: number, length: number): Promise<Buffer>;
  /** Streamed SHA-256 of the whole file, hex. */
  sha256(): Promise<string>;
}

export class TooLargeError extends Error {
  constructor(
    readonly rel: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${rel}: ${size} bytes is over the ${limit}-byte limit for content analysis`);
  }
}

/** A file a text collector wanted (by its name) holds binary bytes. */
export class BinaryContentError extends Error {
  constructor(readonly rel: string) {
    super(`${rel}: binary content where text was expected`);
  }
}

export interface CollectContext {
  /** Emits an asset; evidence without a file gets this file. Returns a ref for edges. */
  asset(draft: AssetDraft): KeyRef;
  edge(from: Ref, kind: EdgeKind, to: Ref, evidence?: Partial<Evidence> & { line?: number }, attrs?: Attrs): void;
  /** Records a fact on the application holding this file (e.g. `{ unsafeLoads: [...] }`). */
  appFact(attrs: Attrs): void;
  /** A warning naming this file (and line when known); the scan goes on. */
  warn(message: string, line?: number): void;
  /** Builds evidence for this file at a line with a (masked) snippet. */
  at(line?: number, snippet?: string, endLine?: number): Evidence;
}

export interface Collector {
  id: string;
  version: string;
  /** Cheap test on the path alone (relative path and lower-cased base name). */
  wants(rel: string, base: string): boolean;
  /**
   * Optional content sniffing for files recognised by content rather than name (model files). Called with
   * the head of files `wants` declined; returning true makes the collector run on them too.
   */
  sniff?(head: Buffer, rel: string): boolean;
  collect(file: FileInput, ctx: CollectContext): Promise<void> | void;
}
