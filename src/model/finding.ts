// Judgement: checks (policy as data) and the findings they produce. Shared by the CLI, store, server and UI.

import type { AssetKind, Evidence } from './asset.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Framework ids used in check mappings and compliance reports. */
export const FRAMEWORKS = ['owasp-llm-2025', 'mitre-atlas', 'nist-ai-rmf', 'eu-ai-act', 'iso-42001', 'owasp-agentic', 'owasp-mcp'] as const;
export type FrameworkId = (typeof FRAMEWORKS)[number];

export interface Check {
  /** Stable, never reused (deprecate instead), e.g. `AISPM-AGT-001`. */
  id: string;
  /** Readable long id, e.g. `agent-shell-tool-without-approval`. */
  longId: string;
  title: string;
  severity: Severity;
  /** Asset kinds the condition is evaluated on. */
  kinds: AssetKind[];
  /** CEL expression over `asset` (and graph helpers); true means the asset fails. */
  condition: string;
  /** Message template with `{{asset.name}}`-style placeholders. */
  message: string;
  remediation: string;
  references: string[];
  frameworks: Partial<Record<FrameworkId, string[]>>;
  maturity: 'experimental' | 'stable' | 'deprecated';
  domain: string;
}

export interface ScoreReason {
  /** What moved the score: severity, exposure, sensitivity, blast-radius, environment, exploitability. */
  factor: string;
  /** Points added (or removed) by this factor. */
  points: number;
  detail: string;
}

export type FindingStatus = 'open' | 'resolved' | 'accepted' | 'false-positive';

export interface Suppression {
  kind: 'inline' | 'ignore-file' | 'accepted' | 'false-positive' | 'baseline';
  reason: string;
  by?: string;
  until?: string;
}

export interface Finding {
  /** Check id + asset id + location, stable across runs and line shifts. */
  fingerprint: string;
  checkId: string;
  severity: Severity;
  /** 0-100 priority, with the reasons that produced it. */
  score: number;
  reasons: ScoreReason[];
  title: string;
  message: string;
  assetId: string;
  evidence: Evidence[];
  /** For attack-path findings: the asset ids from entry point to crown jewel. */
  path?: string[];
  /** Id of that attack path in `Report.paths` (the best-scoring one through the finding's asset). */
  pathId?: string;
  frameworks: Partial<Record<FrameworkId, string[]>>;
  remediation?: string;
  status: FindingStatus;
  suppressed?: Suppression;
}
