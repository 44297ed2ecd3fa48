// Mapping between finding rows and StoredFinding, and the digest that tells a changed judgement from an unchanged one.
import type { Evidence } from '../model/asset.js';
import type { Finding, FindingStatus, FrameworkId, ScoreReason, Severity, Suppression } from '../model/finding.js';
import { SEVERITY_RANK } from '../model/finding.js';
import { toIso } from './rows.js';
import { canonicalJson, sha256 } from './snapshot.js';
import type { FindingEvent, FindingEventKind, StoredFinding } from './types.js';

/** The parts of a finding read whole and never filtered on. */
export interface FindingDetail {
  reasons: ScoreReason[];
  evidence: Evidence[];
  path?: string[];
  frameworks: Partial<Record<FrameworkId, string[]>>;
  remediation?: string;
}

/** The columns a save writes from a report's finding (everything but the lifecycle). */
export interface JudgementColumns {
  fingerprint: string;
  check_id: string;
  asset_id: string;
  severity: Severity;
  severity_rank: number;
  score: number;
  title: string;
  message: string;
  detail: FindingDetail;
  suppression: Suppression | null;
  digest: string;
}

/** Scan-time suppressions the store keeps with the finding; a baseline only says "not new", which is no decision. */
function storedSuppression(s: Suppression | undefined): Suppression | null {
  return s && (s.kind === 'inline' || s.kind === 'ignore-file') ? s : null;
}

export function judgementColumns(f: Finding): JudgementColumns {
  const detail: FindingDetail = { reasons: f.reasons ?? [], evidence: f.evidence ?? [], frameworks: f.frameworks ?? {} };
  if (f.path) detail.path = f.path;
  if (f.remediation) detail.remediation = f.remediation;
  const cols = {
    fingerprint: f.fingerprint,
    check_id: f.checkId,
    asset_id: f.assetId,
    severity: f.severity,
    severity_rank: SEVERITY_RANK[f.severity] ?? 0,
    score: Math.round(f.score),
    title: f.title,
    message: f.message,
    detail,
    suppression: storedSuppression(f.suppressed),
  };
  return { ...cols, digest: sha256(canonicalJson(cols)) };
}

/**
 * The select list of every finding read. A present finding (not resolved, not held back) was seen by its source's
 * last judged scan, so its last_seen/last_scan are that scan's (rows of unchanged findings are never rewritten).
 */
export const FINDING_FROM = `from findings f
  join sources src on src.id = f.source_id
  left join scans js on js.id = src.judged_scan_id`;

const PRESENT = 'f.resolved_at is null and not f.held and js.id is not null';
export const EFFECTIVE_LAST_SEEN = `case when ${PRESENT} then js.started_at else f.last_seen end`;
export const EFFECTIVE_LAST_SCAN = `case when ${PRESENT} then js.id else f.last_scan end`;

export const FINDING_COLUMNS = `src.name as source, f.fingerprint, f.check_id, f.asset_id, f.severity, f.score, f.title,
  f.message, f.detail, f.suppression, f.status, f.status_reason, f.status_by, f.accepted_until, f.assignee,
  f.first_seen, f.first_scan, ${EFFECTIVE_LAST_SEEN} as last_seen, ${EFFECTIVE_LAST_SCAN} as last_scan, f.resolved_at`;

export interface FindingRow {
  source: string;
  fingerprint: string;
  check_id: string;
  asset_id: string;
  severity: Severity;
  score: number;
  title: string;
  message: string;
  detail: FindingDetail;
  suppression: Suppression | null;
  status: FindingStatus;
  status_reason: string | null;
  status_by: string | null;
  accepted_until: Date | string | null;
  assignee: string | null;
  first_seen: Date | string;
  first_scan: string;
  last_seen: Date | string;
  last_scan: string;
  resolved_at: Date | string | null;
}

export function findingFromRow(r: FindingRow): StoredFinding {
  const f: StoredFinding = {
    fingerprint: r.fingerprint,
    checkId: r.check_id,
    severity: r.severity,
    score: r.score,
    reasons: r.detail.reasons ?? [],
    title: r.title,
    message: r.message,
    assetId: r.asset_id,
    evidence: r.detail.evidence ?? [],
    frameworks: r.detail.frameworks ?? {},
    status: r.status,
    source: r.source,
    firstSeen: toIso(r.first_seen) as string,
    lastSeen: toIso(r.last_seen) as string,
    firstScan: r.first_scan,
    lastScan: r.last_scan,
  };
  if (r.detail.path) f.path = r.detail.path;
  if (r.detail.remediation) f.remediation = r.detail.remediation;
  const until = toIso(r.accepted_until);
  if (r.status === 'accepted' || r.status === 'false-positive') {
    // a person's decision is what outputs show as the suppression
    f.suppressed = { kind: r.status, reason: r.status_reason ?? '' };
    if (r.status_by) f.suppressed.by = r.status_by;
    if (until && r.status === 'accepted') f.suppressed.until = until;
  } else if (r.suppression) {
    f.suppressed = r.suppression;
  }
  if (r.resolved_at) f.resolvedAt = toIso(r.resolved_at) as string;
  if (r.assignee) f.assignee = r.assignee;
  if (until && r.status === 'accepted') f.acceptedUntil = until;
  return f;
}

export const EVENT_COLUMNS = 'src.name as source, e.fingerprint, e.at, e.kind, e.by, e.reason, e.until, e.assignee, e.scan_id';

export interface EventRow {
  source: string;
  fingerprint: string;
  at: Date | string;
  kind: FindingEventKind;
  by: string;
  reason: string | null;
  until: Date | string | null;
  assignee: string | null;
  scan_id: string | null;
}

export function eventFromRow(r: EventRow): FindingEvent {
  const e: FindingEvent = { fingerprint: r.fingerprint, at: toIso(r.at) as string, kind: r.kind, by: r.by, source: r.source };
  if (r.reason !== null) e.reason = r.reason;
  if (r.until !== null) e.until = toIso(r.until) as string;
  if (r.kind === 'assigned') e.assignee = r.assignee;
  if (r.scan_id !== null) e.scanId = r.scan_id;
  return e;
}
