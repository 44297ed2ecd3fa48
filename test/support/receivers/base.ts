// A small HTTP server on 127.0.0.1 (ephemeral port) for the stand-ins of third-party services: routes, a record of
// every request, and scripted outages (the next N requests answer an error) to exercise retries.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: unknown;
}

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Receiver {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private outages: Reply[] = [];
  private server: Server | undefined;
  url = '';

  /** `path` with `:name` segments, e.g. `/repos/:owner/:repo/issues`. */
  on(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, n: string) => (names.push(n), '([^/]+)'))}$`);
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  /** The next `count` requests answer `reply` (a 503 by default) before reaching the routes. */
  failNext(count: number, reply: Reply = { status: 503, text: 'Service Unavailable' }): void {
    for (let i = 0; i < count; i++) this.outages.push(reply);
  }

  /** Requests that reached the routes (not the scripted outages), optionally for one method and path prefix. */
  served(method?: string, pathPrefix?: string): RecordedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix)) && !(r as { outage?: boolean }).outage);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://receiver');
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const rec: RecordedRequest & { outage?: boolean } = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, rawBody, body };
    this.requests.push(rec);
    let reply: Reply;
    const outage = this.outages.shift();
    if (outage) {
      rec.outage = true;
      reply = outage;
    } else {
      reply = { status: 404, json: { message: 'Not Found' } };
      for (const r of this.routes) {
        const m = r.method === rec.method ? r.pattern.exec(rec.path) : null;
        if (!m) continue;
        const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
        try {
          reply = await r.handler(rec, params);
        } catch (e) {
          reply = { status: 500, text: (e as Error).message };
        }
        break;
      }
    }
    const headers: Record<string, string> = { ...reply.headers };
    let out = '';
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json;charset=UTF-8';
      out = JSON.stringify(reply.json);
    } else if (reply.text !== undefined) {
      headers['content-type'] ??= 'text/plain; charset=utf-8';
      out = reply.text;
    }
    res.writeHead(reply.status, headers);
    res.end(out);
  }
}

/** The user and password of a Basic Authorization header. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export function isJsonRequest(r: RecordedRequest): boolean {
  return /^application\/json\b/i.test(String(r.headers['content-type'] ?? ''));
}
