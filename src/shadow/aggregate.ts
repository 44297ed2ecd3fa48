// Folds egress records into one summary per AI service: who called it (users and source hosts), how
// often, how many bytes left, when, from which log lines, and how much of it the allow-list sanctions.
// Memory is bounded: only AI traffic is kept, and per-service name tables stop growing at MAX_DISTINCT.

import type { AllowList } from './allowlist.js';
import { DECLARABLE_CATEGORIES, matchHost, serviceName, type ServiceCategory } from './catalogue.js';
import { isIpLiteral, withoutQuery } from './host.js';
import type { EgressRecord, EvidenceType } from './records.js';
import { isoTime } from './time.js';

export const MAX_DISTINCT = 10_000;
/** Names listed per service in attributes and tables (the counts say how many there are in all). */
export const TOP_NAMES = 50;

/** Occurrences per name, with a ceiling on distinct names. */
export class Counter {
  readonly counts = new Map<string, number>();
  /** Occurrences of names not kept because the ceiling was reached. */
  overflow = 0;

  add(name: string | undefined, n = 1): void {
    if (name === undefined) return;
    const cur = this.counts.get(name);
    if (cur !== undefined) this.counts.set(name, cur + n);
    else if (this.counts.size < MAX_DISTINCT) this.counts.set(name, n);
    else this.overflow += n;
  }

  get size(): number {
    return this.counts.size;
  }

  /** Most frequent first, ties by name: deterministic output. */
  top(n = TOP_NAMES): string[] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n).map(([k]) => k);
  }

  merge(other: Counter): void {
    for (const [k, v] of other.counts) this.add(k, v);
    this.overflow += other.overflow;
  }
}

interface CategoryStats {
  records: number;
  unsanctioned: number;
  unsanctionedUsers: Counter;
  unsanctionedSources: Counter;
}

interface FileShare {
  requests: number;
  dnsQueries: number;
  bytesOut: number;
  bytesOutKnown: boolean;
  firstSeen?: number;
  lastSeen?: number;
  /** The first line of this file that showed the service. */
  firstLine: number;
  snippet: string;
}

export interface ServiceStats {
  service: string;
  /** Requests, TLS handshakes and firewall sessions (DNS lookups are counted apart). */
  requests: number;
  dnsQueries: number;
  blocked: number;
  bytesOut: number;
  bytesOutKnown: boolean;
  bytesIn: number;
  bytesInKnown: boolean;
  firstSeen?: number;
  lastSeen?: number;
  users: Counter;
  sources: Counter;
  destinations: Counter;
  evidenceTypes: Set<EvidenceType>;
  categories: Map<ServiceCategory, CategoryStats>;
  files: Map<string, FileShare>;
}

function newStats(service: string): ServiceStats {
  return {
    service,
    requests: 0,
    dnsQueries: 0,
    blocked: 0,
    bytesOut: 0,
    bytesOutKnown: false,
    bytesIn: 0,
    bytesInKnown: false,
    users: new Counter(),
    sources: new Counter(),
    destinations: new Counter(),
    evidenceTypes: new Set(),
    categories: new Map(),
    files: new Map(),
  };
}

export class EgressAggregator {
  readonly services = new Map<string, ServiceStats>();
  /** Records seen (AI or not) and records that matched the catalogue. */
  records = 0;
  matched = 0;

  constructor(private readonly allowList?: AllowList) {}

  get hasAllowList(): boolean {
    return this.allowList !== undefined;
  }

  /** Counts one record; `text` is the raw line, kept (masked later) only for a service's first line per file. */
  add(rec: EgressRecord, file: string, line: number, text: string): boolean {
    this.records++;
    if (isIpLiteral(rec.host)) return false;
    const m = matchHost(rec.host);
    if (!m) return false;
    this.matched++;
    let s = this.services.get(m.service);
    if (!s) this.services.set(m.service, (s = newStats(m.service)));
    const dns = rec.type === 'dns';
    if (dns) s.dnsQueries++;
    else s.requests++;
    if (rec.blocked) s.blocked++;
    if (rec.bytesOut !== undefined) {
      s.bytesOut += rec.bytesOut;
      s.bytesOutKnown = true;
    }
    if (rec.bytesIn !== undefined) {
      s.bytesIn += rec.bytesIn;
      s.bytesInKnown = true;
    }
    if (rec.time !== undefined) {
      if (s.firstSeen === undefined || rec.time < s.firstSeen) s.firstSeen = rec.time;
      if (s.lastSeen === undefined || rec.time > s.lastSeen) s.lastSeen = rec.time;
    }
    s.users.add(rec.user);
    s.sources.add(rec.source);
    s.destinations.add(rec.host);
    s.evidenceTypes.add(rec.type);

    let c = s.categories.get(m.category);
    if (!c) s.categories.set(m.category, (c = { records: 0, unsanctioned: 0, unsanctionedUsers: new Counter(), unsanctionedSources: new Counter() }));
    c.records++;
    const sanctioned = this.allowList?.sanctions({ service: m.service, category: m.category, host: rec.host, user: rec.user, source: rec.source }) ?? false;
    if (!sanctioned) {
      c.unsanctioned++;
      c.unsanctionedUsers.add(rec.user);
      c.unsanctionedSources.add(rec.source);
    }

    let f = s.files.get(file);
    if (!f) s.files.set(file, (f = { requests: 0, dnsQueries: 0, bytesOut: 0, bytesOutKnown: false, firstLine: line, snippet: snippetOf(text) }));
    if (dns) f.dnsQueries++;
    else f.requests++;
    if (rec.bytesOut !== undefined) {
      f.bytesOut += rec.bytesOut;
      f.bytesOutKnown = true;
    }
    if (rec.time !== undefined) {
      if (f.firstSeen === undefined || rec.time < f.firstSeen) f.firstSeen = rec.time;
      if (f.lastSeen === undefined || rec.time > f.lastSeen) f.lastSeen = rec.time;
    }
    return true;
  }
}

/** URLs in a log line lose their query strings: they carry tokens and personal data. */
function snippetOf(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (part.includes('://') || /^[\w.-]+\/[^\s]*\?/.test(part) ? withoutQuery(part) : part))
    .join('')
    .slice(0, 300);
}

/** What the summaries say about a service once the allow-list and the declared inventory are applied. */
export interface ServiceSummary {
  service: string;
  name: string;
  categories: ServiceCategory[];
  requests: number;
  dnsQueries: number;
  blocked: number;
  bytesSent?: number;
  bytesReceived?: number;
  firstSeen?: string;
  lastSeen?: string;
  users: string[];
  userCount: number;
  hosts: string[];
  hostCount: number;
  destinations: string[];
  evidenceTypes: EvidenceType[];
  /** Present only when an allow-list was applied. */
  sanctioned?: boolean;
  sanctionedRecords?: number;
  unsanctionedRecords?: number;
  /** Present only when the inventory was consulted. */
  declared?: boolean;
  /** Present when both are known: used but neither sanctioned nor explained by declared code or IaC. */
  shadow?: boolean;
  shadowRecords?: number;
  shadowUsers?: string[];
  shadowHosts?: string[];
  logs: Array<{ file: string; line: number; snippet: string; requests: number; dnsQueries: number; bytesSent?: number; firstSeen?: string; lastSeen?: string }>;
}

export interface SummaryOptions {
  /** Whether the aggregator's sanction counts mean anything (an allow-list was given, possibly empty). */
  allowListKnown: boolean;
  /** ai-service keys found by scanning code and IaC; undefined when the inventory was not consulted. */
  declared?: ReadonlySet<string>;
  /**
   * Give the shadow verdict even without the inventory (what is not known to be declared counts as
   * undeclared: the conservative reading for a stateless run). Needs allowListKnown.
   */
  judgeShadow?: boolean;
}

export function summarise(s: ServiceStats, opts: SummaryOptions): ServiceSummary {
  const records = s.requests + s.dnsQueries;
  const unsanctioned = [...s.categories.values()].reduce((n, c) => n + c.unsanctioned, 0);
  const out: ServiceSummary = {
    service: s.service,
    name: serviceName(s.service),
    categories: [...s.categories.keys()].sort(),
    requests: s.requests,
    dnsQueries: s.dnsQueries,
    blocked: s.blocked,
    ...(s.bytesOutKnown ? { bytesSent: s.bytesOut } : {}),
    ...(s.bytesInKnown ? { bytesReceived: s.bytesIn } : {}),
    ...(s.firstSeen !== undefined ? { firstSeen: isoTime(s.firstSeen) } : {}),
    ...(s.lastSeen !== undefined ? { lastSeen: isoTime(s.lastSeen) } : {}),
    users: s.users.top(),
    userCount: s.users.size,
    hosts: s.sources.top(),
    hostCount: s.sources.size,
    destinations: s.destinations.top(),
    evidenceTypes: [...s.evidenceTypes].sort(),
    logs: [...s.files].map(([file, f]) => ({
      file,
      line: f.firstLine,
      snippet: f.snippet,
      requests: f.requests,
      dnsQueries: f.dnsQueries,
      ...(f.bytesOutKnown ? { bytesSent: f.bytesOut } : {}),
      ...(f.firstSeen !== undefined ? { firstSeen: isoTime(f.firstSeen) } : {}),
      ...(f.lastSeen !== undefined ? { lastSeen: isoTime(f.lastSeen) } : {}),
    })),
  };
  if (opts.allowListKnown) {
    out.sanctioned = unsanctioned === 0;
    out.sanctionedRecords = records - unsanctioned;
    out.unsanctionedRecords = unsanctioned;
  }
  if (opts.declared) out.declared = opts.declared.has(s.service);
  if (opts.allowListKnown && (opts.declared || opts.judgeShadow)) {
    // Declared code explains API-style traffic only: an app calling the API does not explain people in the chat UI.
    const users = new Counter();
    const hosts = new Counter();
    let shadowRecords = 0;
    for (const [cat, c] of s.categories) {
      if (out.declared && DECLARABLE_CATEGORIES.has(cat)) continue;
      shadowRecords += c.unsanctioned;
      users.merge(c.unsanctionedUsers);
      hosts.merge(c.unsanctionedSources);
    }
    out.shadow = shadowRecords > 0;
    out.shadowRecords = shadowRecords;
    out.shadowUsers = users.top();
    out.shadowHosts = hosts.top();
  }
  return out;
}

/** Services most used first (records, then id): the order of tables and asset lists. */
export function summariseAll(agg: EgressAggregator, opts: SummaryOptions): ServiceSummary[] {
  return [...agg.services.values()]
    .map((s) => summarise(s, opts))
    .sort((a, b) => b.requests + b.dnsQueries - (a.requests + a.dnsQueries) || a.service.localeCompare(b.service));
}
