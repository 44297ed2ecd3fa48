// Read-only answers the dashboard needs that no other module gives: the gateway's runtime events (the Runtime view:
// requests decided, blocked requests, abuse and anomaly detections). The check library moved to routes/checks.ts.
import { z } from 'zod';
import type { OcsfSeverityName, RuntimeEvent } from '../../model/api.js';
import type { RouteModule } from '../api.js';
import { type Expect, isoDate, pageOf, pageQuery, type SameShape } from '../schemas.js';
import type { SqlParam } from '../../store/db.js';
import { GATEWAY_EVENT_COLUMNS, type GatewayEventRow } from '../../store/runtime.js';

/** OCSF severity_id names (the gateway writes OCSF 1.8 events). */
const OCSF_SEVERITY = ['unknown', 'informational', 'low', 'medium', 'high', 'critical', 'fatal'] as const satisfies readonly OcsfSeverityName[];
/** OCSF classes the gateway emits: API Activity (one per decided request) and Detection Finding (abuse, anomalies). */
const CLASS_OF = { decision: 6003, detection: 2004 } as const;
const BLOCKING = ['block', 'refuse', 'throttle'];

const runtimeEventSchema = z.object({
  id: z.number().int(),
  time: z.string(),
  kind: z.enum(['decision', 'detection', 'other']),
  severity: z.enum(OCSF_SEVERITY),
  action: z.string().nullable().describe('allow, flag, redact, block, refuse, error (decisions); flag or throttle (detections)'),
  keyId: z.string().nullable(),
  app: z.string().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  title: z.string().describe('the detection title, or the API operation of a decision'),
  message: z.string().nullable(),
  guardrails: z.array(z.string()).describe('guardrails that flagged, redacted or blocked (decisions)'),
  event: z.record(z.string(), z.unknown()).describe('the OCSF event, without any logged prompt text'),
});

export type UiShapes = [Expect<SameShape<typeof runtimeEventSchema, RuntimeEvent>>];

function eventOf(r: GatewayEventRow): RuntimeEvent {
  // an OCSF event: read loosely, every field is optional
  const ev: Record<string, any> = structuredClone(r.event ?? {});
  // prompts are kept only in the gateway's own log, whatever its logging mode: not for every dashboard reader
  if (ev.unmapped?.aispm && typeof ev.unmapped.aispm === 'object') delete ev.unmapped.aispm.prompt;
  const kind = r.class_uid === CLASS_OF.decision ? 'decision' : r.class_uid === CLASS_OF.detection ? 'detection' : 'other';
  const hits: Array<{ guardrail?: string; action?: string }> = Array.isArray(ev.unmapped?.aispm?.hits) ? ev.unmapped.aispm.hits : [];
  return {
    id: Number(r.id),
    time: new Date(r.time).toISOString(),
    kind,
    severity: OCSF_SEVERITY[r.severity_id] ?? 'unknown',
    action: r.action,
    keyId: r.key_id,
    app: r.app,
    provider: r.provider,
    model: r.model,
    title: String(ev.finding_info?.title ?? ev.api?.operation ?? ev.class_name ?? 'event'),
    message: typeof ev.message === 'string' ? ev.message : null,
    guardrails: [...new Set(hits.filter((h) => h.action && h.action !== 'allow').map((h) => String(h.guardrail)))],
    event: ev,
  };
}

export const uiRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/runtime/events',
    operationId: 'listRuntimeEvents',
    summary: "The AI gateway's security events, newest first (decisions and detections)",
    tags: ['runtime'],
    access: 'viewer',
    query: pageQuery.extend({
      kind: z.enum(['decision', 'detection']).optional(),
      action: z.string().max(200).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).optional()
        .describe('comma-separated actions, e.g. block,refuse'),
      app: z.string().max(200).optional(),
      model: z.string().max(200).optional(),
      minSeverity: z.enum(OCSF_SEVERITY).optional(),
      since: isoDate.optional(),
    }),
    response: pageOf(runtimeEventSchema),
    handler: async ({ query, ctx }) => {
      const where: string[] = [];
      const params: SqlParam[] = [];
      const add = (sql: string, v: SqlParam) => {
        params.push(v);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (query.kind) add('class_uid = ?', CLASS_OF[query.kind]);
      if (query.action?.length) add('action in (select jsonb_array_elements_text(?::jsonb))', JSON.stringify(query.action));
      if (query.app) add('app = ?', query.app);
      if (query.model) add('model = ?', query.model);
      if (query.minSeverity) add('severity_id >= ?', OCSF_SEVERITY.indexOf(query.minSeverity));
      if (query.since) add('time >= ?::timestamptz', query.since);
      const filter = where.length ? `where ${where.join(' and ')}` : '';
      const [count] = await ctx.db.query<{ n: number }>(`select count(*)::int as n from (select 1 from gateway_events ${filter} limit 10001) t`, params);
      const rows = await ctx.db.query<GatewayEventRow>(
        `select ${GATEWAY_EVENT_COLUMNS} from gateway_events ${filter}
         order by time desc, id desc limit ${query.limit} offset ${query.offset}`, params);
      const capped = count.n > 10_000;
      return { items: rows.map(eventOf), total: capped ? 10_000 : count.n, ...(capped ? { totalCapped: true } : {}), limit: query.limit, offset: query.offset };
    },
  });

  api.route({
    method: 'GET',
    path: '/api/runtime/summary',
    operationId: 'getRuntimeSummary',
    summary: 'Gateway activity per day: requests decided, blocked, detections; and the busiest applications',
    tags: ['runtime'],
    access: 'viewer',
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(14) }),
    response: z.object({
      since: z.string(),
      totals: z.object({ requests: z.number().int(), blocked: z.number().int(), detections: z.number().int(), events: z.number().int() }),
      days: z.array(z.object({ day: z.string(), requests: z.number().int(), blocked: z.number().int(), detections: z.number().int() })),
      byAction: z.array(z.object({ action: z.string(), count: z.number().int() })),
      apps: z.array(z.object({ app: z.string(), requests: z.number().int(), blocked: z.number().int(), detections: z.number().int() })),
    }),
    handler: async ({ query, ctx }) => {
      // days counted back from the newest event (not from now): a gateway that went quiet still shows its last days
      const [last] = await ctx.db.query<{ t: Date | string | null }>('select max(time) as t from gateway_events');
      const end = last?.t ? new Date(last.t) : new Date();
      const since = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - (query.days - 1) * 86_400_000);
      const blocking = `action = any('{${BLOCKING.join(',')}}'::text[])`;
      const counts = `(count(*) filter (where class_uid = ${CLASS_OF.decision}))::int as requests,
        (count(*) filter (where ${blocking}))::int as blocked,
        (count(*) filter (where class_uid = ${CLASS_OF.detection}))::int as detections`;
      const days = await ctx.db.query<{ day: string; requests: number; blocked: number; detections: number }>(
        `select to_char(date_trunc('day', time at time zone 'UTC'), 'YYYY-MM-DD') as day, ${counts}
         from gateway_events where time >= $1 group by 1 order by 1`, [since.toISOString()]);
      const byAction = await ctx.db.query<{ action: string; count: number }>(
        `select coalesce(action, 'none') as action, count(*)::int as count from gateway_events where time >= $1 group by 1 order by 2 desc`,
        [since.toISOString()]);
      const apps = await ctx.db.query<{ app: string; requests: number; blocked: number; detections: number }>(
        `select coalesce(app, 'unknown') as app, ${counts} from gateway_events where time >= $1 group by 1 order by 2 desc, 1 limit 10`,
        [since.toISOString()]);
      // every day in the window, zero where nothing happened, so charts keep a true time axis
      const byDay = new Map(days.map((d) => [d.day, d]));
      const series = [];
      for (let t = since.getTime(); t <= end.getTime(); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        series.push(byDay.get(day) ?? { day, requests: 0, blocked: 0, detections: 0 });
      }
      const totals = series.reduce((s, d) => ({ requests: s.requests + d.requests, blocked: s.blocked + d.blocked, detections: s.detections + d.detections,
        events: s.events }), { requests: 0, blocked: 0, detections: 0, events: byAction.reduce((n, a) => n + a.count, 0) });
      return { since: since.toISOString(), totals, days: series, byAction, apps };
    },
  });
};
