// The AI inventory: filtered lists, facets for filter menus, one asset with evidence, relationships and findings,
// ownership assignment; the graph explorer's neighbourhoods and attack paths; shadow AI services.
import { z } from 'zod';
import { ASSET_KINDS, SENSITIVITIES } from '../../model/asset.js';
import {
  ASSET_SORTS, assetRelationships, assignOwner, getAssetDetail, inventoryFacets, listInventory, listShadowServices, neighbourhood,
} from '../../store/server-queries.js';
import { notFound, type RouteModule } from '../api.js';
import type { ServerContext } from '../context.js';
import { assetDetailSchema, assetSummarySchema, csvList, order, pageOf, pageQuery } from '../schemas.js';

const assetParam = z.object({ id: z.string().min(1).max(300) });
const sourceQuery = z.object({ source: z.string().max(100).optional() });

async function resolveSourceId(ctx: ServerContext, source: string | undefined, assetId: string): Promise<{ sourceId: number; source: string }> {
  const detail = await getAssetDetail(ctx.db, assetId, source);
  if (!detail) throw notFound(`asset ${assetId}${source ? ` in source ${source}` : ''}`);
  return { sourceId: detail.sourceId, source: detail.source };
}

export const inventoryRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/assets',
    operationId: 'listAssets',
    summary: 'The AI inventory, filtered and sorted',
    tags: ['inventory'],
    access: 'viewer',
    query: pageQuery.extend({
      source: z.string().max(100).optional(),
      kind: csvList(ASSET_KINDS).optional().describe('comma-separated asset kinds'),
      provider: z.string().max(100).optional(),
      owner: z.string().max(200).optional().describe('an owner, or "none" for unowned assets'),
      environment: z.string().max(100).optional(),
      sensitivity: csvList(SENSITIVITIES).optional(),
      tag: z.string().max(100).optional(),
      q: z.string().max(200).optional().describe('text in the name or natural key'),
      includeRemoved: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      sort: z.enum(ASSET_SORTS).default('name'),
      order: order.default('asc'),
    }),
    response: pageOf(assetSummarySchema),
    handler: async ({ query, ctx }) => ({ ...(await listInventory(ctx.db, query)), limit: query.limit, offset: query.offset }) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/assets/facets',
    operationId: 'getAssetFacets',
    summary: 'Values and counts of kind, provider, owner, environment and sensitivity (filter menus)',
    tags: ['inventory'],
    access: 'viewer',
    query: sourceQuery,
    response: z.record(z.string(), z.array(z.object({ value: z.string().nullable(), count: z.number().int() }))),
    handler: async ({ query, ctx }) => inventoryFacets(ctx.db, query.source),
  });

  api.route({
    method: 'GET',
    path: '/api/assets/:id',
    operationId: 'getAsset',
    summary: 'One asset: attributes, evidence, relationships and findings',
    description: 'An asset id can exist in several sources; `source` picks one, otherwise the most recently seen is answered (`alsoIn` lists the others).',
    tags: ['inventory'],
    access: 'viewer',
    params: assetParam,
    query: sourceQuery,
    response: assetDetailSchema,
    handler: async ({ params, query, ctx }) => {
      const detail = await getAssetDetail(ctx.db, params.id, query.source);
      if (!detail) throw notFound(`asset ${params.id}${query.source ? ` in source ${query.source}` : ''}`);
      const relationships = await assetRelationships(ctx.db, detail.sourceId, detail.id);
      const findings = await ctx.store.findings({ source: detail.source, assetId: detail.id, limit: 200, sort: 'score' });
      return { ...detail, relationships, findings: findings.items } as never;
    },
  });

  api.route({
    method: 'PUT',
    path: '/api/assets/:id/owner',
    operationId: 'setAssetOwner',
    summary: 'Assign an owner to an asset (null returns to the scanned owner); kept across rescans',
    tags: ['inventory'],
    access: 'analyst',
    params: assetParam,
    query: sourceQuery,
    body: z.object({ owner: z.string().trim().min(1).max(200).nullable() }),
    response: assetSummarySchema,
    handler: async ({ params, query, body, user, ctx, audit }) => {
      const before = await getAssetDetail(ctx.db, params.id, query.source);
      if (!before) throw notFound(`asset ${params.id}${query.source ? ` in source ${query.source}` : ''}`);
      return ctx.db.transaction(async (tx) => {
        await assignOwner(tx, before.sourceId, before.id, body.owner, user.username);
        const after = (await getAssetDetail(tx, before.id, before.source))!;
        await audit({ action: 'asset.owner', target: { type: 'asset', id: `${before.source}/${before.id}` },
          before: { owner: before.owner, assigned: before.ownerAssigned }, after: { owner: after.owner, assigned: after.ownerAssigned } }, tx);
        const { attrs: _a, evidence: _e, scannedOwner: _s, removedAt: _r, alsoIn: _x, ...summary } = after;
        return summary as never;
      });
    },
  });

  api.route({
    method: 'GET',
    path: '/api/graph/neighbourhood',
    operationId: 'getNeighbourhood',
    summary: 'The assets within N hops of an asset and the edges between them (graph explorer)',
    tags: ['graph'],
    access: 'viewer',
    query: z.object({
      asset: z.string().min(1).max(300),
      source: z.string().max(100).optional(),
      hops: z.coerce.number().int().min(1).max(4).default(1),
      maxNodes: z.coerce.number().int().min(1).max(2000).default(300),
    }),
    response: z.object({
      source: z.string(),
      center: z.string(),
      hops: z.number().int(),
      nodes: z.array(assetSummarySchema.extend({ depth: z.number().int() })),
      edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })),
      truncated: z.boolean(),
    }),
    handler: async ({ query, ctx }) => {
      const { sourceId, source } = await resolveSourceId(ctx, query.source, query.asset);
      return neighbourhood(ctx.db, sourceId, source, query.asset, query.hops, query.maxNodes) as never;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/graph/paths',
    operationId: 'listAttackPaths',
    summary: "Attack paths of a source's latest server-run scan, by score (optionally through one asset)",
    tags: ['graph'],
    access: 'viewer',
    query: pageQuery.extend({ source: z.string().max(100), asset: z.string().max(300).optional() }),
    response: pageOf(z.record(z.string(), z.unknown())).extend({ scanId: z.string().nullable() }),
    handler: async ({ query, ctx }) => {
      const [row] = await ctx.db.query<{ id: number; last_scan_id: string | null }>('select id, last_scan_id from sources where name = $1', [query.source]);
      if (!row) throw notFound(`source ${query.source}`);
      const [p] = row.last_scan_id
        ? await ctx.db.query<{ paths: Array<{ score: number; steps: Array<{ assetId: string }> }> }>('select paths from scan_paths where scan_id = $1', [row.last_scan_id])
        : [];
      let paths = [...(p?.paths ?? [])].sort((a, b) => b.score - a.score);
      if (query.asset) paths = paths.filter((x) => x.steps.some((s) => s.assetId === query.asset));
      return { items: paths.slice(query.offset, query.offset + query.limit), total: paths.length, limit: query.limit, offset: query.offset,
        scanId: p ? row.last_scan_id : null } as never;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/shadow',
    operationId: 'listShadowAi',
    summary: 'Shadow AI: AI services seen in egress that are not sanctioned, newest first',
    tags: ['inventory'],
    access: 'viewer',
    query: pageQuery.extend({ source: z.string().max(100).optional() }),
    response: pageOf(assetSummarySchema.extend({ attrs: z.record(z.string(), z.unknown()) })),
    handler: async ({ query, ctx }) => ({ ...(await listShadowServices(ctx.db, query)), limit: query.limit, offset: query.offset }) as never,
  });
};
