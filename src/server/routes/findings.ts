// The findings queue and its workflow (assign, accept with reason and expiry, false positive, reopen, comment,
// history) over the store's lifecycle methods; KPIs and their trend over scans.
import { z } from 'zod';
import { SEVERITIES } from '../../model/finding.js';
import { FindingTriageError } from '../../store/index.js';
import { listFindingsPage } from '../../store/server-queries.js';
import type { StoredFinding } from '../../store/types.js';
import { ApiError, notFound, type ApiCall, type RouteModule } from '../api.js';
import { csvList, isoDate, order, pageOf, pageQuery } from '../schemas.js';

const fingerprintParam = z.object({ fingerprint: z.string().min(4).max(200).regex(/^[A-Za-z0-9:_-]+$/, 'a fingerprint') });
const findingSchema = z.record(z.string(), z.unknown()).describe('a stored finding (Finding + source, lifecycle fields)');
const eventSchema = z.object({
  fingerprint: z.string(),
  at: z.string(),
  kind: z.string(),
  by: z.string(),
  reason: z.string().optional(),
  until: z.string().optional(),
  assignee: z.string().nullable().optional(),
  scanId: z.string().optional(),
  source: z.string().optional(),
});

function triageError(e: unknown): never {
  if (e instanceof FindingTriageError) {
    const status = e.code === 'not-found' ? 404 : e.code === 'conflict' ? 409 : 400;
    throw new ApiError(status, e.code === 'invalid' ? 'invalid_request' : e.code.replace('-', '_'), e.message);
  }
  throw e;
}

/** Runs a lifecycle change and audits it with the finding before and after. */
async function change<T>(call: ApiCall<{ fingerprint: string }, unknown, unknown>, action: string, fn: () => Promise<T>, after?: (r: T) => unknown): Promise<T> {
  const before = await call.ctx.store.finding(call.params.fingerprint);
  if (!before) throw notFound(`finding ${call.params.fingerprint}`);
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    triageError(e);
  }
  await call.audit({ action, target: { type: 'finding', id: call.params.fingerprint }, before: lifecycleOf(before),
    after: after ? after(result) : lifecycleOf(result as StoredFinding) });
  return result;
}

const lifecycleOf = (f: StoredFinding) => ({ source: f.source, status: f.status, assignee: f.assignee ?? null,
  acceptedUntil: f.acceptedUntil ?? null, suppressed: f.suppressed ?? null });

export const findingRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/findings',
    operationId: 'listFindings',
    summary: 'The prioritised findings queue, filtered and sorted',
    tags: ['findings'],
    access: 'viewer',
    query: pageQuery.extend({
      source: z.string().max(100).optional(),
      status: csvList(['open', 'resolved', 'accepted', 'false-positive'] as const).optional(),
      severity: csvList(SEVERITIES).optional(),
      checkId: z.string().max(100).optional(),
      assetId: z.string().max(300).optional(),
      assignee: z.string().max(200).optional(),
      q: z.string().max(200).optional(),
      sort: z.enum(['score', 'severity', 'firstSeen', 'lastSeen', 'checkId']).default('score'),
      order: order.optional(),
    }),
    response: pageOf(findingSchema),
    handler: async ({ query, ctx }) => ({ ...(await listFindingsPage(ctx.db, query, ctx.now?.() ?? new Date())), limit: query.limit, offset: query.offset }) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/findings/:fingerprint',
    operationId: 'getFinding',
    summary: 'One finding',
    tags: ['findings'],
    access: 'viewer',
    params: fingerprintParam,
    query: z.object({ source: z.string().max(100).optional() }),
    response: findingSchema,
    handler: async ({ params, query, ctx }) => {
      const f = await ctx.store.finding(params.fingerprint, query.source);
      if (!f) throw notFound(`finding ${params.fingerprint}`);
      return f as never;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/findings/:fingerprint/history',
    operationId: 'getFindingHistory',
    summary: 'Everything that happened to a finding, oldest first',
    tags: ['findings'],
    access: 'viewer',
    params: fingerprintParam,
    query: z.object({ source: z.string().max(100).optional() }),
    response: z.object({ items: z.array(eventSchema) }),
    handler: async ({ params, query, ctx }) => {
      if (!(await ctx.store.finding(params.fingerprint, query.source))) throw notFound(`finding ${params.fingerprint}`);
      return { items: await ctx.store.findingHistory(params.fingerprint, query.source) };
    },
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/assign',
    operationId: 'assignFinding',
    summary: 'Assign a finding to someone (null unassigns)',
    tags: ['findings'],
    access: 'analyst',
    params: fingerprintParam,
    body: z.object({ assignee: z.string().trim().min(1).max(200).nullable() }),
    response: findingSchema,
    handler: async (call) => change(call, 'finding.assign',
      () => call.ctx.store.assignFinding(call.params.fingerprint, call.body.assignee, call.user.username)) as never,
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/accept',
    operationId: 'acceptFinding',
    summary: 'Accept the risk, with a reason and optionally until a date (then it reopens)',
    tags: ['findings'],
    access: 'analyst',
    params: fingerprintParam,
    body: z.object({ reason: z.string().trim().min(1).max(2000), until: isoDate.optional().describe('YYYY-MM-DD or an ISO time, in the future') }),
    response: findingSchema,
    handler: async (call) => change(call, 'finding.accept', () => call.ctx.store.triageFinding(call.params.fingerprint,
      { status: 'accepted', reason: call.body.reason, until: call.body.until, by: call.user.username })) as never,
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/false-positive',
    operationId: 'markFalsePositive',
    summary: 'Mark a finding as a false positive, with a reason',
    tags: ['findings'],
    access: 'analyst',
    params: fingerprintParam,
    body: z.object({ reason: z.string().trim().min(1).max(2000) }),
    response: findingSchema,
    handler: async (call) => change(call, 'finding.false-positive', () => call.ctx.store.triageFinding(call.params.fingerprint,
      { status: 'false-positive', reason: call.body.reason, by: call.user.username })) as never,
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/reopen',
    operationId: 'reopenFinding',
    summary: 'Reopen an accepted or false-positive finding',
    tags: ['findings'],
    access: 'analyst',
    params: fingerprintParam,
    body: z.object({ reason: z.string().trim().max(2000).optional() }),
    response: findingSchema,
    handler: async (call) => change(call, 'finding.reopen', () => call.ctx.store.triageFinding(call.params.fingerprint,
      { status: 'open', reason: call.body.reason, by: call.user.username })) as never,
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/comments',
    operationId: 'commentFinding',
    summary: 'Comment on a finding',
    tags: ['findings'],
    access: 'analyst',
    params: fingerprintParam,
    body: z.object({ text: z.string().trim().min(1).max(10_000) }),
    response: eventSchema,
    status: 201,
    handler: async (call) => change(call, 'finding.comment',
      () => call.ctx.store.commentFinding(call.params.fingerprint, call.body.text, call.user.username), (ev) => ev) as never,
  });

  const kpisSchema = z.record(z.string(), z.unknown());
  api.route({
    method: 'GET',
    path: '/api/kpis',
    operationId: 'getKpis',
    summary: 'Posture KPIs now (all sources, or one)',
    tags: ['kpis'],
    access: 'viewer',
    query: z.object({ source: z.string().max(100).optional() }),
    response: kpisSchema,
    handler: async ({ query, ctx }) => (await ctx.store.kpis(query.source)) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/kpis/trend',
    operationId: 'getKpiTrend',
    summary: 'KPIs after each server-run scan, oldest first (for trend charts)',
    tags: ['kpis'],
    access: 'viewer',
    query: z.object({
      source: z.string().max(100).optional(),
      since: isoDate.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ items: z.array(z.object({ scanId: z.string(), source: z.string(), at: z.string(), kpis: kpisSchema })) }),
    handler: async ({ query, ctx }) => {
      const rows = await ctx.db.query<{ scan_id: string; source: string; at: Date | string; kpis: Record<string, unknown> }>(
        `select * from (
           select k.scan_id, src.name as source, k.at, k.kpis from kpi_snapshots k join sources src on src.id = k.source_id
           where ($1::text is null or src.name = $1) and ($2::timestamptz is null or k.at >= $2::timestamptz)
           order by k.at desc limit ${query.limit}) t order by at`,
        [query.source ?? null, query.since ?? null]);
      return { items: rows.map((r) => ({ scanId: r.scan_id, source: r.source, at: new Date(r.at).toISOString(), kpis: r.kpis })) };
    },
  });
};
