// Compliance: a framework's controls judged from a scan's findings. Types only; built by src/compliance/,
// rendered by the CLI and exported by the server (HTML/PDF) from the same object.

import type { AssetKind } from './asset.js';
import type { FrameworkId, Severity, Suppression } from './finding.js';

export const COMPLIANCE_SCHEMA_VERSION = '1.0';

/** A framework file (`frameworks/<id>.yaml`): controls mapped to check ids. */
export interface FrameworkDefinition {
  id: FrameworkId;
  name: string;
  version?: string;
  url?: string;
  controls: FrameworkControl[];
}

export interface FrameworkControl {
  id: string;
  title: string;
  checks: string[];
}

/**
 * `pass`: at least one mapped check ran on at least one applicable asset and no mapped check failed.
 * `fail`: a mapped check produced a finding (suppressed ones count, except false positives).
 * `not-evaluated`: nothing tested the control, so nothing can be claimed about it.
 */
export type ControlStatus = 'pass' | 'fail' | 'not-evaluated';
export const CONTROL_STATUSES: readonly ControlStatus[] = ['fail', 'pass', 'not-evaluated'];

/** What one mapped check contributed to a control. */
export interface ControlCheckEvidence {
  checkId: string;
  title: string;
  severity?: Severity;
  /** Whether the check was evaluated on at least one asset in this scan. */
  ran: boolean;
  /** Why it did not run (not loaded, deprecated, no asset of its kinds, checks not run). */
  notRunReason?: string;
  kinds: AssetKind[];
  /** Assets of the check's kinds in the scan. */
  applicableAssets: number;
  /** Distinct assets with a counted finding of this check. */
  failingAssets: number;
  passingAssets: number;
}

export interface ControlFindingEvidence {
  fingerprint: string;
  checkId: string;
  severity: Severity;
  score: number;
  title: string;
  message: string;
  assetId: string;
  assetName: string;
  assetKind?: AssetKind;
  /** `file:line` relative to the scanned root, when known. */
  location?: string;
  suppressed?: Suppression;
}

export interface ControlResult {
  id: string;
  title: string;
  status: ControlStatus;
  /** One sentence a reviewer can read: why this status. */
  reason: string;
  checks: ControlCheckEvidence[];
  /** The findings that make the control fail (empty unless status is `fail`). */
  findings: ControlFindingEvidence[];
}

export interface ComplianceReport {
  schemaVersion: string;
  framework: { id: FrameworkId; name: string; version?: string; url?: string };
  scan: { id?: string; root: string; source: string; finishedAt: string; tool: { name: 'aispm'; version: string } };
  summary: {
    controls: number;
    pass: number;
    fail: number;
    notEvaluated: number;
    /** Share of controls that some check actually tested (pass + fail), 0-100. */
    coveragePercent: number;
  };
  controls: ControlResult[];
}
