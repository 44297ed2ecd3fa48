// Integrations and tickets in the database (migration 004). Secrets are stored as given and leave this module only
// masked, except through `loadIntegrationForDelivery`, which the delivery jobs use.

import type { Queryable, SqlParam } from '../store/db.js';
import { toIso } from '../store/rows.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { Integration, Ticket, TicketStatus } from '../model/api.js';
import { maskedSecrets, validateIntegration } from './index.js';
import { EVENT_TYPES, type EventType, type IntegrationType, type TicketRef } from './types.js';

// the API shapes are the shared model's (src/model/api.ts): the server sends them and the dashboard reads them
export type { Integration, Ticket, TicketStatus };

export interface IntegrationForDelivery extends Omit<Integration, 'secrets'> {
  secrets: Record<string, unknown>;
}

interface IntegrationRow {
  id: number;
  name: string;
  type: IntegrationType;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  events: string[];
  min_severity: Severity;
  enabled: boolean;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

function fromRow(r: IntegrationRow): IntegrationForDelivery {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: r.config ?? {},
    secrets: r.secrets ?? {},
    events: (r.events ?? []) as EventType[],
    minSeverity: r.min_severity,
    enabled: r.enabled,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
  };
}

export const publicView = (i: IntegrationForDelivery): Integration => ({ ...i, secrets: maskedSecrets(i.secrets) });

export interface IntegrationInput {
  name: string;
  type: IntegrationType;
  config?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  events?: EventType[];
  minSeverity?: Severity;
  enabled?: boolean;
}

function checkEvents(events: string[] | undefined): EventType[] {
  for (const e of events ?? []) if (!(EVENT_TYPES as readonly string[]).includes(e)) throw new Error(`unknown event type ${e} (known: ${EVENT_TYPES.join(', ')})`);
  return (events ?? []) as EventType[];
}

function checkSeverity(s: string | undefined): Severity {
  if (s === undefined) return 'high';
  if (!(SEVERITIES as readonly string[]).includes(s)) throw new Error(`unknown severity ${s}`);
  return s as Severity;
}

export async function createIntegration(q: Queryable, input: IntegrationInput, by: string): Promise<Integration> {
  const v = validateIntegration(input.type, input.config, input.secrets);
  const [r] = await q.query<IntegrationRow>(
    `insert into integrations (name, type, config, secrets, events, min_severity, enabled, created_by)
     values ($1, $2, $3::jsonb, $4::jsonb, string_to_array($5, ','), $6, $7, $8) returning *`,
    [input.name, input.type, JSON.stringify(v.config), JSON.stringify(v.secrets), checkEvents(input.events).join(','), checkSeverity(input.minSeverity), input.enabled ?? true, by],
  );
  return publicView(fromRow(r));
}

export interface IntegrationPatch {
  name?: string;
  config?: Record<string, unknown>;
  /** Keys given replace the stored ones; the others are kept (the API never shows them to send back). */
  secrets?: Record<string, unknown>;
  events?: EventType[];
  minSeverity?: Severity;
  enabled?: boolean;
}

export async function updateIntegration(q: Queryable, id: number, patch: IntegrationPatch): Promise<Integration | undefined> {
  const current = await loadIntegrationForDelivery(q, id);
  if (!current) return undefined;
  const v = validateIntegration(current.type, patch.config ?? current.config, { ...current.secrets, ...(patch.secrets ?? {}) });
  const [r] = await q.query<IntegrationRow>(
    `update integrations set name = $2, config = $3::jsonb, secrets = $4::jsonb, events = string_to_array($5, ','), min_severity = $6,
       enabled = $7, updated_at = now() where id = $1 returning *`,
    [id, patch.name ?? current.name, JSON.stringify(v.config), JSON.stringify(v.secrets), checkEvents(patch.events ?? current.events).join(','),
      checkSeverity(patch.minSeverity ?? current.minSeverity), patch.enabled ?? current.enabled],
  );
  return publicView(fromRow(r));
}

export async function deleteIntegration(q: Queryable, id: number): Promise<boolean> {
  return (await q.query('delete from integrations where id = $1 returning id', [id])).length > 0;
}

export async function getIntegration(q: Queryable, id: number): Promise<Integration | undefined> {
  const i = await loadIntegrationForDelivery(q, id);
  return i && publicView(i);
}

/** With the secrets in clear: for the delivery jobs only. */
export async function loadIntegrationForDelivery(q: Queryable, id: number): Promise<IntegrationForDelivery | undefined> {
  const [r] = await q.query<IntegrationRow>('select * from integrations where id = $1', [id]);
  return r && fromRow(r);
}

export async function listIntegrations(q: Queryable, o: { type?: IntegrationType; limit?: number; offset?: number } = {}): Promise<{ items: Integration[]; total: number }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 500);
  const offset = Math.max(o.offset ?? 0, 0);
  const rows = await q.query<IntegrationRow>(`select * from integrations where ($1::text is null or type = $1) order by name, id limit ${limit} offset ${offset}`, [o.type ?? null]);
  const [c] = await q.query<{ n: number }>('select count(*)::int as n from integrations where ($1::text is null or type = $1)', [o.type ?? null]);
  return { items: rows.map((r) => publicView(fromRow(r))), total: c.n };
}

/** Integrations that receive an event: enabled notifiers subscribed to it. */
export async function subscribers(q: Queryable, event: EventType): Promise<IntegrationForDelivery[]> {
  const rows = await q.query<IntegrationRow>(
    "select * from integrations where enabled and type in ('webhook', 'slack') and $1 = any(events) order by id",
    [event],
  );
  return rows.map(fromRow);
}

// ---------------------------------------------------------------------------------------------------------------
// Tickets

interface TicketRow {
  id: number;
  integration_id: number;
  integration: string;
  type: IntegrationType;
  fingerprint: string;
  source: string | null;
  status: TicketStatus;
  external_id: string | null;
  external_key: string | null;
  url: string | null;
  title: string;
  last_error: string | null;
  create_job_id: string | number | null;
  created_by: string | null;
  created_at: Date | string;
  opened_at: Date | string | null;
  closed_at: Date | string | null;
  updated_at: Date | string;
}

const TICKET_SELECT = 'select t.*, i.name as integration, i.type from tickets t join integrations i on i.id = t.integration_id';

function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: r.id,
    integrationId: r.integration_id,
    integration: r.integration,
    type: r.type,
    fingerprint: r.fingerprint,
    source: r.source,
    status: r.status,
    externalId: r.external_id,
    key: r.external_key,
    url: r.url,
    title: r.title,
    lastError: r.last_error,
    createJobId: r.create_job_id === null ? null : Number(r.create_job_id),
    createdBy: r.created_by,
    createdAt: toIso(r.created_at)!,
    openedAt: toIso(r.opened_at),
    closedAt: toIso(r.closed_at),
    updatedAt: toIso(r.updated_at)!,
  };
}

export function ticketRef(t: Ticket): TicketRef {
  if (!t.externalId || !t.key || !t.url) throw new Error(`ticket ${t.id} has not been created in the tracker yet`);
  return { id: t.externalId, key: t.key, url: t.url };
}

export async function getTicket(q: Queryable, id: number): Promise<Ticket | undefined> {
  const [r] = await q.query<TicketRow>(`${TICKET_SELECT} where t.id = $1`, [id]);
  return r && ticketFromRow(r);
}

/**
 * Records that a ticket is wanted for a finding in an integration. Returns the existing ticket when one is pending or
 * open there already (`created: false`); a closed or failed one is reused for the new ticket.
 */
export async function requestTicket(
  q: Queryable,
  t: { integrationId: number; fingerprint: string; source: string | null; title: string; by: string },
): Promise<{ ticket: Ticket; created: boolean }> {
  const rows = await q.query<{ id: number }>(
    `insert into tickets (integration_id, fingerprint, source, title, created_by) values ($1, $2, $3, $4, $5)
     on conflict (integration_id, fingerprint) do update set
       status = 'pending', external_id = null, external_key = null, url = null, last_error = null, title = excluded.title,
       source = excluded.source, created_by = excluded.created_by, created_at = now(), opened_at = null, closed_at = null, updated_at = now()
       where tickets.status in ('closed', 'failed')
     returning id`,
    [t.integrationId, t.fingerprint, t.source, t.title, t.by],
  );
  if (rows[0]) return { ticket: (await getTicket(q, rows[0].id))!, created: true };
  const [existing] = await q.query<TicketRow>(`${TICKET_SELECT} where t.integration_id = $1 and t.fingerprint = $2`, [t.integrationId, t.fingerprint]);
  return { ticket: ticketFromRow(existing), created: false };
}

export async function setTicketJob(q: Queryable, id: number, jobId: number): Promise<void> {
  await q.query('update tickets set create_job_id = $2, updated_at = now() where id = $1', [id, jobId]);
}

export async function markTicketOpen(q: Queryable, id: number, ref: TicketRef): Promise<Ticket> {
  await q.query(
    "update tickets set status = 'open', external_id = $2, external_key = $3, url = $4, last_error = null, opened_at = now(), updated_at = now() where id = $1",
    [id, ref.id, ref.key, ref.url],
  );
  return (await getTicket(q, id))!;
}

export async function markTicketClosed(q: Queryable, id: number): Promise<Ticket> {
  await q.query("update tickets set status = 'closed', last_error = null, closed_at = now(), updated_at = now() where id = $1", [id]);
  return (await getTicket(q, id))!;
}

/** Creation failed for good: the ticket says why (a retry from the API starts over). */
export async function markTicketFailed(q: Queryable, id: number, error: string): Promise<void> {
  await q.query("update tickets set status = 'failed', last_error = $2, updated_at = now() where id = $1 and status = 'pending'", [id, error]);
}

/** An error while closing: the ticket stays open in aispm and says why. */
export async function noteTicketError(q: Queryable, id: number, error: string): Promise<void> {
  await q.query('update tickets set last_error = $2, updated_at = now() where id = $1', [id, error]);
}

export interface TicketQuery {
  fingerprint?: string;
  source?: string;
  status?: TicketStatus[];
  integrationId?: number;
  limit?: number;
  offset?: number;
}

export async function listTickets(q: Queryable, o: TicketQuery = {}): Promise<{ items: Ticket[]; total: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (cond: string, v: SqlParam) => {
    params.push(v);
    where.push(cond.replace('?', `$${params.length}`));
  };
  if (o.fingerprint) add('t.fingerprint = ?', o.fingerprint);
  if (o.source) add('t.source = ?', o.source);
  if (o.status?.length) add("t.status = any(string_to_array(?::text, ','))", o.status.join(','));
  if (o.integrationId !== undefined) add('t.integration_id = ?', o.integrationId);
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 500);
  const offset = Math.max(o.offset ?? 0, 0);
  const rows = await q.query<TicketRow>(`${TICKET_SELECT} ${w} order by t.created_at desc, t.id desc limit ${limit} offset ${offset}`, params);
  const [c] = await q.query<{ n: number }>(`select count(*)::int as n from tickets t ${w}`, params);
  return { items: rows.map(ticketFromRow), total: c.n };
}
