// Sources (what the server scans), scans on demand and their runs, and the saved scans with their drift.
import { z } from 'zod';
import { ApiError, notFound, type RouteModule } from '../api.js';
import type { SourceKindInfo } from '../../model/api.js';
import { deleteSource, getSource, getSourceByName, insertSource, listSourcesPage, sourceKind, sourceKindInfos, sourceKinds, updateSource } from '../sources.js';
import { type Expect, idParam, order, pageOf, pageQuery, type SameShape, scanRunSchema, scanSummarySchema, sourceSchema } from '../schemas.js';
import { listScansPage } from '../../store/server-queries.js';

const NAME = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._@/-]*$/, 'letters, digits and . _ @ / - only');

const sourceKindSchema = z.object({ kind: z.string(), description: z.string(), hint: z.string().describe('what to type as the location') });
export type SourceKindShape = Expect<SameShape<typeof sourceKindSchema, SourceKindInfo>>;

export const sourceRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/sources/kinds',
    operationId: 'listSourceKinds',
    summary: 'The kinds of source this server can scan, with what their location looks like',
    tags: ['sources'],
    access: 'viewer',
    response: z.object({ items: z.array(sourceKindSchema) }),
    handler: async () => ({ items: sourceKindInfos() }),
  });

  api.route({
    method: 'GET',
    path: '/api/sources',
    operationId: 'listSources',
    summary: 'List sources',
    tags: ['sources'],
    access: 'viewer',
    query: pageQuery.extend({
      q: z.string().max(200).optional(),
      kind: z.string().max(50).optional(),
      sort: z.enum(['name', 'createdAt', 'lastScanAt']).default('name'),
      order: order.default('asc'),
    }),
    response: pageOf(sourceSchema),
    handler: async ({ query, ctx }) => ({ ...(await listSourcesPage(ctx.db, query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'POST',
    path: '/api/sources',
    operationId: 'createSource',
    summary: 'Define a source to scan',
    description: 'Kinds: `directory` (an absolute folder path on the server), `git`, `mcp-config`, `egress-log`: `GET /api/sources/kinds` lists them with what their location looks like.',
    tags: ['sources'],
    access: 'analyst',
    body: z.object({
      name: NAME,
      kind: z.string().min(1).max(50).default('directory'),
      location: z.string().min(1).max(2000),
      description: z.string().max(2000).optional(),
    }),
    response: sourceSchema,
    status: 201,
    handler: async ({ body, user, ctx, audit }) => {
      const kind = sourceKind(body.kind);
      if (!kind) throw new ApiError(400, 'invalid_request', `body.kind: unknown source kind ${body.kind} (known: ${sourceKinds().join(', ')})`);
      const problem = await kind.validate(body.location, ctx.config);
      if (problem) throw new ApiError(400, 'invalid_location', `body.location: ${problem}`);
      if (await getSourceByName(ctx.db, body.name)) throw new ApiError(409, 'conflict', `a source named ${body.name} exists`);
      return ctx.db.transaction(async (tx) => {
        const source = await insertSource(tx, { ...body, createdBy: user.username });
        await audit({ action: 'source.create', target: { type: 'source', id: source.id }, after: source }, tx);
        return source;
      });
    },
  });

  api.route({
    method: 'GET',
    path: '/api/sources/:id',
    operationId: 'getSource',
    summary: 'One source',
    tags: ['sources'],
    access: 'viewer',
    params: idParam,
    response: sourceSchema,
    handler: async ({ params, ctx }) => {
      const s = await getSource(ctx.db, params.id);
      if (!s) throw notFound(`source ${params.id}`);
      return s;
    },
  });

  api.route({
    method: 'PATCH',
    path: '/api/sources/:id',
    operationId: 'updateSource',
    summary: 'Rename a source, move its location or change its description',
    tags: ['sources'],
    access: 'analyst',
    params: idParam,
    body: z.object({ name: NAME.optional(), location: z.string().min(1).max(2000).optional(), description: z.string().max(2000).nullable().optional() }),
    response: sourceSchema,
    handler: async ({ params, body, ctx, audit }) => {
      const before = await getSource(ctx.db, params.id);
      if (!before) throw notFound(`source ${params.id}`);
      if (body.location !== undefined) {
        const problem = await sourceKind(before.kind)?.validate(body.location, ctx.config);
        if (problem) throw new ApiError(400, 'invalid_location', `body.location: ${problem}`);
      }
      if (body.name && body.name !== before.name && (await getSourceByName(ctx.db, body.name))) {
        throw new ApiError(409, 'conflict', `a source named ${body.name} exists`);
      }
      return ctx.db.transaction(async (tx) => {
        const after = (await updateSource(tx, params.id, body))!;
        await audit({ action: 'source.update', target: { type: 'source', id: params.id }, before, after }, tx);
        return after;
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/sources/:id',
    operationId: 'deleteSource',
    summary: 'Delete a source with its scans, inventory and findings (admins)',
    tags: ['sources'],
    access: 'admin',
    params: idParam,
    status: 204,
    handler: async ({ params, ctx, audit }) => {
      await ctx.db.transaction(async (tx) => {
        const before = await getSource(tx, params.id);
        if (!before) throw notFound(`source ${params.id}`);
        await deleteSource(tx, params.id);
        await audit({ action: 'source.delete', target: { type: 'source', id: params.id }, before }, tx);
      });
    },
  });

  api.route({
    method: 'POST',
    path: '/api/sources/:id/scans',
    operationId: 'requestScan',
    summary: 'Scan a source now (queued; follow the answer\'s run id)',
    tags: ['scans'],
    access: 'analyst',
    params: idParam,
    response: scanRunSchema,
    status: 202,
    handler: async ({ params, user, ctx, audit }) => {
      const source = await getSource(ctx.db, params.id);
      if (!source) throw notFound(`source ${params.id}`);
      const run = await ctx.scans.request(source.id, user.username);
      await audit({ action: 'scan.request', target: { type: 'source', id: source.id }, after: { runId: run.id, source: source.name } });
      return run;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/scan-runs',
    operationId: 'listScanRuns',
    summary: 'Requested scans and their status (newest first)',
    tags: ['scans'],
    access: 'viewer',
    query: pageQuery.extend({
      sourceId: z.coerce.number().int().optional(),
      status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
    }),
    response: pageOf(scanRunSchema),
    handler: async ({ query, ctx }) => ({ ...(await ctx.scans.list(query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'GET',
    path: '/api/scan-runs/:id',
    operationId: 'getScanRun',
    summary: 'One requested scan',
    tags: ['scans'],
    access: 'viewer',
    params: z.object({ id: z.string().min(1).max(100) }),
    response: scanRunSchema,
    handler: async ({ params, ctx }) => {
      const run = await ctx.scans.get(params.id);
      if (!run) throw notFound(`scan run ${params.id}`);
      return run;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/scans',
    operationId: 'listScans',
    summary: 'Saved scans (newest first)',
    tags: ['scans'],
    access: 'viewer',
    query: pageQuery.extend({ source: z.string().max(100).optional() }),
    response: pageOf(scanSummarySchema),
    handler: async ({ query, ctx }) => ({ ...(await listScansPage(ctx.db, query)), limit: query.limit, offset: query.offset }) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/scans/:id/diff',
    operationId: 'getScanDiff',
    summary: 'What changed in the inventory with this scan (against the scan before it, or `from`)',
    tags: ['scans'],
    access: 'viewer',
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ from: z.string().max(100).optional() }),
    response: z.record(z.string(), z.unknown()),
    handler: async ({ params, query, ctx }) => {
      const [row] = await ctx.db.query<{ source: string }>(
        'select src.name as source from scans s join sources src on src.id = s.source_id where s.id = $1', [params.id]);
      if (!row) throw notFound(`scan ${params.id}`);
      try {
        return ((await ctx.store.diff(row.source, { to: params.id, from: query.from })) ?? {}) as Record<string, unknown>;
      } catch (e) {
        throw new ApiError(400, 'invalid_request', (e as Error).message);
      }
    },
  });
};
