// Service summaries as inventory assets: the `ai-service` draft a collector emits and the full Asset the
// `aispm shadow` command stores. Keys are provider ids, so egress evidence merges with the same service
// found in code and IaC.

import type { AssetDraft } from '../collectors/types.js';
import { assetId, type Asset, type Attrs, type AttrValue, type Evidence } from '../model/index.js';
import { maskSecrets } from '../util/mask.js';
import type { ServiceSummary } from './aggregate.js';

export const EGRESS_COLLECTOR_ID = 'egress-logs';
export const EGRESS_COLLECTOR_VERSION = '1.0.0';

const clean = (o: Record<string, AttrValue | undefined>): Record<string, AttrValue> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, AttrValue>;

/** attrs.egress (what the logs showed) and the sanctioned / declared / shadow verdicts when known. */
export function serviceAttrs(s: ServiceSummary): Attrs {
  const egress = clean({
    users: s.users,
    userCount: s.userCount,
    hosts: s.hosts,
    hostCount: s.hostCount,
    destinations: s.destinations,
    requests: s.requests,
    dnsQueries: s.dnsQueries,
    blocked: s.blocked,
    bytesSent: s.bytesSent,
    bytesReceived: s.bytesReceived,
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    categories: s.categories,
    evidenceTypes: s.evidenceTypes,
    sanctionedRecords: s.sanctionedRecords,
    unsanctionedRecords: s.unsanctionedRecords,
    shadowRecords: s.shadowRecords,
    shadowUsers: s.shadowUsers,
    shadowHosts: s.shadowHosts,
    // one entry per log file, so totals survive the graph's merge of several logs (arrays are unioned)
    logs: s.logs.map((l) => clean({ file: l.file, requests: l.requests, dnsQueries: l.dnsQueries, bytesSent: l.bytesSent, firstSeen: l.firstSeen, lastSeen: l.lastSeen })),
  });
  return clean({ egress, sanctioned: s.sanctioned, declared: s.declared, shadow: s.shadow });
}

export function serviceEvidence(s: ServiceSummary): Evidence[] {
  return s.logs.map((l) => ({ file: l.file, line: l.line, snippet: maskSecrets(l.snippet.trim().slice(0, 160)), collector: EGRESS_COLLECTOR_ID }));
}

export function serviceDraft(s: ServiceSummary, evidence: Evidence[] = serviceEvidence(s)): AssetDraft {
  return { kind: 'ai-service', key: s.service, name: s.name, provider: s.service, attrs: serviceAttrs(s), evidence, tags: s.shadow ? ['shadow-ai'] : [] };
}

/** A stored asset (as the graph builder would make it) for a report written outside a scan. */
export function serviceAsset(s: ServiceSummary): Asset {
  const d = serviceDraft(s);
  return {
    id: assetId('ai-service', d.key),
    kind: 'ai-service',
    key: d.key,
    name: d.name!,
    provider: d.provider,
    attrs: d.attrs!,
    evidence: d.evidence!,
    tags: d.tags!,
  };
}
