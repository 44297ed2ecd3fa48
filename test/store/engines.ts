// Test harness over both engines: a fresh PGlite data dir, or a fresh database on the test PostgreSQL server.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { StoreOptions } from '../../src/store/index.js';

export type EngineName = 'pglite' | 'postgres';
export const ENGINES: EngineName[] = ['pglite', 'postgres'];

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_SCRIPT = path.join(REPO_ROOT, 'scripts', 'pg-test-server.sh');

let serverUrl: Promise<string> | undefined;

/** AISPM_TEST_DATABASE_URL, or the throwaway server started (idempotently) through the script. */
export function testServerUrl(): Promise<string> {
  serverUrl ??= (async () => {
    const fromEnv = process.env.AISPM_TEST_DATABASE_URL;
    if (fromEnv) return fromEnv;
    const { stdout } = await promisify(execFile)('bash', [SERVER_SCRIPT, 'start'], { timeout: 600_000 });
    const url = stdout.trim().split('\n').pop() ?? '';
    if (!url.startsWith('postgres')) throw new Error(`pg-test-server.sh printed no URL: ${stdout}`);
    return url;
  })();
  return serverUrl;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface EngineLocation {
  engine: EngineName;
  options: StoreOptions;
  /** Removes the data dir or drops the database. */
  dispose(): Promise<void>;
}

/** A fresh, empty location, so tests in different files (run in parallel) never share state. */
export async function freshLocation(engine: EngineName): Promise<EngineLocation> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'aispm-store-test-'));
    return { engine, options: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const database = `aispm_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${database}`));
  const databaseUrl = withDatabase(await testServerUrl(), database);
  return {
    engine,
    options: { databaseUrl },
    dispose: () => admin(async (c) => void (await c.query(`drop database if exists ${database} with (force)`))),
  };
}
