// Tickets and notifications as jobs: opening a ticket, closing it when its finding is resolved, and sending events to
// webhooks and Slack all run through the queue, so a tracker that is down is retried with backoff and a failure is
// kept on the job and the ticket. `sync` compares open tickets with their findings and queues the closes.

import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../store/db.js';
import { enqueueJob, type Job, type Json } from '../../store/jobs.js';
import type { StoredFinding, Store } from '../../store/types.js';
import { SEVERITY_RANK, type Severity } from '../../model/finding.js';
import { DeliveryError, deliverEvent, trackerFor, ticketTitle, type EventType, type FindingSummary, type WebhookEvent } from '../../integrations/index.js';
import {
  getTicket, listTickets, loadIntegrationForDelivery, markTicketClosed, markTicketFailed, markTicketOpen, noteTicketError, requestTicket,
  setTicketJob, subscribers, ticketRef, type Ticket,
} from '../../integrations/repository.js';
import { PermanentJobError, type JobContext, type JobHandler } from './runner.js';

export interface DeliveryDeps {
  db: Db;
  store: Pick<Store, 'finding'>;
  /** The server's public URL: links back in tickets and messages. */
  baseUrl: string;
  /** Called after jobs were queued (wakes an in-process runner). */
  onQueued?: () => void;
}

const DELIVERY_ATTEMPTS = 8;
/** Findings per event type and scan sent one by one; more are left to the scan.completed summary. */
const MAX_FINDING_EVENTS = 50;

export function findingLink(baseUrl: string, fingerprint: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/findings/${encodeURIComponent(fingerprint)}`;
}

export function summariseFinding(f: StoredFinding, baseUrl: string): FindingSummary {
  return {
    fingerprint: f.fingerprint,
    source: f.source,
    checkId: f.checkId,
    severity: f.severity,
    score: f.score,
    title: f.title,
    message: f.message,
    assetId: f.assetId,
    ...(f.remediation ? { remediation: f.remediation } : {}),
    link: findingLink(baseUrl, f.fingerprint),
  };
}

export class TicketRequestError extends Error {
  constructor(message: string, readonly status: 400 | 404 | 409) {
    super(message);
  }
}

/** Asks for a ticket for a finding in a tracker integration: records it (pending) and queues its creation. */
export async function openTicket(
  deps: DeliveryDeps,
  r: { fingerprint: string; integrationId: number; by: string; source?: string },
): Promise<{ ticket: Ticket; job: Job | null; created: boolean }> {
  const finding = await deps.store.finding(r.fingerprint, r.source);
  if (!finding) throw new TicketRequestError(`finding ${r.fingerprint} not found`, 404);
  const integration = await loadIntegrationForDelivery(deps.db, r.integrationId);
  if (!integration) throw new TicketRequestError(`integration ${r.integrationId} not found`, 404);
  if (!trackerFor(integration.type)) throw new TicketRequestError(`integration ${integration.name} is a ${integration.type}, which does not open tickets (use jira, github or servicenow)`, 400);
  if (!integration.enabled) throw new TicketRequestError(`integration ${integration.name} is disabled`, 409);
  const out = await deps.db.transaction(async (tx) => {
    const { ticket, created } = await requestTicket(tx, {
      integrationId: integration.id,
      fingerprint: finding.fingerprint,
      source: finding.source,
      title: ticketTitle(summariseFinding(finding, deps.baseUrl)),
      by: r.by,
    });
    if (!created) return { ticket, job: null, created };
    const job = await enqueueJob(tx, {
      kind: 'deliver',
      payload: { action: 'ticket.create', ticketId: ticket.id },
      dedupeKey: `ticket:${ticket.id}`,
      maxAttempts: DELIVERY_ATTEMPTS,
      createdBy: r.by,
    });
    await setTicketJob(tx, ticket.id, job.id);
    return { ticket: { ...ticket, createJobId: job.id }, job, created };
  });
  if (out.job) deps.onQueued?.();
  return out;
}

/** Queues one event to every enabled webhook/Slack integration subscribed to it (and at or above its severity). */
export async function queueEvent(q: Queryable, type: EventType, data: Record<string, Json>, severity?: Severity): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const integ of await subscribers(q, type)) {
    if (severity && SEVERITY_RANK[severity] < SEVERITY_RANK[integ.minSeverity]) continue;
    const event: WebhookEvent = { id: randomUUID(), type, at: new Date().toISOString(), data };
    jobs.push(await enqueueJob(q, { kind: 'deliver', payload: { action: 'notify', integrationId: integ.id, event: event as unknown as Json }, maxAttempts: DELIVERY_ATTEMPTS, createdBy: 'aispm' }));
  }
  return jobs;
}

/** Whether a retry can still help: the error is transient and attempts are left. */
function willRetry(e: unknown, ctx: JobContext): boolean {
  const transient = !(e instanceof DeliveryError) || e.retryable;
  return transient && ctx.job.attempts < ctx.job.maxAttempts;
}

function permanent(e: unknown): Error {
  return e instanceof DeliveryError && !e.retryable ? new PermanentJobError(e.message) : (e as Error);
}

/** The `deliver` job: create or close a ticket, or send one event. */
export function deliverHandler(deps: DeliveryDeps): JobHandler {
  return async (payload, ctx) => {
    const action = payload.action;
    if (action === 'notify') {
      const integ = await loadIntegrationForDelivery(deps.db, Number(payload.integrationId));
      if (!integ) throw new PermanentJobError(`integration ${String(payload.integrationId)} no longer exists`);
      if (!integ.enabled) return { skipped: 'integration disabled' };
      try {
        await deliverEvent(integ.type, integ.config, integ.secrets, payload.event as unknown as WebhookEvent, { signal: ctx.signal });
      } catch (e) {
        throw permanent(e);
      }
      return { delivered: (payload.event as { type?: string })?.type ?? null, integration: integ.name };
    }
    const ticket = await getTicket(deps.db, Number(payload.ticketId));
    if (!ticket) throw new PermanentJobError(`ticket ${String(payload.ticketId)} no longer exists`);
    const integ = await loadIntegrationForDelivery(deps.db, ticket.integrationId);
    const tracker = integ && trackerFor(integ.type);
    if (!integ || !tracker) throw new PermanentJobError(`ticket ${ticket.id}: its integration is gone or opens no tickets`);

    if (action === 'ticket.create') {
      if (ticket.status !== 'pending') return { skipped: `ticket is ${ticket.status}` };
      const finding = await deps.store.finding(ticket.fingerprint, ticket.source ?? undefined);
      if (!finding) {
        await markTicketFailed(deps.db, ticket.id, 'the finding no longer exists');
        throw new PermanentJobError(`finding ${ticket.fingerprint} no longer exists`);
      }
      const summary = summariseFinding(finding, deps.baseUrl);
      try {
        const ref = await tracker.create(integ.config, integ.secrets, summary, { signal: ctx.signal });
        const opened = await markTicketOpen(deps.db, ticket.id, ref);
        await queueEvent(deps.db, 'ticket.opened', { ticket: { key: ref.key, url: ref.url, integration: integ.name }, finding: summary as unknown as Json }, finding.severity);
        deps.onQueued?.();
        return { ticket: opened.key, url: opened.url };
      } catch (e) {
        if (!willRetry(e, ctx)) await markTicketFailed(deps.db, ticket.id, (e as Error).message);
        throw permanent(e);
      }
    }

    if (action === 'ticket.close') {
      if (ticket.status !== 'open') return { skipped: `ticket is ${ticket.status}` };
      const note = String(payload.note ?? 'aispm: the finding was resolved.');
      try {
        await tracker.close(integ.config, integ.secrets, ticketRef(ticket), note, { signal: ctx.signal });
      } catch (e) {
        await noteTicketError(deps.db, ticket.id, (e as Error).message);
        throw permanent(e);
      }
      const closed = await markTicketClosed(deps.db, ticket.id);
      const finding = await deps.store.finding(ticket.fingerprint, ticket.source ?? undefined);
      if (finding) {
        await queueEvent(deps.db, 'ticket.closed', { ticket: { key: closed.key, url: closed.url, integration: integ.name }, finding: summariseFinding(finding, deps.baseUrl) as unknown as Json }, finding.severity);
        deps.onQueued?.();
      }
      return { ticket: closed.key, closed: true };
    }
    throw new PermanentJobError(`unknown delivery action ${String(action)}`);
  };
}

/** Statuses after which a ticket has nothing left to track. */
const DONE: ReadonlySet<string> = new Set(['resolved', 'false-positive']);

/** The `sync` job: closes the tickets of findings that were resolved (or marked false positive). */
export function syncHandler(deps: DeliveryDeps): JobHandler {
  return async (payload) => {
    const source = typeof payload.source === 'string' ? payload.source : undefined;
    let checked = 0;
    const closing: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await listTickets(deps.db, { status: ['open'], source, limit: 500, offset });
      for (const t of page.items) {
        checked++;
        const f = await deps.store.finding(t.fingerprint, t.source ?? undefined);
        if (f && !DONE.has(f.status)) continue;
        const why = !f ? 'the finding no longer exists' : f.status === 'resolved' ? 'a rescan no longer finds it (resolved)' : 'it was marked a false positive';
        await enqueueJob(deps.db, {
          kind: 'deliver',
          payload: { action: 'ticket.close', ticketId: t.id, note: `aispm: closing because ${why}. ${findingLink(deps.baseUrl, t.fingerprint)}` },
          dedupeKey: `ticket-close:${t.id}`,
          maxAttempts: DELIVERY_ATTEMPTS,
          createdBy: 'aispm',
        });
        closing.push(t.key ?? String(t.id));
      }
      if (page.items.length < 500) break;
    }
    if (closing.length) deps.onQueued?.();
    return { checked, closing };
  };
}

interface EventRow {
  fingerprint: string;
  kind: 'opened' | 'reopened' | 'resolved';
}

/**
 * After a scan was saved: `scan.completed` to subscribers, `finding.opened` / `finding.resolved` for what this scan
 * changed, and a ticket sync when the source has open tickets.
 */
export async function afterScan(
  deps: DeliveryDeps,
  s: { source: string; scanId: string; counts: Record<string, number> },
): Promise<{ events: number; sync: Job | null }> {
  let events = 0;
  const link = `${deps.baseUrl.replace(/\/+$/, '')}/scans/${encodeURIComponent(s.scanId)}`;
  events += (await queueEvent(deps.db, 'scan.completed', { source: s.source, scanId: s.scanId, counts: s.counts, link })).length;
  const wantsFindings = (await subscribers(deps.db, 'finding.opened')).length + (await subscribers(deps.db, 'finding.resolved')).length > 0;
  if (wantsFindings) {
    // the store's lifecycle history says what this scan opened and resolved
    const rows = await deps.db.query<EventRow>(
      `select fingerprint, kind from finding_events where scan_id = $1 and kind in ('opened', 'reopened', 'resolved') order by id`,
      [s.scanId],
    );
    const perType = new Map<string, number>();
    for (const r of rows) {
      const type: EventType = r.kind === 'resolved' ? 'finding.resolved' : 'finding.opened';
      const n = perType.get(type) ?? 0;
      if (n >= MAX_FINDING_EVENTS) continue;
      const f = await deps.store.finding(r.fingerprint, s.source);
      if (!f) continue;
      perType.set(type, n + 1);
      events += (await queueEvent(deps.db, type, { finding: summariseFinding(f, deps.baseUrl) as unknown as Json }, f.severity)).length;
    }
  }
  const open = await listTickets(deps.db, { status: ['open'], source: s.source, limit: 1 });
  const sync = open.total > 0
    ? await enqueueJob(deps.db, { kind: 'sync', payload: { source: s.source }, dedupeKey: `sync:${s.source}`, maxAttempts: 5, createdBy: 'aispm' })
    : null;
  if (events || sync) deps.onQueued?.();
  return { events, sync };
}
