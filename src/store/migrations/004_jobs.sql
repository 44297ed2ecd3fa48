-- Background work: the job queue (scans, deliveries, ticket sync), integrations and the tickets they open.
-- The queue is a plain table consumed with `select ... for update skip locked`: any number of `aispm worker`
-- processes on PostgreSQL, one in-process consumer on PGlite. A job holds a lease (locked_by, locked_until) that its
-- worker renews while it runs; a lease that runs out means the worker died, and the job is retried or failed.

create table jobs (
  id bigserial primary key,
  -- validated by the code that enqueues (the queue itself runs any kind a handler is registered for)
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts >= 1),
  -- not before: a retry waits out its backoff here
  run_after timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  heartbeat_at timestamptz,
  last_error text,
  -- one entry per failed attempt {attempt, at, worker, error}: a retried job keeps why it was retried
  errors jsonb not null default '[]',
  result jsonb,
  -- at most one QUEUED job per key (a schedule firing while the last run still waits, a double click); cleared when
  -- the job starts, so a retry never collides with a newer request
  dedupe_key text,
  created_by text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index jobs_ready on jobs (run_after, id) where status = 'queued';
create index jobs_leased on jobs (locked_until) where status = 'running';
create index jobs_by_created on jobs (created_at desc, id desc);
create index jobs_by_status on jobs (status, created_at desc);
create unique index jobs_dedupe on jobs (dedupe_key) where status = 'queued' and dedupe_key is not null;

-- What the server needs to fetch a source and rescan it on its own (the sources table is 001's, extended by 003):
-- `kind` says what `root` is (a folder, a git URL or path with an optional #branch, an MCP config file or folder, log
-- files), `options` holds kind-specific settings; a cron `schedule` (5 or 6 fields, in `timezone`) sets `next_run_at`,
-- which the scheduler advances when it queues the scan.
alter table sources add column options jsonb not null default '{}';
alter table sources add column schedule text;
alter table sources add column timezone text;
alter table sources add column next_run_at timestamptz;
alter table sources add column last_job_id bigint;
create index sources_due on sources (next_run_at) where schedule is not null;

-- Outgoing integrations. Credentials live in `secrets` and are never returned by the API (only masked).
create table integrations (
  id serial primary key,
  name text not null unique,
  type text not null check (type in ('webhook', 'slack', 'jira', 'github', 'servicenow')),
  config jsonb not null default '{}',
  secrets jsonb not null default '{}',
  -- which events a webhook or Slack channel receives, and from which severity findings are sent
  events text[] not null default '{}',
  min_severity text not null default 'high',
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A ticket opened in a tracker for one finding; closed there when the finding is resolved.
create table tickets (
  id serial primary key,
  integration_id integer not null references integrations (id) on delete cascade,
  fingerprint text not null,
  source text,
  -- pending until the tracker has answered (creation runs as a job)
  status text not null default 'pending' check (status in ('pending', 'open', 'closed', 'failed')),
  external_id text,
  external_key text,
  url text,
  title text not null,
  last_error text,
  create_job_id bigint,
  created_by text,
  created_at timestamptz not null default now(),
  opened_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (integration_id, fingerprint)
);
create index tickets_by_fingerprint on tickets (fingerprint);
create index tickets_open on tickets (status) where status in ('pending', 'open');
