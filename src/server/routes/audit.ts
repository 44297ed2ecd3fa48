// The audit log for admins: filtered, paginated reads and a full export (JSON or CSV), streamed.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AuditEntry } from '../../model/api.js';
import type { RouteModule } from '../api.js';
import { auditCsvHeader, auditCsvLine, iterateAudit, listAudit } from '../audit.js';
import { type Expect, isoDate, order, pageOf, pageQuery, type SameShape } from '../schemas.js';

const filters = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional().describe('exact action, or a prefix ending in "." (user.)'),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(200).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
});

const entrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorId: z.number().int().nullable(),
  via: z.enum(['session', 'token', 'system']),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryShape = Expect<SameShape<typeof entrySchema, AuditEntry>>;

export const auditRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/audit',
    operationId: 'listAudit',
    summary: 'The audit log: who changed what, when, with before and after',
    tags: ['audit'],
    access: 'admin',
    query: pageQuery.extend(filters.shape).extend({ order: order.default('desc') }),
    response: pageOf(entrySchema),
    handler: async ({ query, ctx }) => ({ ...(await listAudit(ctx.db, query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'GET',
    path: '/api/audit/export',
    operationId: 'exportAudit',
    summary: 'Export the audit log (oldest first) as JSON or CSV',
    tags: ['audit'],
    access: 'admin',
    query: filters.extend({ format: z.enum(['json', 'csv']).default('json') }),
    produces: ['application/json', 'text/csv'],
    handler: async ({ query, ctx, reply, audit }) => {
      const { format, ...q } = query;
      await audit({ action: 'audit.export', after: { format, filters: q } });
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="aispm-audit-${stamp}.${format}"`);
      reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      const entries = iterateAudit(ctx.db, q);
      async function* lines() {
        if (format === 'csv') {
          yield auditCsvHeader();
          for await (const e of entries) yield auditCsvLine(e);
          return;
        }
        yield '[';
        let first = true;
        for await (const e of entries) {
          yield `${first ? '' : ','}\n${JSON.stringify(e)}`;
          first = false;
        }
        yield '\n]\n';
      }
      return Readable.from(lines()) as never;
    },
  });
};
