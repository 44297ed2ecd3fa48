-- The AI gateway's runtime state: virtual keys (hashed), token usage per key and budget period, the security
-- events it emitted, and runtime usage (which application called which model through which key), from which
-- the gateway's inventory (source `gateway`) is written.

create table gateway_keys (
  id text primary key,
  name text not null unique,
  app text,
  team text,
  -- sha256 hex of the key; the key itself is shown once, when created or rotated
  key_hash text not null unique,
  -- the previous key after a rotation, accepted until prev_expires_at
  prev_hash text,
  prev_expires_at timestamptz,
  models jsonb not null default '[]',
  budget_tokens bigint,
  budget_period text check (budget_period in ('hour', 'day', 'week', 'month')),
  rpm integer,
  tpm integer,
  expires_at timestamptz,
  status text not null default 'active' check (status in ('active', 'revoked')),
  created_at timestamptz not null default now(),
  rotated_at timestamptz,
  revoked_at timestamptz
);
create index gateway_keys_prev on gateway_keys (prev_hash) where prev_hash is not null;

-- Additive counters so several gateway instances can share one budget.
create table gateway_key_usage (
  key_id text not null references gateway_keys (id) on delete cascade,
  period_start timestamptz not null,
  tokens bigint not null default 0,
  requests bigint not null default 0,
  primary key (key_id, period_start)
);

create table gateway_events (
  id bigserial primary key,
  time timestamptz not null,
  class_uid integer not null,
  severity_id integer not null,
  action text,
  key_id text,
  app text,
  provider text,
  model text,
  event jsonb not null
);
create index gateway_events_by_time on gateway_events (time desc);
create index gateway_events_by_key on gateway_events (key_id, time desc);

create table gateway_usage (
  app text not null,
  key_id text not null,
  provider text not null,
  model text not null,
  requests bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  blocked bigint not null default 0,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  primary key (app, key_id, provider, model)
);
