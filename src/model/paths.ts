// Attack paths: chains through the asset graph from where an attacker gets in to what they want. Types only.
import type { EdgeKind } from './asset.js';
import type { ScoreReason } from './finding.js';

/** Where an attacker's influence enters the graph. */
export const ENTRY_KINDS = ['internet', 'untrusted-content', 'web-input', 'tool-output', 'public-repository'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What is worth reaching. */
export const TARGET_KINDS = ['sensitive-data', 'credential', 'side-effect-tool', 'production-model'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface AttackPathStep {
  assetId: string;
  /** The edge followed from the previous step to this one (absent on the first step). */
  via?: { kind: EdgeKind; from: string; to: string };
}

export interface AttackPath {
  /** Stable across runs: a hash of the entry, the target and the asset ids on the way. */
  id: string;
  entry: { assetId: string; kind: EntryKind };
  target: { assetId: string; kind: TargetKind };
  /** Entry first, target last. */
  steps: AttackPathStep[];
  /** Fingerprints of the findings on assets along the path. */
  findings: string[];
  /** 0-100: how much this path matters (target value, exposure of the entry, findings on the way, length). */
  score: number;
  /** What produced the score (entry, target, findings on the way, length); they add up to it. */
  reasons?: ScoreReason[];
  /** One line a person can read, e.g. "internet → Ingress chat → Deployment chat-api → … → customers.csv". */
  summary: string;
}
