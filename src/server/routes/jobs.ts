// The job queue (scans, deliveries, ticket sync): list, inspect, retry, cancel; and the rescan schedule of a source.
import { z } from 'zod';
import type { SourceSchedule } from '../../model/api.js';
import { ApiError, notFound, type RouteModule } from '../api.js';
import { csvList, type Expect, idParam, order, pageOf, pageQuery, type SameShape } from '../schemas.js';
import { getSource } from '../sources.js';
import { cancelJob, getJob, JOB_STATUSES, listJobs, retryJob, type JobStatus } from '../../store/jobs.js';
import { getSchedule, listSchedules, ScheduleError, setSchedule } from '../jobs/schedule.js';
import { JOB_KINDS } from '../jobs/services.js';

export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string().describe('scan, deliver or sync'),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(JOB_STATUSES as [JobStatus, ...JobStatus[]]),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.string().describe('not before: a retry waits out its backoff'),
  lockedBy: z.string().nullable().describe('the worker running it'),
  lockedUntil: z.string().nullable(),
  heartbeatAt: z.string().nullable(),
  lastError: z.string().nullable(),
  errors: z.array(z.object({ attempt: z.number().int(), at: z.string(), worker: z.string().nullable(), error: z.string() })),
  result: z.unknown().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const scheduleSchema = z.object({
  sourceId: z.number().int(),
  source: z.string(),
  schedule: z.string().nullable().describe('cron: 5 fields (minute hour day month weekday), or 6 with seconds first'),
  timezone: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastJobId: z.number().int().nullable(),
});
export type ScheduleShape = Expect<SameShape<typeof scheduleSchema, SourceSchedule>>;

/** The job queue's wake-up, when this server runs jobs in-process. */
function wake(scans: unknown): void {
  (scans as { wake?: () => void }).wake?.();
}

export const jobRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/jobs',
    operationId: 'listJobs',
    summary: 'List background jobs (scans, deliveries, ticket sync), newest first',
    tags: ['jobs'],
    access: 'viewer',
    query: pageQuery.extend({
      status: csvList(JOB_STATUSES as unknown as [string, ...string[]]).optional(),
      kind: csvList(JOB_KINDS).optional(),
      sort: z.enum(['createdAt', 'updatedAt', 'runAfter']).default('createdAt'),
      order: order.default('desc'),
    }),
    response: pageOf(jobSchema),
    handler: async ({ query, ctx }) => listJobs(ctx.db, { ...query, status: query.status as JobStatus[] | undefined }) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/jobs/:id',
    operationId: 'getJob',
    summary: 'A job with its attempts, errors and result',
    tags: ['jobs'],
    access: 'viewer',
    params: idParam,
    response: jobSchema,
    handler: async ({ params, ctx }) => {
      const job = await getJob(ctx.db, params.id);
      if (!job) throw notFound(`job ${params.id}`);
      return job as never;
    },
  });

  api.route({
    method: 'POST',
    path: '/api/jobs/:id/retry',
    operationId: 'retryJob',
    summary: 'Run a failed or cancelled job again, with a fresh set of attempts',
    tags: ['jobs'],
    access: 'analyst',
    params: idParam,
    response: jobSchema,
    status: 202,
    handler: async ({ params, ctx, audit }) => {
      const before = await getJob(ctx.db, params.id);
      if (!before) throw notFound(`job ${params.id}`);
      const after = await ctx.db.transaction(async (tx) => {
        const job = await retryJob(tx, params.id);
        if (!job) throw new ApiError(409, 'conflict', `job ${params.id} is ${before.status}: only failed or cancelled jobs can be retried`);
        await audit({ action: 'job.retry', target: { type: 'job', id: job.id }, before: { status: before.status, attempts: before.attempts }, after: { status: job.status } }, tx);
        return job;
      });
      wake(ctx.scans);
      return after as never;
    },
  });

  api.route({
    method: 'POST',
    path: '/api/jobs/:id/cancel',
    operationId: 'cancelJob',
    summary: 'Cancel a job that has not started',
    tags: ['jobs'],
    access: 'analyst',
    params: idParam,
    response: jobSchema,
    handler: async ({ params, ctx, audit }) => {
      const before = await getJob(ctx.db, params.id);
      if (!before) throw notFound(`job ${params.id}`);
      return ctx.db.transaction(async (tx) => {
        const job = await cancelJob(tx, params.id);
        if (!job) throw new ApiError(409, 'conflict', `job ${params.id} is ${before.status}: only queued jobs can be cancelled`);
        await audit({ action: 'job.cancel', target: { type: 'job', id: job.id }, before: { status: before.status }, after: { status: job.status } }, tx);
        return job as never;
      });
    },
  });

  api.route({
    method: 'GET',
    path: '/api/schedules',
    operationId: 'listSchedules',
    summary: 'Sources with a rescan schedule, next run first',
    tags: ['sources'],
    access: 'viewer',
    query: pageQuery,
    response: pageOf(scheduleSchema),
    handler: async ({ query, ctx }) => ({ ...(await listSchedules(ctx.db, query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'GET',
    path: '/api/sources/:id/schedule',
    operationId: 'getSourceSchedule',
    summary: "A source's rescan schedule and next run",
    tags: ['sources'],
    access: 'viewer',
    params: idParam,
    response: scheduleSchema,
    handler: async ({ params, ctx }) => {
      const s = await getSchedule(ctx.db, params.id);
      if (!s) throw notFound(`source ${params.id}`);
      return s;
    },
  });

  api.route({
    method: 'PUT',
    path: '/api/sources/:id/schedule',
    operationId: 'setSourceSchedule',
    summary: 'Set or clear (schedule: null) the cron schedule that rescans a source',
    description: 'Cron with 5 fields (`0 3 * * *`: every day at 03:00) or 6 (seconds first), in an IANA time zone (default UTC).',
    tags: ['sources'],
    access: 'analyst',
    params: idParam,
    body: z.object({
      schedule: z.string().min(1).max(200).nullable(),
      timezone: z.string().min(1).max(64).optional(),
    }),
    response: scheduleSchema,
    handler: async ({ params, body, ctx, audit }) => {
      if (!(await getSource(ctx.db, params.id))) throw notFound(`source ${params.id}`);
      const before = await getSchedule(ctx.db, params.id);
      return ctx.db.transaction(async (tx) => {
        let after;
        try {
          after = await setSchedule(tx, params.id, body.schedule, body.schedule ? (body.timezone ?? 'UTC') : null, new Date());
        } catch (e) {
          if (e instanceof ScheduleError) throw new ApiError(400, 'invalid_request', `body.schedule: ${e.message}`);
          throw e;
        }
        if (!after) throw notFound(`source ${params.id}`);
        await audit({ action: 'source.schedule', target: { type: 'source', id: params.id }, before, after }, tx);
        return after;
      });
    },
  });
};
