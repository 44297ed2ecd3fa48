// The `aispm shadow` table: one row per AI service, then a summary. Plain text, fixed columns.

import { humanBytes } from '../formats/table.js';
import type { ServiceSummary } from './aggregate.js';
import type { LogStats } from './analyse.js';

const yesNo = (v: boolean | undefined) => (v === undefined ? '?' : v ? 'yes' : 'no');
const date = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');
const list = (names: string[], count: number, max = 3) => (names.length ? names.slice(0, max).join(', ') + (count > max ? ` +${count - max}` : '') : '-');

interface Column {
  title: string;
  cell: (s: ServiceSummary) => string;
  right?: boolean;
}

const COLUMNS: Column[] = [
  { title: 'SERVICE', cell: (s) => `${s.name} (${s.service})` },
  { title: 'CATEGORY', cell: (s) => s.categories.join(',') },
  { title: 'USERS', cell: (s) => list(s.users, s.userCount) },
  { title: 'HOSTS', cell: (s) => list(s.hosts, s.hostCount, 2) },
  { title: 'REQUESTS', cell: (s) => String(s.requests) + (s.dnsQueries ? ` (+${s.dnsQueries} dns)` : ''), right: true },
  { title: 'SENT', cell: (s) => (s.bytesSent === undefined ? '-' : humanBytes(s.bytesSent)), right: true },
  { title: 'FIRST SEEN', cell: (s) => date(s.firstSeen) },
  { title: 'LAST SEEN', cell: (s) => date(s.lastSeen) },
  { title: 'SANCTIONED', cell: (s) => (s.sanctioned === undefined ? '?' : s.sanctioned ? 'yes' : s.sanctionedRecords ? 'partly' : 'no') },
  { title: 'DECLARED', cell: (s) => yesNo(s.declared) },
  { title: '', cell: (s) => (s.shadow ? 'SHADOW' : '') },
];

export interface RenderContext {
  logs: LogStats[];
  allowList?: string;
  /** Sources whose inventory was consulted for `declared`; undefined when the store was not used. */
  declaredFrom?: string[];
}

export function renderShadowTable(services: ServiceSummary[], ctx: RenderContext): string {
  const rows = services.map((s) => COLUMNS.map((c) => c.cell(s)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((v, i) => (COLUMNS[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (services.length) {
    out.push(fmt(COLUMNS.map((c) => c.title)));
    for (const r of rows) out.push(fmt(r));
  } else out.push('No AI services seen in these logs.');
  out.push('');
  const lines = ctx.logs.reduce((n, l) => n + l.lines, 0);
  const malformed = ctx.logs.reduce((n, l) => n + l.malformed, 0);
  const matched = ctx.logs.reduce((n, l) => n + l.matched, 0);
  const shadow = services.filter((s) => s.shadow);
  out.push(
    `${ctx.logs.length} log${ctx.logs.length === 1 ? '' : 's'} (${ctx.logs.map((l) => `${l.file}: ${l.format ?? 'not recognised'}`).join('; ')}), ` +
      `${lines} lines, ${matched} AI records, ${malformed} malformed.`,
  );
  out.push(`${services.length} AI service${services.length === 1 ? '' : 's'} seen; ${shadow.length} shadow${shadow.length ? `: ${shadow.map((s) => s.service).join(', ')}` : ''}.`);
  for (const s of shadow) {
    const who = [s.shadowUsers?.length ? `by ${list(s.shadowUsers, s.shadowUsers.length, 6)}` : '', s.shadowHosts?.length ? `from ${list(s.shadowHosts, s.shadowHosts.length, 4)}` : ''].filter(Boolean).join(' ');
    out.push(`  ${s.service}: ${s.shadowRecords} unsanctioned records${who ? ' ' + who : ''}`);
  }
  out.push(ctx.allowList ? `Allow-list: ${ctx.allowList}.` : 'No allow-list given (--allow): nothing counts as sanctioned.');
  out.push(
    ctx.declaredFrom
      ? `Declared = found by scans of: ${ctx.declaredFrom.length ? ctx.declaredFrom.join(', ') : '(no other stored sources)'}.`
      : 'Declared not checked (--no-store): every unsanctioned service counts as shadow; scan the code with `aispm scan` and keep the store to tell declared ones apart.',
  );
  return out.join('\n') + '\n';
}
