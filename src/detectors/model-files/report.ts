// The detections this detector returns: the shared Detection shape plus a severity, the callables
// involved and, for archives, the entry that holds the finding.

import type { Detection } from '../types.js';
import type { Severity } from './globals-policy.js';

export interface ModelDetection extends Detection {
  severity: Severity;
  /** Dotted names of the callables involved (never arguments: those may hold secrets). */
  callables?: string[];
  /** For findings inside archives: the member path, outermost first, joined by `!/`. */
  entry?: string;
}

export const SEVERITY_SCORE: Record<Severity, number> = { critical: 0.95, high: 0.8, medium: 0.5, low: 0.25 };
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function detection(type: string, severity: Severity, start: number, end: number, reasons: string[], extra: Partial<ModelDetection> = {}): ModelDetection {
  return { type, start, end: Math.max(end, start + 1), score: SEVERITY_SCORE[severity], severity, reasons, ...extra };
}

/** True when a detection is serious enough to call the file malicious. */
export function isSevere(d: ModelDetection): boolean {
  return SEVERITY_RANK[d.severity] >= SEVERITY_RANK.high;
}
