// A real aispm server for tests: listening on 127.0.0.1 port 0 over a fresh PGlite directory or PostgreSQL database,
// scans and deliveries on its job queue as under `aispm serve`, with HTTP clients that keep a session cookie and CSRF
// token, or send an API token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshLocation, type EngineLocation, type EngineName } from '../store/engines.js';
import type { Role } from '../../src/server/api.js';
import type { ServerConfig } from '../../src/server/context.js';
import { type RunningServer, startServer, type StartOptions } from '../../src/server/server.js';

export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class Client {
  constructor(
    readonly base: string,
    readonly auth: { cookie?: string; csrf?: string; bearer?: string } = {},
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.auth.csrf;
    if (this.auth.bearer) h.authorization = `Bearer ${this.auth.bearer}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface TestServer {
  server: RunningServer;
  url: string;
  anon: Client;
  admin: Client;
  login(username: string, password: string): Promise<Client>;
  /** Creates a user of the role (through the API, as admin) and signs them in. */
  userOf(role: Role, username?: string): Promise<{ client: Client; username: string; password: string; id: number }>;
  tokenClient(token: string): Client;
}

export async function login(base: string, username: string, password: string): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return new Client(base, { cookie, csrf: body.csrfToken });
}

/** The job queue as tests want it: polled often, so a queued scan starts at once. */
export const TEST_JOBS: NonNullable<StartOptions['jobs']> = { runner: { pollMs: 100 } };

/**
 * Starts a test server over a fresh location of the engine. The job queue's data dir (git checkouts) is the PGlite
 * directory, or a temporary folder on PostgreSQL; `dispose` removes both after `server.close()`.
 */
export async function startTestServer(engine: EngineName, opts: Partial<Omit<StartOptions, 'store'>> = {}):
  Promise<{ server: RunningServer; location: EngineLocation; dispose(): Promise<void> }> {
  const location = await freshLocation(engine);
  const jobsDir = opts.jobs?.dataDir ?? (location.options.dataDir ? undefined : mkdtempSync(path.join(tmpdir(), 'aispm-test-jobs-')));
  const cleanup = async () => {
    await location.dispose();
    if (jobsDir && !opts.jobs?.dataDir) rmSync(jobsDir, { recursive: true, force: true });
  };
  try {
    const server = await startServer({ adminPassword: ADMIN_PASSWORD, log: () => undefined, ...opts, store: location.options,
      jobs: { ...TEST_JOBS, ...opts.jobs, ...(jobsDir ? { dataDir: jobsDir } : {}) } });
    return { server, location, dispose: cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

export async function withServer(engine: EngineName, fn: (srv: TestServer) => Promise<void>,
  opts: { config?: Partial<ServerConfig> } & Partial<Pick<StartOptions, 'routeModules' | 'jobs'>> = {}): Promise<void> {
  const { server, dispose } = await startTestServer(engine, opts);
  try {
    const url = server.url;
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    let n = 0;
    const srv: TestServer = {
      server,
      url,
      anon: new Client(url),
      admin,
      login: (u, p) => login(url, u, p),
      async userOf(role, username = `${role}${++n}`) {
        const password = `Xq7-pass-phrase-${n}-long-enough`;
        const r = await admin.post('/api/users', { username, role, password });
        if (r.status !== 201) throw new Error(`create ${username}: ${r.status} ${r.text}`);
        return { client: await login(url, username, password), username, password, id: r.body.id };
      },
      tokenClient: (token) => new Client(url, { bearer: token }),
    };
    await fn(srv);
  } finally {
    await server.close();
    await dispose();
  }
}
