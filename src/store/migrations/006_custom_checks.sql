-- Custom checks managed through the server (Settings → Checks, /api/checks): the check.yaml text exactly as uploaded,
-- validated by the same loader as the CLI's `--policy` folders before it is stored. Server scans judge with the
-- enabled ones beside the built-in library. A deleted check keeps its row as a tombstone (deleted_at), so that the
-- next scan of each source resolves the findings it raised instead of holding them as if the check had not run.
create table custom_checks (
  -- the check's id (ACME-001): the `id:` in the YAML, never one of the built-in library's
  id text primary key,
  yaml text not null,
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null default now(),
  updated_by text,
  updated_at timestamptz not null default now(),
  deleted_by text,
  deleted_at timestamptz
);
