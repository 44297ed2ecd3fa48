// The server engine: PostgreSQL through a `pg` connection pool.
import pg from 'pg';
import type { Db, Queryable, SqlParam } from './db.js';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: SqlParam[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async execScript(sql: string) {
      await client.query(sql); // no parameters: the simple protocol accepts several statements
    },
  };
}

export async function openPostgresDb(databaseUrl: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // an idle client losing its connection (server restart) must not crash the process
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1'); // fail fast on a wrong URL instead of at the first save
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    execScript: direct.execScript,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
