import type { Asset, Edge, ScanWarning } from './asset.js';
import type { Finding } from './finding.js';
import type { AttackPath } from './paths.js';

export const REPORT_SCHEMA_VERSION = '1.0';

export interface CollectorStats {
  files: number;
  assets: number;
  ms: number;
}

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: number;
  durationMs: number;
  byCollector: Record<string, CollectorStats>;
}

/** The single artifact of a scan: every output format renders a Report and adds nothing. */
export interface Report {
  schemaVersion: string;
  tool: { name: 'aispm'; version: string };
  scan: {
    id?: string;
    /** The scanned root as the user named it (never an absolute machine path in outputs unless given so). */
    root: string;
    source: string;
    startedAt: string;
    finishedAt: string;
    stats: ScanStats;
    /**
     * Ids of the checks that judged this scan (absent when unknown). The store auto-resolves only findings of
     * checks that ran, so a run with fewer policies does not resolve the others' findings.
     */
    checks?: string[];
  };
  assets: Asset[];
  edges: Edge[];
  warnings: ScanWarning[];
  /** Judgement over the graph (checks and attack paths); absent when a run only inventories. */
  findings?: Finding[];
  /** Attack paths from entry points to crown jewels, by score; absent when a run only inventories. */
  paths?: AttackPath[];
}
