-- The server's own state: users, sessions, API tokens, the audit trail, in-process scan runs, analyst decisions that
-- must survive rescans (ownership), attack paths and KPI snapshots per scan, and the indexes the API's lists need.

create table users (
  id serial primary key,
  username text not null,
  display_name text,
  role text not null check (role in ('admin', 'analyst', 'viewer')),
  -- Argon2id PHC string; never leaves the server (not in API answers, not in the audit log)
  password_hash text not null,
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);
create unique index users_by_name on users (lower(username));

-- Only a SHA-256 of the session secret is kept: a leaked database does not give working cookies.
create table sessions (
  id_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_by_user on sessions (user_id);

create table api_tokens (
  id serial primary key,
  user_id integer not null references users (id) on delete cascade,
  name text not null,
  scope text not null check (scope in ('read', 'write', 'admin')),
  -- the first characters of the token, to recognise it in lists; the rest is only in token_hash (SHA-256)
  prefix text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_by_user on api_tokens (user_id);

-- Append-only: who did what, when, to what, with the state before and after (secrets redacted before writing).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id integer,
  actor text not null,
  via text not null check (via in ('session', 'token', 'system')),
  action text not null,
  target_type text,
  target_id text,
  before jsonb,
  after jsonb,
  ip text,
  request_id text
);
create index audit_log_by_at on audit_log (at desc, id desc);
create index audit_log_by_action on audit_log (action, id desc);
create index audit_log_by_actor on audit_log (actor, id desc);
create index audit_log_by_target on audit_log (target_type, target_id, id desc);

-- A source the server knows how to scan: the scan's own table, with what the server needs beside name and root.
alter table sources add column kind text not null default 'directory';
alter table sources add column description text;
alter table sources add column created_by text;
alter table sources add column updated_at timestamptz not null default now();

-- Scans requested through the API and run in-process (the job queue takes over where it is configured).
create table scan_runs (
  id text primary key,
  source_id integer not null references sources (id) on delete cascade,
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  requested_by text not null,
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  scan_id text,
  summary jsonb
);
create index scan_runs_by_requested on scan_runs (requested_at desc, id);
create index scan_runs_by_source on scan_runs (source_id, requested_at desc);

-- Ownership assigned by a person: columns of their own beside the scanned owner, which a rescan rewrites (the save's
-- upsert never sets these). The effective owner is coalesce(assigned_owner, owner), indexed as such below.
alter table assets add column assigned_owner text;
alter table assets add column owner_assigned_by text;
alter table assets add column owner_assigned_at timestamptz;

-- What a scan judged beyond findings: its attack paths, and the KPIs right after it (the trend is a list of these).
create table scan_paths (
  scan_id text primary key references scans (id) on delete cascade,
  paths jsonb not null default '[]'
);
create table kpi_snapshots (
  scan_id text primary key references scans (id) on delete cascade,
  source_id integer not null,
  at timestamptz not null,
  kpis jsonb not null
);
create index kpi_snapshots_by_source on kpi_snapshots (source_id, at);

-- Inventory lists filter and sort over all present assets: one index per filterable column keeps a page cheap, and
-- the sort indexes end in (id, source_id) so a deep page is found in the index alone before rows are read.
create index assets_by_name on assets (name, id, source_id) where removed_at is null;
create index assets_by_provider on assets (provider) where removed_at is null;
create index assets_by_effective_owner on assets ((coalesce(assigned_owner, owner)), name, id, source_id) where removed_at is null;
create index assets_by_environment on assets (environment) where removed_at is null;
create index assets_by_sensitivity on assets (sensitivity) where removed_at is null;
create index assets_by_first_seen on assets (first_seen, id, source_id) where removed_at is null;
create index assets_by_kind_name on assets (kind, name, id, source_id) where removed_at is null;

-- The API's findings queue orders on findings' own columns (see server-queries.ts); these cover each ordering with
-- its usual filters, ending in (fingerprint, source_id) for the same index-only walk to deep pages.
create index findings_queue_by_score on findings (score desc, fingerprint, source_id);
create index findings_queue_by_status on findings (status, score desc, fingerprint, source_id);
create index findings_queue_by_status_severity on findings (status, severity, score desc, fingerprint, source_id);
create index findings_queue_by_rank on findings (severity_rank desc, score desc, fingerprint, source_id);
create index findings_queue_by_first_seen on findings (first_seen desc, fingerprint, source_id);

-- Free-text search (`q`) is a substring match: trigram indexes answer it without reading every row, where the
-- pg_trgm extension exists (PostgreSQL's contrib; the embedded engine goes without and scans, fine at its sizes).
do $$
begin
  create extension if not exists pg_trgm;
exception when others then
  raise notice 'aispm: pg_trgm is not available; text search reads every row';
end $$;
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute 'create index findings_text_trgm on findings using gin ((title || '' '' || message || '' '' || check_id) gin_trgm_ops)';
    execute 'create index assets_text_trgm on assets using gin ((name || '' '' || key) gin_trgm_ops) where removed_at is null';
  end if;
end $$;
