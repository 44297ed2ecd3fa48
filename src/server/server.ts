// Starting and stopping the server: open the database, make sure an admin exists, build the app over the job queue
// (which runs every scan), listen, start the queue; and close in the right order (stop listening, let running jobs
// finish, close the database).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../store/db.js';
import { openDb, storeOver } from '../store/index.js';
import type { StoreOptions } from '../store/types.js';
import type { RouteModule } from './api.js';
import { buildApp, type BuiltApp } from './app.js';
import { writeAudit } from './audit.js';
import { generatePassword, hashPassword, passwordProblem } from './auth/passwords.js';
import { pruneSessions } from './auth/sessions.js';
import { countUsers, insertUser } from './auth/users.js';
import { DEFAULT_CONFIG, type ServerConfig, type ServerContext } from './context.js';
import { createJobQueue, type JobQueueOptions, type JobScanDispatcher } from './jobs/index.js';

export interface StartOptions {
  store: StoreOptions;
  host?: string;
  port?: number;
  config?: Partial<ServerConfig>;
  /** Password of the first admin (AISPM_ADMIN_PASSWORD); a one-time password is generated and reported otherwise. */
  adminPassword?: string;
  adminUsername?: string;
  /**
   * The job queue that runs scans, deliveries and ticket sync. `dataDir` (where git sources are checked out) defaults
   * to the embedded store's directory, so it is needed on PostgreSQL.
   */
  jobs?: Partial<JobQueueOptions>;
  routeModules?: RouteModule[];
  log?: (msg: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  built: BuiltApp;
  ctx: ServerContext;
  /** The job queue behind `ctx.scans` (its runner, when this process consumes jobs, and its scheduler). */
  jobs: JobScanDispatcher;
  url: string;
  /** Set when this start created the first admin. */
  createdAdmin?: { username: string; generatedPassword?: string };
  close(): Promise<void>;
}

/** Creates the first admin when there are no users at all; returns what was created. */
export async function ensureAdmin(db: Db, username: string, password: string | undefined): Promise<RunningServer['createdAdmin']> {
  if ((await countUsers(db)) > 0) return undefined;
  if (password !== undefined) {
    const problem = passwordProblem(password, username);
    if (problem) throw new Error(`AISPM_ADMIN_PASSWORD: ${problem}`);
  }
  const generated = password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(password ?? (generated as string));
  await db.transaction(async (tx) => {
    // the advisory lock makes two servers starting at once on one PostgreSQL create one admin, not two
    await tx.query("select pg_advisory_xact_lock(hashtext('aispm.first_admin'))");
    if ((await countUsers(tx)) > 0) return;
    const user = await insertUser(tx, { username, role: 'admin', passwordHash, mustChangePassword: generated !== undefined,
      displayName: 'Administrator' });
    await writeAudit(tx, { actor: { name: 'aispm', via: 'system' }, action: 'user.create', target: { type: 'user', id: user.id },
      after: { ...user, bootstrap: true } });
  });
  return { username, generatedPassword: generated };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const dataDir = opts.jobs?.dataDir ?? opts.store.dataDir;
  if (!dataDir) throw new Error('aispm serve: on PostgreSQL the job queue needs a data directory for git checkouts (jobs.dataDir)');
  const db = await openDb(opts.store);
  try {
    const config: ServerConfig = { ...DEFAULT_CONFIG, ...opts.config };
    const store = storeOver(db, opts.store.now);
    const createdAdmin = await ensureAdmin(db, opts.adminUsername ?? 'admin', opts.adminPassword);
    await pruneSessions(db, config.sessionIdleMs);
    const base = { db, store, config, log, now: opts.store.now ?? (() => new Date()) };
    const jobs = createJobQueue(base, { ...opts.jobs, dataDir });
    const ctx: ServerContext = { ...base, scans: jobs };
    const built = await buildApp(ctx, { routeModules: opts.routeModules });
    const address = await built.app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
    const url = address.replace('[::1]', 'localhost');
    config.baseUrl ??= url;
    // jobs start once the server knows its URL: tickets and messages link back to it
    jobs.start();
    let closing: Promise<void> | undefined;
    return {
      app: built.app,
      built,
      ctx,
      jobs,
      url,
      createdAdmin,
      close: () => (closing ??= (async () => {
        try {
          await built.app.close();
          await jobs.close();
        } finally {
          await db.close();
        }
      })()),
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}
