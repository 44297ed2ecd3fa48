-- The first schema: sources, scans, the current inventory per source, and the events that make drift a query.
-- Bulk tables carry ONE foreign key each (a per-row check costs ~40% of a 50,000-row insert): assets and edges
-- hang off their source, events and warnings off their scan (which hangs off its source), so deleting a source or
-- a scan still cascades. The scan ids kept on asset rows (first_scan, last_scan, removed_scan) are plain pointers.

create table sources (
  id serial primary key,
  name text not null unique,
  root text not null,
  created_at timestamptz not null default now(),
  last_scan_id text
);

create table scans (
  id text primary key,
  -- save order: robust to clock skew between the machines that ran the scans
  seq bigserial not null unique,
  source_id integer not null references sources (id) on delete cascade,
  started_at timestamptz not null,
  finished_at timestamptz not null,
  saved_at timestamptz not null default now(),
  status text not null check (status in ('running', 'complete', 'failed')),
  tool_version text,
  stats jsonb not null default '{}',
  asset_count integer not null default 0,
  edge_count integer not null default 0,
  warning_count integer not null default 0,
  added_count integer not null default 0,
  changed_count integer not null default 0,
  removed_count integer not null default 0
);
create index scans_by_source on scans (source_id, seq desc);

-- Current state: one row per source and asset id, updated in place by rescans, kept (removed_at) when gone.
-- A rescan writes only added, changed and removed rows: an unchanged row is not touched (no write amplification,
-- and PGlite runs no autovacuum). So last_seen/last_scan hold the last write for a present asset, and the last scan
-- that saw it once removed; read the effective values through the asset_inventory view.
create table assets (
  source_id integer not null references sources (id) on delete cascade,
  id text not null,
  kind text not null,
  key text not null,
  name text not null,
  provider text,
  owner text,
  environment text,
  sensitivity text,
  tags text[] not null default '{}',
  attrs jsonb not null default '{}',
  evidence jsonb not null default '[]',
  -- digests of the content without evidence, and of the evidence, compared in memory to write only changes
  digest text not null,
  evidence_digest text not null,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  first_scan text not null,
  last_scan text not null,
  removed_at timestamptz,
  removed_scan text,
  primary key (source_id, id)
);
create index assets_by_source_kind on assets (source_id, kind) where removed_at is null;
create index assets_by_kind on assets (kind);

create view asset_inventory as
select a.source_id, a.id, a.kind, a.key, a.name, a.provider, a.owner, a.environment, a.sensitivity, a.tags,
  a.attrs, a.evidence, a.digest, a.evidence_digest, a.first_seen, a.first_scan,
  -- a present asset was, by definition, seen by the latest scan of its source
  case when a.removed_at is null then ls.started_at else a.last_seen end as last_seen,
  case when a.removed_at is null then src.last_scan_id else a.last_scan end as last_scan,
  a.removed_at, a.removed_scan
from assets a
join sources src on src.id = a.source_id
left join scans ls on ls.id = src.last_scan_id;

-- Current edges per source; their history is in edge_events.
create table edges (
  source_id integer not null references sources (id) on delete cascade,
  from_id text not null,
  kind text not null,
  to_id text not null,
  attrs jsonb,
  evidence jsonb,
  digest text not null,
  first_scan text not null,
  primary key (source_id, from_id, kind, to_id)
);
create index edges_by_target on edges (source_id, to_id);

-- Full before/after snapshots, so the state of a source at any scan (and the drift between two) is a query.
create table asset_events (
  id bigserial primary key,
  scan_id text not null references scans (id) on delete cascade,
  source_id integer not null,
  asset_id text not null,
  change text not null check (change in ('added', 'changed', 'removed')),
  before jsonb,
  after jsonb
);
create index asset_events_by_scan on asset_events (scan_id);
create index asset_events_by_asset on asset_events (source_id, asset_id);

create table edge_events (
  id bigserial primary key,
  scan_id text not null references scans (id) on delete cascade,
  source_id integer not null,
  from_id text not null,
  kind text not null,
  to_id text not null,
  change text not null check (change in ('added', 'removed')),
  edge jsonb not null
);
create index edge_events_by_scan on edge_events (scan_id);

create table scan_warnings (
  scan_id text not null references scans (id) on delete cascade,
  seq integer not null,
  file text,
  line integer,
  message text not null,
  collector text,
  primary key (scan_id, seq)
);
