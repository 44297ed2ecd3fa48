// API tokens: every user manages their own (scope at most their role); admins see and revoke everyone's.
import { z } from 'zod';
import { ApiError, notFound, ROLE_RANK, type RouteModule } from '../api.js';
import { createToken, getToken, listTokens, revokeToken, SCOPE_ROLE, type TokenScope } from '../auth/tokens.js';
import { idParam, pageOf, pageQuery, tokenSchema } from '../schemas.js';

export const tokenRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/tokens',
    operationId: 'listTokens',
    summary: 'List API tokens (your own; admins may ask for everyone\'s with all=true)',
    tags: ['tokens'],
    access: 'viewer',
    query: pageQuery.extend({
      all: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    }),
    response: pageOf(tokenSchema),
    handler: async ({ query, user, ctx }) => {
      if (query.all && user.role !== 'admin') throw new ApiError(403, 'forbidden', 'only admins list every token');
      const page = await listTokens(ctx.db, { userId: query.all ? undefined : user.userId, includeRevoked: query.includeRevoked,
        limit: query.limit, offset: query.offset });
      return { ...page, limit: query.limit, offset: query.offset };
    },
  });

  api.route({
    method: 'POST',
    path: '/api/tokens',
    operationId: 'createToken',
    summary: 'Create an API token for yourself (the token is shown once, in this answer)',
    description: 'Scope read acts as a viewer, write as an analyst, admin as an admin; a scope above your role is refused.',
    tags: ['tokens'],
    access: 'self',
    body: z.object({
      name: z.string().min(1).max(100),
      scope: z.enum(['read', 'write', 'admin']).default('read'),
      expiresInDays: z.number().int().min(1).max(3650).default(90),
    }),
    response: z.object({ token: z.string(), record: tokenSchema }),
    status: 201,
    handler: async ({ body, user, ctx, audit }) => {
      const scope = body.scope as TokenScope;
      // a token never carries more than the user who made it; nor more than the request making it (a token minting tokens)
      if (ROLE_RANK[SCOPE_ROLE[scope]] > ROLE_RANK[user.role]) {
        throw new ApiError(403, 'forbidden', `scope ${scope} is above your role (${user.role})`);
      }
      if (body.expiresInDays > ctx.config.tokenMaxDays) {
        throw new ApiError(400, 'invalid_request', `tokens expire within ${ctx.config.tokenMaxDays} days on this server`);
      }
      const expiresAt = new Date(Date.now() + body.expiresInDays * 86_400_000);
      return ctx.db.transaction(async (tx) => {
        const created = await createToken(tx, user.userId, body.name, scope, expiresAt);
        await audit({ action: 'token.create', target: { type: 'token', id: created.record.id }, after: created.record }, tx);
        return created;
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/tokens/:id',
    operationId: 'revokeToken',
    summary: 'Revoke an API token (your own; admins any)',
    tags: ['tokens'],
    access: 'self',
    params: idParam,
    response: tokenSchema,
    handler: async ({ params, user, ctx, audit }) => {
      const before = await getToken(ctx.db, params.id);
      // someone else's token is "not found" to a non-admin: no probing of ids
      if (!before || (before.userId !== user.userId && user.role !== 'admin')) throw notFound(`token ${params.id}`);
      return ctx.db.transaction(async (tx) => {
        const after = (await revokeToken(tx, params.id))!;
        await audit({ action: 'token.revoke', target: { type: 'token', id: params.id }, before, after }, tx);
        return after;
      });
    },
  });
};
