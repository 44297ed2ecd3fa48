// Custom checks the server manages (migration 006): the check.yaml text as uploaded, an enabled flag and who changed
// it when. Plain rows: validating the YAML is the policy loader's business (src/server/check-library.ts calls it
// before anything is written). Every function takes the caller's Queryable, so a change and its audit entry commit
// together in one transaction.
import type { Queryable } from './db.js';
import { toIso } from './rows.js';

export interface CustomCheckRecord {
  id: string;
  yaml: string;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
}

interface Row {
  id: string;
  yaml: string;
  enabled: boolean;
  created_by: string | null;
  created_at: Date | string;
  updated_by: string | null;
  updated_at: Date | string;
}

const COLUMNS = 'id, yaml, enabled, created_by, created_at, updated_by, updated_at';

const fromRow = (r: Row): CustomCheckRecord => ({
  id: r.id,
  yaml: r.yaml,
  enabled: r.enabled,
  createdBy: r.created_by,
  createdAt: toIso(r.created_at) as string,
  updatedBy: r.updated_by,
  updatedAt: toIso(r.updated_at) as string,
});

/** Live (not deleted) custom checks, by id. */
export async function listCustomChecks(q: Queryable, opts: { enabledOnly?: boolean } = {}): Promise<CustomCheckRecord[]> {
  const rows = await q.query<Row>(
    `select ${COLUMNS} from custom_checks where deleted_at is null ${opts.enabledOnly ? 'and enabled' : ''} order by id`);
  return rows.map(fromRow);
}

export async function getCustomCheck(q: Queryable, id: string): Promise<CustomCheckRecord | undefined> {
  const [r] = await q.query<Row>(`select ${COLUMNS} from custom_checks where id = $1 and deleted_at is null`, [id]);
  return r && fromRow(r);
}

/**
 * Stores a new check; a deleted check's tombstone with the same id is replaced (a new check, new creation time).
 * Undefined when a live check already has the id (the caller answers 409); the row lock makes that race-free.
 */
export async function createCustomCheck(q: Queryable, c: { id: string; yaml: string; enabled: boolean; by: string }): Promise<CustomCheckRecord | undefined> {
  const [r] = await q.query<Row>(
    `insert into custom_checks (id, yaml, enabled, created_by, updated_by) values ($1, $2, $3, $4, $4)
     on conflict (id) do update set yaml = excluded.yaml, enabled = excluded.enabled, created_by = excluded.created_by,
       created_at = now(), updated_by = excluded.updated_by, updated_at = now(), deleted_by = null, deleted_at = null
     where custom_checks.deleted_at is not null
     returning ${COLUMNS}`,
    [c.id, c.yaml, c.enabled, c.by],
  );
  return r && fromRow(r);
}

/** Changes the YAML and/or the enabled flag of a live check; undefined when there is none with this id. */
export async function updateCustomCheck(q: Queryable, id: string, patch: { yaml?: string; enabled?: boolean }, by: string): Promise<CustomCheckRecord | undefined> {
  const [r] = await q.query<Row>(
    `update custom_checks set yaml = coalesce($2, yaml), enabled = coalesce($3, enabled), updated_by = $4, updated_at = now()
     where id = $1 and deleted_at is null returning ${COLUMNS}`,
    [id, patch.yaml ?? null, patch.enabled ?? null, by],
  );
  return r && fromRow(r);
}

/** Deletes a live check, keeping a tombstone (see the migration); false when there is none with this id. */
export async function deleteCustomCheck(q: Queryable, id: string, by: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    'update custom_checks set deleted_at = now(), deleted_by = $2, enabled = false where id = $1 and deleted_at is null returning id',
    [id, by],
  );
  return rows.length > 0;
}

/**
 * Ids of custom checks an admin withdrew (disabled or deleted): a server scan speaks for them too, so the findings
 * they raised resolve instead of being held as if the check had merely not run this time.
 */
export async function withdrawnCustomCheckIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>('select id from custom_checks where deleted_at is not null or not enabled order by id');
  return rows.map((r) => r.id);
}
