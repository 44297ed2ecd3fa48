// Attributes derived after the merge. Merging keeps the first value of a scalar and unions lists; some
// totals are instead the sum over everything merged (egress seen in several log files), so collectors keep
// per-source entries in a list and the totals are recomputed here from that list.

import type { AttrValue, Attrs } from '../model/index.js';

type Obj = { [k: string]: AttrValue };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `attrs.egress.logs[]` (one entry per log file) → request, DNS and byte totals and the seen window. */
function egressTotals(attrs: Attrs): void {
  const egress = attrs.egress;
  if (!isObj(egress) || !Array.isArray(egress.logs) || egress.logs.length < 2) return;
  const logs = egress.logs.filter(isObj);
  const sum = (k: string) => logs.reduce((n, l) => n + (typeof l[k] === 'number' ? (l[k] as number) : 0), 0);
  const times = (k: string) => logs.map((l) => l[k]).filter((v): v is string => typeof v === 'string').sort();
  egress.requests = sum('requests');
  egress.dnsQueries = sum('dnsQueries');
  egress.bytesSent = sum('bytesSent');
  const first = times('firstSeen');
  const last = times('lastSeen');
  if (first.length) egress.firstSeen = first[0];
  if (last.length) egress.lastSeen = last[last.length - 1];
  if (Array.isArray(egress.users)) egress.userCount = Math.max(Number(egress.userCount ?? 0), egress.users.length);
  if (Array.isArray(egress.hosts)) egress.hostCount = Math.max(Number(egress.hostCount ?? 0), egress.hosts.length);
}

const DERIVATIONS: Array<(attrs: Attrs) => void> = [egressTotals];

export function deriveAttrs(attrs: Attrs): void {
  for (const d of DERIVATIONS) d(attrs);
}
