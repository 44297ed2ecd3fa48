// The typed difference between two scans of one source, as computed by the store. Types only, no I/O.
import type { AssetKind, Edge } from './asset.js';

/** Enough to name an asset in a diff without carrying its whole state. */
export interface AssetRef {
  id: string;
  kind: AssetKind;
  name: string;
}

/**
 * One changed field. `field` is a dotted path: a top-level field (`owner`, `tags`, `evidence`) or an
 * attribute path (`attrs.version`, `attrs.limits.rpm`). An absent value is reported as `null`.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AssetChange {
  asset: AssetRef;
  changes: FieldChange[];
  /** True when only the evidence moved (e.g. line shifts), so users can filter out mere churn. */
  evidenceOnly: boolean;
}

export interface ScanDiff {
  source: string;
  /** Absent when `toScan` is the first scan of the source: then everything is added. */
  fromScan?: string;
  toScan: string;
  added: AssetRef[];
  removed: AssetRef[];
  changed: AssetChange[];
  edgesAdded: Edge[];
  edgesRemoved: Edge[];
}
