// Gateway virtual keys over the API: the same records `aispm gateway keys` manages in the store, so a key made here
// works at once in every gateway started with `keys.store: true` (they re-read keys every `refresh_seconds`). A new
// or rotated key's value is in the answer once and is stored only as its hash; every change is audited.
import { z } from 'zod';
import type { GatewayKey } from '../../model/api.js';
import { currentBudgetUse, generateKey, generateKeyId, hashKey } from '../../gateway/keys/keys.js';
import { keyStore, KeyNotFoundError, runtimeStore, type VirtualKeyRecord } from '../../store/runtime.js';
import { ApiError, notFound, type RouteModule } from '../api.js';
import { type Expect, isoDate, type SameShape } from '../schemas.js';

const PERIODS = ['hour', 'day', 'week', 'month'] as const;

const gatewayKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  app: z.string().nullable(),
  team: z.string().nullable(),
  models: z.array(z.string()).describe('model globs; empty means every model the routes serve'),
  budget: z.object({ tokens: z.number().int(), period: z.enum(PERIODS) }).nullable(),
  rateLimit: z.object({ requestsPerMinute: z.number().int().nullable(), tokensPerMinute: z.number().int().nullable() }).nullable(),
  status: z.enum(['active', 'revoked', 'expired']),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  previousKeyValidUntil: z.string().nullable().describe('until when the key replaced by the last rotation is still accepted'),
  usage: z.object({ periodStart: z.string(), tokens: z.number(), requests: z.number() }).nullable().describe('the current budget period'),
});

export type GatewayKeyShapes = [Expect<SameShape<typeof gatewayKeySchema, GatewayKey>>];

const issuedSchema = z.object({ key: z.string().describe('the key itself: shown in this answer only'), record: gatewayKeySchema });
const keyParam = z.object({ id: z.string().regex(/^vk_[0-9a-f]+$/, 'a key id (vk_...)') });
const modelGlob = z.string().min(1).max(200).regex(/^[\w.:/*?@-]+$/, 'a model name or glob');

function gatewayKeyOf(k: VirtualKeyRecord, usage: GatewayKey['usage'], now = Date.now()): GatewayKey {
  const expired = k.status === 'active' && k.expiresAt !== undefined && Date.parse(k.expiresAt) <= now;
  return {
    id: k.id,
    name: k.name,
    app: k.app ?? null,
    team: k.team ?? null,
    models: k.models,
    budget: k.budget ?? null,
    rateLimit: k.rateLimit ? { requestsPerMinute: k.rateLimit.requestsPerMinute ?? null, tokensPerMinute: k.rateLimit.tokensPerMinute ?? null } : null,
    status: expired ? 'expired' : k.status,
    expiresAt: k.expiresAt ?? null,
    createdAt: k.createdAt,
    rotatedAt: k.rotatedAt ?? null,
    revokedAt: k.revokedAt ?? null,
    previousKeyValidUntil: k.prevExpiresAt && Date.parse(k.prevExpiresAt) > now ? k.prevExpiresAt : null,
    usage,
  };
}

export const gatewayKeyRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/gateway/keys',
    operationId: 'listGatewayKeys',
    summary: 'List gateway virtual keys, with the current budget period\'s usage (never a key\'s value or hash)',
    tags: ['gateway'],
    access: 'viewer',
    query: z.object({ includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
    response: z.object({ items: z.array(gatewayKeySchema) }),
    handler: async ({ query, ctx }) => {
      const rt = runtimeStore(ctx.db);
      const keys = await rt.listKeys({ includeRevoked: query.includeRevoked });
      const now = Date.now();
      const use = await currentBudgetUse(rt, keys, now);
      return { items: keys.map((k) => gatewayKeyOf(k, use.get(k.id) ?? null, now)) };
    },
  });

  api.route({
    method: 'POST',
    path: '/api/gateway/keys',
    operationId: 'createGatewayKey',
    summary: 'Create a gateway virtual key (its value is in this answer only)',
    tags: ['gateway'],
    access: 'admin',
    body: z
      .object({
        name: z.string().min(1).max(100).regex(/^[\w.@ -]+$/, 'letters, digits, spaces and . _ - @'),
        app: z.string().min(1).max(200).optional(),
        team: z.string().min(1).max(100).optional(),
        models: z.array(modelGlob).max(100).default([]),
        budget: z.object({ tokens: z.number().int().min(1), period: z.enum(PERIODS) }).optional(),
        rateLimit: z
          .object({ requestsPerMinute: z.number().int().min(1).optional(), tokensPerMinute: z.number().int().min(1).optional() })
          .refine((r) => r.requestsPerMinute !== undefined || r.tokensPerMinute !== undefined, 'give requestsPerMinute, tokensPerMinute or both')
          .optional(),
        expiresAt: isoDate.optional(),
      })
      .strict(),
    response: issuedSchema,
    status: 201,
    handler: async ({ body, ctx, audit }) => {
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) throw new ApiError(400, 'invalid_request', 'expiresAt is in the past');
      const key = generateKey();
      return ctx.db.transaction(async (tx) => {
        const keys = keyStore(tx);
        if (await keys.getKey(body.name)) throw new ApiError(409, 'conflict', `a gateway key named ${body.name} already exists`);
        const draft: VirtualKeyRecord = {
          id: generateKeyId(),
          name: body.name,
          ...(body.app ? { app: body.app } : {}),
          ...(body.team ? { team: body.team } : {}),
          keyHash: hashKey(key),
          models: body.models,
          ...(body.budget ? { budget: body.budget } : {}),
          ...(body.rateLimit ? { rateLimit: body.rateLimit } : {}),
          ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
          status: 'active',
          createdAt: new Date().toISOString(),
        };
        const rec = await keys.createKey(draft).catch((e: Error) => {
          // two requests racing for one name: the unique index decides, and the loser hears why
          if (/unique|duplicate/i.test(e.message)) throw new ApiError(409, 'conflict', `a gateway key named ${body.name} already exists`);
          throw e;
        });
        const record = gatewayKeyOf(rec, null);
        await audit({ action: 'gateway-key.create', target: { type: 'gateway-key', id: rec.id }, after: record }, tx);
        return { key, record };
      });
    },
  });

  api.route({
    method: 'POST',
    path: '/api/gateway/keys/:id/rotate',
    operationId: 'rotateGatewayKey',
    summary: 'Issue a new value for a gateway key (same id, limits and usage); the old value keeps working for graceMinutes',
    tags: ['gateway'],
    access: 'admin',
    params: keyParam,
    body: z.object({ graceMinutes: z.number().int().min(0).max(30 * 24 * 60).default(0) }).strict(),
    response: issuedSchema,
    handler: async ({ params, body, ctx, audit }) => {
      const key = generateKey();
      const grace = body.graceMinutes ? new Date(Date.now() + body.graceMinutes * 60_000).toISOString() : undefined;
      return ctx.db.transaction(async (tx) => {
        const keys = keyStore(tx);
        const before = await keys.getKey(params.id);
        if (!before || before.id !== params.id) throw notFound(`gateway key ${params.id}`);
        const rec = await keys.rotateKey(params.id, hashKey(key), grace).catch(conflictIfRevoked);
        const record = gatewayKeyOf(rec, null);
        await audit({ action: 'gateway-key.rotate', target: { type: 'gateway-key', id: rec.id }, before: gatewayKeyOf(before, null), after: record }, tx);
        return { key, record };
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/gateway/keys/:id',
    operationId: 'revokeGatewayKey',
    summary: 'Revoke a gateway key at once (running gateways drop it at their next refresh)',
    tags: ['gateway'],
    access: 'admin',
    params: keyParam,
    response: gatewayKeySchema,
    handler: async ({ params, ctx, audit }) =>
      ctx.db.transaction(async (tx) => {
        const keys = keyStore(tx);
        const before = await keys.getKey(params.id);
        if (!before || before.id !== params.id) throw notFound(`gateway key ${params.id}`);
        const record = gatewayKeyOf(await keys.revokeKey(params.id), null);
        await audit({ action: 'gateway-key.revoke', target: { type: 'gateway-key', id: params.id }, before: gatewayKeyOf(before, null), after: record }, tx);
        return record;
      }),
  });
};

function conflictIfRevoked(e: Error): never {
  if (e instanceof KeyNotFoundError && /revoked/.test(e.message)) throw new ApiError(409, 'conflict', e.message);
  throw e;
}
