// Where a finding or asset points in the scanned tree: shared by every output that prints a location.
import type { Evidence } from './asset.js';

/** The first evidence that names a real file (the root application's `.` is not one). */
export function firstFileEvidence(evidence: readonly Evidence[]): Evidence | undefined {
  return evidence.find((e) => e.file && e.file !== '.');
}

/** `path/to/file:12`, or the path alone when no line is known. */
export function formatLocation(e: Evidence | undefined): string | undefined {
  if (!e?.file) return undefined;
  return e.line ? `${e.file}:${e.line}` : e.file;
}
