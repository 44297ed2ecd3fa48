// What every rule and finder produces before overlaps are resolved and values are masked.
import type { Severity } from './rules.js';

export interface Candidate {
  /** Rule id, reported as the detection type. */
  rule: string;
  provider: string;
  severity: Severity;
  /** Offsets of the secret value in the text; end is exclusive. */
  start: number;
  end: number;
  score: number;
  reasons: string[];
  /** Higher wins when two candidates overlap: whole credentials over their parts, specific over generic. */
  priority: number;
  extra?: Record<string, unknown>;
}

/** A procedural detector for formats a single regex cannot judge (PEM blocks, JSON key files, URLs). */
export interface Finder {
  id: string;
  keywords: readonly string[];
  /** `present`: the keywords the prefilter found in the text (all of them when the caller did not look). */
  find(text: string, present?: ReadonlySet<string>): Candidate[];
}

export const PRIORITY = { container: 100, block: 95, prefixed: 80, jwt: 70, gated: 60, url: 50, generic: 10 } as const;
