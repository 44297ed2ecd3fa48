// ServiceNow incidents through the Table API: created with POST /api/now/table/incident, resolved with a PATCH to
// state 6 (Resolved) with a close code and notes. Basic auth with an integration user.

import { z } from 'zod';
import { basicAuth, DeliveryError, httpJson, joinUrl } from './http.js';
import { ticketLines, ticketTitle, type CallOptions, type FindingSummary, type TicketRef, type Tracker } from './types.js';

export const servicenowConfigSchema = z.object({
  instanceUrl: z.url({ protocol: /^https?$/ }),
  assignmentGroup: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  /** The instance's close code for a fixed problem (older releases: "Solved (Permanently)"). */
  closeCode: z.string().min(1).default('Solution provided'),
});
export type ServicenowConfig = z.infer<typeof servicenowConfigSchema>;

export const servicenowSecretsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export type ServicenowSecrets = z.infer<typeof servicenowSecretsSchema>;

/** Incident states (the out-of-the-box choice list). */
export const INCIDENT_STATE = { new: '1', inProgress: '2', onHold: '3', resolved: '6', closed: '7', canceled: '8' } as const;

/** Impact and urgency, 1 (high) .. 3 (low): the pair gives the incident's priority (critical P1, high P2, medium P3). */
const IMPACT_URGENCY: Record<FindingSummary['severity'], [string, string]> = {
  critical: ['1', '1'], high: ['1', '2'], medium: ['2', '2'], low: ['3', '3'], info: ['3', '3'],
};

const headers = (s: ServicenowSecrets) => ({ Authorization: basicAuth(s.username, s.password) });

async function create(c: ServicenowConfig, s: ServicenowSecrets, f: FindingSummary, o: CallOptions = {}): Promise<TicketRef> {
  const res = await httpJson(
    {
      method: 'POST',
      url: joinUrl(c.instanceUrl, '/api/now/table/incident?sysparm_exclude_reference_link=true'),
      headers: headers(s),
      json: {
        short_description: ticketTitle(f).slice(0, 160),
        description: `${ticketLines(f).join('\n')}\n\nOpen in aispm: ${f.link}`,
        impact: IMPACT_URGENCY[f.severity][0],
        urgency: IMPACT_URGENCY[f.severity][1],
        correlation_id: `aispm:${f.fingerprint}`,
        correlation_display: 'aispm',
        ...(c.assignmentGroup ? { assignment_group: c.assignmentGroup } : {}),
        ...(c.category ? { category: c.category } : {}),
      },
      ...o,
    },
    'ServiceNow create incident',
  );
  const r = (res.json as { result?: { sys_id?: string; number?: string } })?.result;
  if (!r?.sys_id || !r.number) throw new DeliveryError('ServiceNow create incident: the answer has no sys_id and number', false, res.status);
  return { id: r.sys_id, key: r.number, url: joinUrl(c.instanceUrl, `/nav_to.do?uri=incident.do?sys_id=${r.sys_id}`) };
}

async function close(c: ServicenowConfig, s: ServicenowSecrets, t: TicketRef, note: string, o: CallOptions = {}): Promise<void> {
  const record = joinUrl(c.instanceUrl, `/api/now/table/incident/${encodeURIComponent(t.id)}`);
  const current = await httpJson({ method: 'GET', url: `${record}?sysparm_fields=state`, headers: headers(s), ...o }, 'ServiceNow read incident');
  const state = (current.json as { result?: { state?: string } })?.result?.state;
  if (state === INCIDENT_STATE.resolved || state === INCIDENT_STATE.closed || state === INCIDENT_STATE.canceled) return;
  await httpJson(
    { method: 'PATCH', url: record, headers: headers(s), json: { state: INCIDENT_STATE.resolved, close_code: c.closeCode, close_notes: note }, ...o },
    'ServiceNow resolve incident',
  );
}

export const servicenow: Tracker<ServicenowConfig, ServicenowSecrets> = {
  type: 'servicenow',
  configSchema: servicenowConfigSchema as z.ZodType<ServicenowConfig>,
  secretsSchema: servicenowSecretsSchema,
  create,
  close,
};
