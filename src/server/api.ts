// The route contract every API module uses: a route declares its access, its zod schemas and a handler; the router
// registers it on Fastify (validation, role and CSRF checks, audit) and in the OpenAPI document, from ONE definition.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../model/api.js';
import type { Queryable } from '../store/db.js';
import { type AuditActor, type AuditInput, writeAudit } from './audit.js';
import type { ServerContext } from './context.js';

export type { Role };
/** The shared model's roles as a value list (zod enums, menus); the type check keeps the two the same. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const satisfies readonly Role[];
export const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/**
 * Who may call a route. A role is the least role needed (admin > analyst > viewer). `self` is for an account's own
 * business (logout, own password, own API tokens) and is open to every signed-in user; `public` needs no sign-in.
 * A mutating route (not GET) may not be open to viewers: the router refuses to register one with `viewer`.
 */
export type Access = 'public' | 'self' | Role;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The signed-in caller: a session (cookie) or an API token (Bearer); `role` is the effective role after the scope. */
export interface Principal {
  userId: number;
  username: string;
  /** The user's own role. */
  userRole: Role;
  /** What this request may do: the user's role, capped by the token's scope for Bearer requests. */
  role: Role;
  via: 'session' | 'token';
  sessionHash?: string;
  csrfToken?: string;
  tokenId?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType> {
  method: HttpMethod;
  /** Fastify path syntax under `/api`, e.g. `/api/sources/:id`. */
  path: string;
  /** Stable OpenAPI operationId (camelCase). */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The JSON answer (omit with `produces` for files, or with status 204). */
  response?: R;
  /** Success status: 200 (default), 201 or 204. */
  status?: 200 | 201 | 202 | 204;
  /** Non-JSON answers (exports): the content types the handler may send; it returns a string or Buffer. */
  produces?: string[];
  /** Per-route rate limit (login). */
  rateLimit?: { max: number; timeWindowMs: number; keyFromBody?: string };
  handler: (call: ApiCall<z.output<P>, z.output<Q>, z.output<B>>) => Promise<R extends z.ZodType ? z.input<R> | string | Buffer | void : unknown>;
}

/** What a handler receives: parsed input, the caller, the server context, and an audit writer bound to the caller. */
export interface ApiCall<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller (throws 401 on public routes, which have none). */
  readonly user: Principal;
  ctx: ServerContext;
  request: FastifyRequest;
  reply: FastifyReply;
  /**
   * Appends an audit entry for this caller. Pass the transaction the change ran in (`tx`) so the change and its
   * audit entry commit together; without it the entry is written on its own.
   */
  audit(entry: AuditInput, tx?: Queryable): Promise<void>;
}

export interface RegisteredRoute {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
  produces?: string[];
}

/** The object a route module receives: `api.route({...})` registers one route. */
export interface Api {
  route<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<P, Q, B, R>): void;
  readonly ctx: ServerContext;
  /** Runs when the server closes (before the database closes): stop background work the module owns. */
  onClose(fn: () => Promise<void> | void): void;
}

/** A route module (`src/server/routes/<area>.ts`) exports one of these. */
export type RouteModule = (api: Api) => void;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function parseOr400<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new ApiError(400, 'invalid_request', `${where}${first.path ? `.${first.path}` : ''}: ${first.message}`, issues);
  }
  return r.data;
}

/** Refuses the call unless the principal may use a route of this access level (401 / 403), and checks CSRF. */
export function authorize(request: FastifyRequest, access: Access): void {
  if (access === 'public') return;
  const p = request.principal;
  if (!p) throw new ApiError(401, 'unauthenticated', 'sign in or send an API token (Authorization: Bearer ...)');
  if (p.via === 'session' && !SAFE_METHODS.has(request.method)) {
    // cookies ride along on cross-site requests; a header a foreign page cannot set proves the request is ours
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !p.csrfToken || !timingSafeEqualString(sent, p.csrfToken)) {
      throw new ApiError(403, 'csrf', 'missing or wrong X-CSRF-Token header (from /api/auth/me or the login answer)');
    }
  }
  if (access === 'self') return;
  if (ROLE_RANK[p.role] < ROLE_RANK[access]) {
    const why = p.role !== p.userRole ? ` (token scope limits this request to ${p.role})` : '';
    throw new ApiError(403, 'forbidden', `this needs the ${access} role; you have ${p.role}${why}`);
  }
}

function timingSafeEqualString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Builds the `Api` over a Fastify instance; `routes` collects what was registered for the OpenAPI document. */
export function createApi(app: FastifyInstance, ctx: ServerContext, routes: RegisteredRoute[]): Api {
  return {
    ctx,
    onClose(fn) {
      app.addHook('onClose', async () => {
        await fn();
      });
    },
    route(spec) {
      if (!spec.path.startsWith('/api/')) throw new Error(`route ${spec.path}: API routes live under /api/`);
      if (spec.method !== 'GET' && spec.access === 'viewer') {
        throw new Error(`route ${spec.method} ${spec.path}: a mutating route cannot be open to viewers`);
      }
      if (spec.method !== 'GET' && spec.access === 'public' && !spec.rateLimit) {
        throw new Error(`route ${spec.method} ${spec.path}: a public mutating route needs a rate limit`);
      }
      if (routes.some((r) => r.operationId === spec.operationId)) throw new Error(`duplicate operationId ${spec.operationId}`);
      const status = spec.status ?? 200;
      routes.push({
        method: spec.method, path: spec.path, operationId: spec.operationId, summary: spec.summary,
        description: spec.description, tags: spec.tags, access: spec.access, params: spec.params, query: spec.query,
        body: spec.body, response: spec.response, status, produces: spec.produces,
      });
      const rl = spec.rateLimit;
      app.route({
        method: spec.method,
        url: spec.path,
        config: rl
          ? {
              rateLimit: {
                max: rl.max,
                timeWindow: rl.timeWindowMs,
                hook: 'preHandler',
                keyGenerator: (req: FastifyRequest) => {
                  const field = rl.keyFromBody && (req.body as Record<string, unknown> | undefined)?.[rl.keyFromBody];
                  return `${req.ip}|${typeof field === 'string' ? field.toLowerCase() : ''}`;
                },
              },
            }
          : undefined,
        handler: async (request, reply) => {
          authorize(request, spec.access);
          const params = parseOr400(spec.params, request.params, 'params');
          const query = parseOr400(spec.query, request.query, 'query');
          const body = spec.body ? parseOr400(spec.body, request.body, 'body') : undefined;
          const call: ApiCall<unknown, unknown, unknown> = {
            params, query, body, ctx, request, reply,
            get user(): Principal {
              if (!request.principal) throw new ApiError(401, 'unauthenticated', 'sign in first');
              return request.principal;
            },
            audit: (entry, tx) => writeAudit(tx ?? ctx.db, {
              ...entry,
              actor: entry.actor ?? principalActor(request.principal),
              ip: request.ip,
              requestId: request.id,
            }),
          };
          const result = await spec.handler(call as never);
          if (reply.sent) return reply;
          reply.code(status);
          if (status === 204) return reply.send();
          return result;
        },
      });
    },
  };
}

export function principalActor(p: Principal | undefined): AuditActor {
  return p ? { id: p.userId, name: p.username, via: p.via } : { name: 'anonymous', via: 'session' };
}
