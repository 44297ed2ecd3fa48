// What every route handler can reach: the database, the store over it, the configuration and the scan dispatcher.
import type { ScanRun, ScanRunStatus } from '../model/api.js';
import type { Db } from '../store/db.js';
import type { Store } from '../store/types.js';

export type { ScanRun, ScanRunStatus };

export interface ServerConfig {
  /** Cookies get `Secure` (HTTPS only). Default: on when the request arrived over TLS (or X-Forwarded-Proto with trustProxy). */
  secureCookies: boolean | 'auto';
  /** Trust X-Forwarded-* from a reverse proxy (client IP for rate limits and audit, https detection). */
  trustProxy: boolean;
  /** Idle timeout and absolute lifetime of a session. */
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Failed-or-not login attempts allowed per client IP and user name in `loginWindowMs`. */
  loginMax: number;
  loginWindowMs: number;
  /** Longest API token lifetime, in days. */
  tokenMaxDays: number;
  /** The URL users reach the server at (links in tickets and webhooks); default http://<host>:<port>. */
  baseUrl?: string;
  /** Folders a directory source may point into (empty: anywhere the server process can read). */
  allowedRoots: string[];
}

export const DEFAULT_CONFIG: ServerConfig = {
  secureCookies: 'auto',
  trustProxy: false,
  sessionIdleMs: 12 * 3600_000,
  sessionMaxMs: 7 * 24 * 3600_000,
  loginMax: 10,
  loginWindowMs: 60_000,
  tokenMaxDays: 365,
  allowedRoots: [],
};

/**
 * Runs scans of sources: the job queue (`JobScanDispatcher`, src/server/jobs), where a scan run is a `scan` job,
 * consumed in this process or by `aispm worker`s.
 */
export interface ScanDispatcher {
  /** Queues a scan of the source and returns at once; the run goes on in the background. */
  request(sourceId: number, requestedBy: string): Promise<ScanRun>;
  get(id: string): Promise<ScanRun | undefined>;
  /** Newest first. */
  list(q: { sourceId?: number; status?: ScanRunStatus; limit: number; offset: number }): Promise<{ items: ScanRun[]; total: number }>;
  /** Waits for running scans to finish (graceful shutdown) and stops taking new ones. */
  close(): Promise<void>;
}

export interface ServerContext {
  db: Db;
  store: Store;
  config: ServerConfig;
  scans: ScanDispatcher;
  /** Messages for the operator (stderr by default); never a secret. */
  log: (msg: string) => void;
  /** The clock of acceptance expiry (the store's; tests inject one); default: the system clock. */
  now?: () => Date;
}
