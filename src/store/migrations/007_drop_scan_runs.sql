-- Scans requested through the API are `scan` jobs (migration 004), and `/api/scan-runs` reads them from `jobs`: the
-- table of the former in-process runner has no reader or writer left.
drop table if exists scan_runs;
