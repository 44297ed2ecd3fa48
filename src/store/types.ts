// The store's public contract, shared by the CLI, the server and the tests.
import type { Asset, Edge } from '../model/asset.js';
import type { ScanDiff } from '../model/diff.js';
import type { Report, ScanStats } from '../model/report.js';

export interface StoreOptions {
  /** PGlite data directory (created if missing); used when no `databaseUrl` is given. */
  dataDir?: string;
  /** A PostgreSQL connection URL; takes precedence over `dataDir`. */
  databaseUrl?: string;
}

export interface SavedScan {
  scanId: string;
  sourceId: number;
  /** The difference from the previous scan of the same source (everything added for the first one). */
  diff: ScanDiff;
}

export type ScanStatus = 'running' | 'complete' | 'failed';

export interface ScanSummary {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  status: ScanStatus;
  toolVersion: string | null;
  stats: ScanStats;
  assetCount: number;
  edgeCount: number;
  warningCount: number;
  added: number;
  changed: number;
  removed: number;
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

export interface Store {
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
