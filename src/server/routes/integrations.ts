// Integrations (signed webhooks, Slack, Jira, GitHub Issues, ServiceNow) and the tickets they open for findings.
// Settings and secrets are admin business; secrets are write-only (answers show them masked). Tickets are opened by
// analysts; creating, closing (on resolution) and notifying run as jobs with retries.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError, notFound, type RouteModule } from '../api.js';
import { type Expect, idParam, pageOf, pageQuery, type SameShape, severitySchema } from '../schemas.js';
import type { Integration, Ticket } from '../../model/api.js';
import { deliverEvent, DeliveryError, EVENT_TYPES, INTEGRATION_TYPES, IntegrationConfigError, trackerFor } from '../../integrations/index.js';
import {
  createIntegration, deleteIntegration, getIntegration, getTicket, listIntegrations, listTickets, loadIntegrationForDelivery,
  updateIntegration, type TicketStatus,
} from '../../integrations/repository.js';
import { jobSchema } from './jobs.js';
import { openTicket, TicketRequestError } from '../jobs/deliveries.js';
import { deliveryDeps } from '../jobs/services.js';

const integrationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(INTEGRATION_TYPES),
  config: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), z.string()).describe('which secrets are set, masked'),
  events: z.array(z.enum(EVENT_TYPES)),
  minSeverity: severitySchema,
  enabled: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const TICKET_STATUSES = ['pending', 'open', 'closed', 'failed'] as const;

const ticketSchema = z.object({
  id: z.number().int(),
  integrationId: z.number().int(),
  integration: z.string(),
  type: z.enum(INTEGRATION_TYPES),
  fingerprint: z.string(),
  source: z.string().nullable(),
  status: z.enum(TICKET_STATUSES).describe('pending until the tracker answered; closed when the finding was resolved'),
  externalId: z.string().nullable(),
  key: z.string().nullable().describe('PROJ-12, #34, INC0010001'),
  url: z.string().nullable(),
  title: z.string(),
  lastError: z.string().nullable(),
  createJobId: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export type IntegrationShapes = [Expect<SameShape<typeof integrationSchema, Integration>>, Expect<SameShape<typeof ticketSchema, Ticket>>];

const NAME = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9 ._@/-]*$/, 'letters, digits, spaces and . _ @ / - only');
const settings = z.record(z.string(), z.unknown());

const CONFIG_HELP = [
  'Settings per type (`config` / `secrets`):',
  '- webhook: `{url}` / `{signingSecret}` (HMAC-SHA256 over "<timestamp>.<body>" in X-Aispm-Signature)',
  '- slack: `{}` / `{webhookUrl}` (an incoming webhook)',
  '- jira: `{baseUrl, projectKey, issueType?, apiVersion? 2|3, labels?, doneTransition?}` / `{email?, apiToken}`',
  '- github: `{apiUrl?, repository: "owner/name", labels?}` / `{token}`',
  '- servicenow: `{instanceUrl, assignmentGroup?, category?, closeCode?}` / `{username, password}`',
].join('\n');

function configError(e: unknown): never {
  if (e instanceof IntegrationConfigError) throw new ApiError(400, 'invalid_request', `body.${e.issues[0]?.path}: ${e.issues[0]?.message}`, e.issues);
  if (e instanceof Error && /^unknown (event type|severity)/.test(e.message)) throw new ApiError(400, 'invalid_request', e.message);
  throw e;
}

export const integrationRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/integrations',
    operationId: 'listIntegrations',
    summary: 'List integrations (secrets masked)',
    tags: ['integrations'],
    access: 'analyst',
    query: pageQuery.extend({ type: z.enum(INTEGRATION_TYPES).optional() }),
    response: pageOf(integrationSchema),
    handler: async ({ query, ctx }) => ({ ...(await listIntegrations(ctx.db, query)), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'POST',
    path: '/api/integrations',
    operationId: 'createIntegration',
    summary: 'Add a webhook, Slack channel or ticket tracker',
    description: CONFIG_HELP,
    tags: ['integrations'],
    access: 'admin',
    body: z.object({
      name: NAME,
      type: z.enum(INTEGRATION_TYPES),
      config: settings.default({}),
      secrets: settings.default({}),
      events: z.array(z.enum(EVENT_TYPES)).default([]).describe('for webhook and slack'),
      minSeverity: severitySchema.default('high').describe('findings below this severity are not sent'),
      enabled: z.boolean().default(true),
    }),
    response: integrationSchema,
    status: 201,
    handler: async ({ body, user, ctx, audit }) => {
      const exists = (await listIntegrations(ctx.db, { limit: 500 })).items.some((i) => i.name === body.name);
      if (exists) throw new ApiError(409, 'conflict', `an integration named ${body.name} exists`);
      return ctx.db.transaction(async (tx) => {
        const created = await createIntegration(tx, body, user.username).catch(configError);
        await audit({ action: 'integration.create', target: { type: 'integration', id: created.id }, after: created }, tx);
        return created;
      });
    },
  });

  api.route({
    method: 'GET',
    path: '/api/integrations/:id',
    operationId: 'getIntegration',
    summary: 'An integration (secrets masked)',
    tags: ['integrations'],
    access: 'analyst',
    params: idParam,
    response: integrationSchema,
    handler: async ({ params, ctx }) => {
      const i = await getIntegration(ctx.db, params.id);
      if (!i) throw notFound(`integration ${params.id}`);
      return i;
    },
  });

  api.route({
    method: 'PATCH',
    path: '/api/integrations/:id',
    operationId: 'updateIntegration',
    summary: 'Change an integration; secrets given replace the stored ones, the others are kept',
    tags: ['integrations'],
    access: 'admin',
    params: idParam,
    body: z.object({
      name: NAME.optional(),
      config: settings.optional(),
      secrets: settings.optional(),
      events: z.array(z.enum(EVENT_TYPES)).optional(),
      minSeverity: severitySchema.optional(),
      enabled: z.boolean().optional(),
    }),
    response: integrationSchema,
    handler: async ({ params, body, ctx, audit }) => {
      const before = await getIntegration(ctx.db, params.id);
      if (!before) throw notFound(`integration ${params.id}`);
      return ctx.db.transaction(async (tx) => {
        const after = await updateIntegration(tx, params.id, body).catch(configError);
        if (!after) throw notFound(`integration ${params.id}`);
        await audit({ action: 'integration.update', target: { type: 'integration', id: params.id }, before, after }, tx);
        return after;
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/integrations/:id',
    operationId: 'deleteIntegration',
    summary: 'Remove an integration (its tickets in aispm go with it; the tracker keeps them)',
    tags: ['integrations'],
    access: 'admin',
    params: idParam,
    status: 204,
    handler: async ({ params, ctx, audit }) => {
      const before = await getIntegration(ctx.db, params.id);
      if (!before) throw notFound(`integration ${params.id}`);
      await ctx.db.transaction(async (tx) => {
        await deleteIntegration(tx, params.id);
        await audit({ action: 'integration.delete', target: { type: 'integration', id: params.id }, before }, tx);
      });
    },
  });

  api.route({
    method: 'POST',
    path: '/api/integrations/:id/test',
    operationId: 'testIntegration',
    summary: 'Send a `ping` event to a webhook or Slack integration now and report the answer',
    tags: ['integrations'],
    access: 'admin',
    params: idParam,
    response: z.object({ ok: z.boolean(), error: z.string().optional() }),
    handler: async ({ params, ctx, audit }) => {
      const integ = await loadIntegrationForDelivery(ctx.db, params.id);
      if (!integ) throw notFound(`integration ${params.id}`);
      if (trackerFor(integ.type)) throw new ApiError(400, 'invalid_request', `a ${integ.type} integration is tested by opening a ticket`);
      let result: { ok: boolean; error?: string };
      try {
        await deliverEvent(integ.type, integ.config, integ.secrets, { id: randomUUID(), type: 'ping', at: new Date().toISOString(), data: { integration: integ.name } }, { timeoutMs: 15_000 });
        result = { ok: true };
      } catch (e) {
        if (!(e instanceof DeliveryError)) throw e;
        result = { ok: false, error: e.message };
      }
      await audit({ action: 'integration.test', target: { type: 'integration', id: params.id }, after: result });
      return result;
    },
  });

  api.route({
    method: 'GET',
    path: '/api/tickets',
    operationId: 'listTickets',
    summary: 'Tickets opened for findings, newest first',
    tags: ['integrations'],
    access: 'viewer',
    query: pageQuery.extend({
      fingerprint: z.string().max(200).optional(),
      source: z.string().max(100).optional(),
      status: z.string().transform((s) => s.split(',').filter(Boolean)).pipe(z.array(z.enum(TICKET_STATUSES))).optional(),
      integrationId: z.coerce.number().int().optional(),
    }),
    response: pageOf(ticketSchema),
    handler: async ({ query, ctx }) => ({ ...(await listTickets(ctx.db, { ...query, status: query.status as TicketStatus[] | undefined })), limit: query.limit, offset: query.offset }),
  });

  api.route({
    method: 'GET',
    path: '/api/tickets/:id',
    operationId: 'getTicket',
    summary: 'A ticket, with its status in the tracker and the last error',
    tags: ['integrations'],
    access: 'viewer',
    params: idParam,
    response: ticketSchema,
    handler: async ({ params, ctx }) => {
      const t = await getTicket(ctx.db, params.id);
      if (!t) throw notFound(`ticket ${params.id}`);
      return t;
    },
  });

  api.route({
    method: 'POST',
    path: '/api/findings/:fingerprint/tickets',
    operationId: 'openTicket',
    summary: 'Open a ticket for a finding in a Jira, GitHub or ServiceNow integration',
    description: 'Answers at once with the ticket `pending` and the job that creates it; the ticket links back to the finding and is closed when a rescan resolves the finding. One ticket per finding and integration: asking again returns the existing one.',
    tags: ['integrations', 'findings'],
    access: 'analyst',
    params: z.object({ fingerprint: z.string().min(4).max(200) }),
    body: z.object({ integrationId: z.number().int().min(1), source: z.string().max(100).optional() }),
    response: z.object({ ticket: ticketSchema, job: jobSchema.nullable(), created: z.boolean() }),
    status: 202,
    handler: async ({ params, body, user, ctx, audit }) => {
      let out;
      try {
        out = await openTicket(deliveryDeps(ctx, () => (ctx.scans as { wake?: () => void }).wake?.()), {
          fingerprint: params.fingerprint,
          integrationId: body.integrationId,
          source: body.source,
          by: user.username,
        });
      } catch (e) {
        if (e instanceof TicketRequestError) throw new ApiError(e.status, e.status === 404 ? 'not_found' : e.status === 409 ? 'conflict' : 'invalid_request', e.message);
        throw e;
      }
      if (out.created) await audit({ action: 'ticket.create', target: { type: 'ticket', id: out.ticket.id }, after: { ...out.ticket, jobId: out.job?.id ?? null } });
      return out as never;
    },
  });
};
