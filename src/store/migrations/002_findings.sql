-- Findings per source, keyed by fingerprint: the latest judgement plus the lifecycle (open, resolved, accepted,
-- false-positive), and the append-only history of every transition. Like assets, a rescan writes only the findings
-- that are new, changed, gone or back: an unchanged finding's row is not touched, so last_seen/last_scan hold the
-- last write; for a present finding the effective values are the source's last judged scan (see queries).

-- The last scan that ran checks: a `--no-checks` scan stores the inventory but neither sees nor resolves findings.
alter table sources add column judged_scan_id text;

create table findings (
  source_id integer not null references sources (id) on delete cascade,
  fingerprint text not null,
  check_id text not null,
  asset_id text not null,
  severity text not null,
  -- critical 4 .. info 0: sorts by severity without a CASE over text
  severity_rank smallint not null,
  score integer not null,
  title text not null,
  message text not null,
  -- reasons, evidence, path, frameworks, remediation: read whole, never filtered on
  detail jsonb not null,
  -- a scan-time suppression (inline comment, ignore file) as the report carried it
  suppression jsonb,
  digest text not null,
  status text not null check (status in ('open', 'resolved', 'accepted', 'false-positive')),
  status_reason text,
  status_by text,
  status_at timestamptz,
  accepted_until timestamptz,
  assignee text,
  first_seen timestamptz not null,
  first_scan text not null,
  last_seen timestamptz not null,
  last_scan text not null,
  -- present, but its check did not run in the last judged scan: last_seen/last_scan are its own, not that scan's
  held boolean not null default false,
  -- set while a rescan no longer sees the finding (status resolved, or a false positive that went away)
  resolved_at timestamptz,
  resolved_scan text,
  primary key (source_id, fingerprint)
);
-- The list queries: per source by status and score (the default queue), by severity, by check, by asset; across
-- sources by status and score; fingerprint prefixes (short fingerprints, like git's short hashes).
create index findings_by_status_score on findings (source_id, status, score desc, fingerprint);
create index findings_by_severity on findings (source_id, severity_rank desc, score desc, fingerprint);
create index findings_by_check on findings (source_id, check_id, score desc);
create index findings_by_asset on findings (source_id, asset_id);
create index findings_all_by_status_score on findings (status, score desc, fingerprint);
create index findings_all_by_severity on findings (severity_rank desc, score desc, fingerprint);
create index findings_all_by_check on findings (check_id, score desc);
create index findings_by_fingerprint on findings (fingerprint text_pattern_ops);
create index findings_by_assignee on findings (assignee) where assignee is not null;
-- acceptances that lapse: expiry looks only at these rows
create index findings_accepted_until on findings (accepted_until) where status = 'accepted';

create table finding_events (
  id bigserial primary key,
  source_id integer not null references sources (id) on delete cascade,
  fingerprint text not null,
  at timestamptz not null,
  kind text not null check (kind in ('opened', 'resolved', 'reopened', 'accepted', 'false-positive', 'expired',
    'assigned', 'commented')),
  by text not null,
  reason text,
  until timestamptz,
  assignee text,
  scan_id text
);
create index finding_events_by_finding on finding_events (source_id, fingerprint, id);
create index finding_events_by_kind on finding_events (kind, source_id);
