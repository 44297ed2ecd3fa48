// The store's public contract, shared by the CLI, the server and the tests.
import type { Asset, Edge } from '../model/asset.js';
import type { FindingEvent, Kpis, Page, ScanSummary, StoredFinding } from '../model/api.js';
import type { ScanDiff } from '../model/diff.js';
import type { Report } from '../model/report.js';
import type { FindingStatus, Severity } from '../model/finding.js';

// The shapes the store answers with are the API's (src/model/api.ts): re-exported as part of the store's contract.
export type { FindingEvent, FindingEventKind, Kpis, Page, ScanStatus, ScanSummary, StoredFinding } from '../model/api.js';

export interface StoreOptions {
  /** PGlite data directory (created if missing); used when no `databaseUrl` is given. */
  dataDir?: string;
  /** A PostgreSQL connection URL; takes precedence over `dataDir`. */
  databaseUrl?: string;
  /** The clock for acceptance expiry and triage times (tests inject one; default: the system clock). */
  now?: () => Date;
}

export interface SavedScan {
  scanId: string;
  sourceId: number;
  /** The difference from the previous scan of the same source (everything added for the first one). */
  diff: ScanDiff;
  /** What the scan did to its source's findings; absent when the scan ran no checks (`--no-checks`). */
  findings?: SavedFindings;
}

export interface SavedFindings {
  opened: number;
  reopened: number;
  resolved: number;
  /** Acceptances that lapsed (the finding is open again). */
  expired: number;
  /** Findings of this scan that a person accepted or marked false positive: outputs show them as suppressed. */
  triaged: TriagedFinding[];
}

export interface TriagedFinding {
  fingerprint: string;
  status: 'accepted' | 'false-positive';
  reason?: string;
  by?: string;
  until?: string;
}

export interface SourceSummary {
  id: number;
  name: string;
  root: string;
  scanCount: number;
  lastScanId: string | null;
  lastScanAt: string | null;
  /** Assets present in the latest scan (removed ones not counted). */
  assetCount: number;
}

export interface AssetQuery {
  kind?: string;
  /** Also return assets that are no longer seen (their lastSeen is the last scan that saw them). */
  includeRemoved?: boolean;
}

export interface DiffQuery {
  /** Scan id; default: the scan before `to`. */
  from?: string;
  /** Scan id; default: the latest scan of the source. */
  to?: string;
}

export interface Store extends FindingStore {
  readonly kind: 'pglite' | 'postgres';
  /** Writes a whole scan in ONE transaction; a failure or a kill leaves the previous state intact. */
  saveScan(report: Report): Promise<SavedScan>;
  diff(source: string, opts?: DiffQuery): Promise<ScanDiff | undefined>;
  listScans(source?: string, limit?: number): Promise<ScanSummary[]>;
  listSources(): Promise<SourceSummary[]>;
  assets(source: string, opts?: AssetQuery): Promise<Asset[]>;
  edges(source: string): Promise<Edge[]>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Findings in the store (the lifecycle): the contract the CLI (`aispm findings|accept|ignore|kpis`), the server and
// the UI share. Implemented by the store (migration 002); merged into `Store` once implemented on both engines.

export interface FindingQuery {
  source?: string;
  status?: FindingStatus[];
  severity?: Severity[];
  checkId?: string;
  assetId?: string;
  assignee?: string;
  /** Free text over title, message and check id. */
  q?: string;
  sort?: 'score' | 'severity' | 'firstSeen' | 'lastSeen' | 'checkId';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export type TriageAction =
  | { status: 'accepted'; reason: string; by: string; until?: string }
  | { status: 'false-positive'; reason: string; by: string }
  | { status: 'open'; reason?: string; by: string };

/**
 * A fingerprint names the same check on the same code wherever it is found: when two sources share one, triage,
 * assignment and comments apply to both, and `finding`/`findingHistory` read the most recently seen (or `source`'s).
 */
export interface FindingStore {
  findings(query?: FindingQuery): Promise<Page<StoredFinding>>;
  finding(fingerprint: string, source?: string): Promise<StoredFinding | undefined>;
  findingHistory(fingerprint: string, source?: string): Promise<FindingEvent[]>;
  /** Distinct stored fingerprints that start with `prefix` (short fingerprints, like git's short hashes). */
  matchFingerprints(prefix: string, limit?: number): Promise<string[]>;
  /** Accept (optionally until a date), mark false positive, or reopen; records who and why. */
  triageFinding(fingerprint: string, action: TriageAction): Promise<StoredFinding>;
  assignFinding(fingerprint: string, assignee: string | null, by: string): Promise<StoredFinding>;
  commentFinding(fingerprint: string, text: string, by: string): Promise<FindingEvent>;
  kpis(source?: string): Promise<Kpis>;
}
