// The Fastify application: cookies, rate limits, who-is-calling, error shape, security headers, the route modules and
// the OpenAPI document built from them.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError, createApi, type RegisteredRoute, type RouteModule } from './api.js';
import { AuthFailure, resolvePrincipal } from './auth/principal.js';
import type { ServerContext } from './context.js';
import { buildOpenApi } from './openapi.js';
import { ROUTE_MODULES } from './routes/index.js';
import { registerWeb } from './web.js';

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  /** The OpenAPI document (built once all modules registered). */
  openapi(): Record<string, unknown>;
}

export interface BuildAppOptions {
  /** Modules registered after the built-in ones (extensions, tests). */
  routeModules?: RouteModule[];
}

const API_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // exports are HTML with inline styles; nothing else may load or run
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
};

export async function buildApp(ctx: ServerContext, opts: BuildAppOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1 << 20,
    // ids of our own making: a client-sent X-Request-Id must not forge audit correlation
    genReqId: (() => {
      let n = 0;
      const boot = Date.now().toString(36);
      return () => `${boot}-${(++n).toString(36)}`;
    })(),
  });
  // when each request arrived (Server-Timing); weak, so nothing outlives its request
  const started = new WeakMap<object, number>();
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.addHook('onRequest', async (request) => {
    started.set(request, performance.now());
    if (!request.url.startsWith('/api/')) return;
    try {
      request.principal = await resolvePrincipal(ctx.db, ctx.config, request);
    } catch (e) {
      if (e instanceof AuthFailure) throw new ApiError(401, 'unauthenticated', e.message);
      throw e;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // server-side time for clients and the benchmark (time to the first byte of the answer)
    const t0 = started.get(request);
    if (t0 !== undefined) reply.header('server-timing', `app;dur=${(performance.now() - t0).toFixed(1)}`);
    if (request.url.startsWith('/api/')) {
      for (const [k, v] of Object.entries(API_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    }
    return payload;
  });

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    const status = (err as FastifyError).statusCode;
    if (status === 429) {
      return reply.code(429).send({ error: { code: 'rate_limited', message: 'too many attempts; wait and try again' } });
    }
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: (err as FastifyError).code ?? 'bad_request', message: err.message } });
    }
    ctx.log(`aispm serve: ${request.method} ${request.url.split('?')[0]} failed: ${(err as Error).stack ?? err}`);
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error (see the server log)' } });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') && !request.principal) {
      return reply.code(401).send({ error: { code: 'unauthenticated', message: 'sign in or send an API token' } });
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  const routes: RegisteredRoute[] = [];
  const api = createApi(app, ctx, routes);
  let doc: Record<string, unknown> | undefined;
  const openapi = () => (doc ??= buildOpenApi(routes, ctx.config.baseUrl));

  api.route({
    method: 'GET',
    path: '/api/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This OpenAPI document',
    tags: ['meta'],
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    handler: async () => openapi(),
  });
  api.route({
    method: 'GET',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness and the store engine',
    tags: ['meta'],
    access: 'public',
    response: z.object({ ok: z.boolean(), store: z.enum(['pglite', 'postgres']) }),
    handler: async () => {
      await ctx.db.query('select 1');
      return { ok: true, store: ctx.db.kind };
    },
  });

  for (const mod of [...ROUTE_MODULES, ...(opts.routeModules ?? [])]) mod(api);
  // the dashboard (dist/web) at / with the SPA fallback; API routes keep priority
  await registerWeb(app);
  await app.ready();
  return { app, routes, openapi };
}
