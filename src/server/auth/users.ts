// Local user accounts: the SQL over the `users` table (migration 003).
import type { Queryable } from '../../store/db.js';
import { toIso } from '../../store/rows.js';
import type { Role, User } from '../../model/api.js';

export type { User };

interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  password_hash: string;
}

const COLUMNS = 'id, username, display_name, role, disabled, must_change_password, created_at, updated_at';

export const userFromRow = (r: Omit<UserRow, 'password_hash'>): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  createdAt: toIso(r.created_at) as string,
  updatedAt: toIso(r.updated_at) as string,
});

export async function getUser(q: Queryable, id: number): Promise<User | undefined> {
  const [r] = await q.query<UserRow>(`select ${COLUMNS} from users where id = $1`, [id]);
  return r && userFromRow(r);
}

export async function userForLogin(q: Queryable, username: string): Promise<(User & { passwordHash: string }) | undefined> {
  const [r] = await q.query<UserRow>(`select ${COLUMNS}, password_hash from users where lower(username) = lower($1)`, [username]);
  return r && { ...userFromRow(r), passwordHash: r.password_hash };
}

export async function passwordHashOf(q: Queryable, id: number): Promise<string | undefined> {
  const [r] = await q.query<{ password_hash: string }>('select password_hash from users where id = $1', [id]);
  return r?.password_hash;
}

export interface UserListQuery {
  q?: string;
  role?: Role;
  sort: 'username' | 'createdAt' | 'role';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listUsers(db: Queryable, q: UserListQuery): Promise<{ items: User[]; total: number }> {
  const col = { username: 'lower(username)', createdAt: 'created_at', role: 'role' }[q.sort];
  const dir = q.order === 'desc' ? 'desc' : 'asc';
  const params = [q.q ?? null, q.role ?? null];
  const where = `where ($1::text is null or username ilike '%' || $1 || '%' or display_name ilike '%' || $1 || '%')
    and ($2::text is null or role = $2)`;
  const rows = await db.query<UserRow>(
    `select ${COLUMNS} from users ${where} order by ${col} ${dir}, id ${dir} limit ${q.limit} offset ${q.offset}`, params);
  const [c] = await db.query<{ n: number }>(`select count(*)::int as n from users ${where}`, params);
  return { items: rows.map(userFromRow), total: c.n };
}

export async function countUsers(q: Queryable): Promise<number> {
  const [c] = await q.query<{ n: number }>('select count(*)::int as n from users');
  return c.n;
}

export async function countActiveAdmins(q: Queryable): Promise<number> {
  const [c] = await q.query<{ n: number }>("select count(*)::int as n from users where role = 'admin' and not disabled");
  return c.n;
}

export async function insertUser(q: Queryable, u: { username: string; displayName?: string | null; role: Role;
  passwordHash: string; mustChangePassword?: boolean }): Promise<User> {
  const [r] = await q.query<UserRow>(
    `insert into users (username, display_name, role, password_hash, must_change_password) values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [u.username, u.displayName ?? null, u.role, u.passwordHash, u.mustChangePassword ?? false],
  );
  return userFromRow(r);
}

export async function updateUser(q: Queryable, id: number, patch: { displayName?: string | null; role?: Role;
  disabled?: boolean; passwordHash?: string; mustChangePassword?: boolean }): Promise<User | undefined> {
  const sets: string[] = [];
  const params: Array<string | boolean | number | null> = [id];
  const set = (col: string, v: string | boolean | null) => {
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  };
  if (patch.displayName !== undefined) set('display_name', patch.displayName);
  if (patch.role !== undefined) set('role', patch.role);
  if (patch.disabled !== undefined) set('disabled', patch.disabled);
  if (patch.passwordHash !== undefined) {
    set('password_hash', patch.passwordHash);
    sets.push('password_changed_at = now()');
  }
  if (patch.mustChangePassword !== undefined) set('must_change_password', patch.mustChangePassword);
  sets.push('updated_at = now()');
  const [r] = await q.query<UserRow>(`update users set ${sets.join(', ')} where id = $1 returning ${COLUMNS}`, params);
  return r && userFromRow(r);
}

export async function deleteUser(q: Queryable, id: number): Promise<void> {
  await q.query('delete from users where id = $1', [id]);
}
