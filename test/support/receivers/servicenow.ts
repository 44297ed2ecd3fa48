// A ServiceNow Table API stand-in for the incident table: create, read (with sysparm_fields), update. Basic auth;
// answers `{ result: {...} }` like an instance, errors as `{ error: { message, detail }, status: 'failure' }`.
import { randomBytes } from 'node:crypto';
import { basicCredentials, isJsonRequest, Receiver, type RecordedRequest, type Reply } from './base.js';

export type Incident = Record<string, string>;

export class ServicenowReceiver extends Receiver {
  readonly incidents = new Map<string, Incident>();
  private counter = 10000;

  constructor(readonly user: string, readonly password: string) {
    super();
    this.on('POST', '/api/now/table/incident', (r) => this.guard(r) ?? this.create(r));
    this.on('GET', '/api/now/table/incident/:sysId', (r, p) => this.guard(r) ?? this.read(r, p.sysId));
    this.on('PATCH', '/api/now/table/incident/:sysId', (r, p) => this.guard(r) ?? this.update(r, p.sysId));
  }

  private guard(r: RecordedRequest): Reply | undefined {
    const c = basicCredentials(r.headers.authorization);
    if (c?.user !== this.user || c.password !== this.password) {
      return { status: 401, json: { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' } };
    }
    if (r.method !== 'GET' && !isJsonRequest(r)) return { status: 415, json: { error: { message: 'Unsupported Media Type' }, status: 'failure' } };
    return undefined;
  }

  private create(r: RecordedRequest): Reply {
    const b = r.body as Record<string, unknown> | undefined;
    if (!b || typeof b !== 'object') return { status: 400, json: { error: { message: 'Invalid request body', detail: null }, status: 'failure' } };
    const sysId = randomBytes(16).toString('hex');
    const number = `INC${String(++this.counter).padStart(7, '0')}`;
    const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
    const incident: Incident = {
      sys_id: sysId, number, state: '1', incident_state: '1', impact: '3', urgency: '3', priority: '5', sys_created_on: now, sys_updated_on: now,
      ...Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v)])),
    };
    incident.priority = String(Math.min(5, Number(incident.impact) + Number(incident.urgency) - 1));
    this.incidents.set(sysId, incident);
    return { status: 201, json: { result: incident }, headers: { location: `${this.url}/api/now/table/incident/${sysId}` } };
  }

  private read(r: RecordedRequest, sysId: string): Reply {
    const i = this.incidents.get(sysId);
    if (!i) return { status: 404, json: { error: { message: 'No Record found', detail: 'Record doesn\'t exist or ACL restricts the record retrieval' }, status: 'failure' } };
    const fields = r.query.get('sysparm_fields');
    const out = fields ? Object.fromEntries(fields.split(',').map((f) => [f, i[f] ?? ''])) : i;
    return { status: 200, json: { result: out } };
  }

  private update(r: RecordedRequest, sysId: string): Reply {
    const i = this.incidents.get(sysId);
    if (!i) return { status: 404, json: { error: { message: 'No Record found', detail: 'Record doesn\'t exist or ACL restricts the record retrieval' }, status: 'failure' } };
    const b = r.body as Record<string, unknown>;
    // the out-of-the-box data policy: resolving needs a close code and close notes
    if (b.state === '6' && (!b.close_code || !b.close_notes)) {
      return { status: 403, json: { error: { message: 'Operation Failed', detail: 'Data Policy Exception: \n\tThe following fields are mandatory: Resolution code, Resolution notes\n' }, status: 'failure' } };
    }
    for (const [k, v] of Object.entries(b)) i[k] = String(v);
    if (b.state) i.incident_state = String(b.state);
    return { status: 200, json: { result: i } };
  }
}
