// Turns a row of named values (CSV columns, JSON keys, key=value pairs, Zeek fields) into a record
// through the column mapping; shared by every format whose fields carry names.

import { hostOf, isIpLiteral } from '../host.js';
import { FIELDS, parseBytes, present, SKIP, type ColumnMap, type EvidenceType, type Field, type LineResult } from '../records.js';
import { parseTime } from '../time.js';

/** The kind of evidence a host column implies: a DNS query name, a TLS server name, an HTTP Host header. */
const TYPE_BY_HOST_COLUMN: Record<string, EvidenceType> = {
  query: 'dns',
  qname: 'dns',
  server_name: 'tls',
  sni: 'tls',
};

/** Zeek's `_path` (JSON logs) or `#path` (TSV) says which log a line belongs to. */
const TYPE_BY_ZEEK_PATH: Record<string, EvidenceType> = { dns: 'dns', ssl: 'tls', http: 'http', conn: 'firewall' };

export function typeOfZeekPath(path: string | undefined): EvidenceType | undefined {
  return path ? TYPE_BY_ZEEK_PATH[path] : undefined;
}

/** Picks values by field from one row; `get(name)` returns the raw value of a column or undefined. */
export function recordFromRow(
  get: (column: string) => string | number | undefined,
  columns: Required<ColumnMap>,
  defaultType: EvidenceType,
  typeOverride?: EvidenceType,
): LineResult {
  const value: Partial<Record<Field, string | number>> = {};
  let hostColumn: string | undefined;
  for (const f of FIELDS) {
    for (const c of columns[f]) {
      const v = get(c);
      if (v === undefined || v === null) continue;
      if (typeof v === 'string' && present(v) === undefined) continue;
      value[f] = v;
      if (f === 'host') hostColumn = c;
      break;
    }
  }
  let host = hostOf(value.host === undefined ? undefined : String(value.host));
  if ((!host || isIpLiteral(host)) && value.url !== undefined) host = hostOf(String(value.url)) ?? host;
  if (!host) return SKIP;
  let time = value.time === undefined ? undefined : parseTime(value.time);
  // firewalls split the timestamp: date=2024-06-01 time=10:00:00
  if (time === undefined && value.date !== undefined && value.time !== undefined) time = parseTime(`${value.date} ${value.time}`);
  else if (time === undefined && value.date !== undefined) time = parseTime(value.date);
  const bytesOut = parseBytes(value.bytesOut);
  const bytesIn = parseBytes(value.bytesIn);
  return {
    record: {
      type: typeOverride ?? (hostColumn ? TYPE_BY_HOST_COLUMN[hostColumn] : undefined) ?? defaultType,
      host,
      ...(time !== undefined ? { time } : {}),
      ...(value.user !== undefined ? { user: String(value.user) } : {}),
      ...(value.source !== undefined ? { source: String(value.source) } : {}),
      ...(bytesOut !== undefined ? { bytesOut } : {}),
      ...(bytesIn !== undefined ? { bytesIn } : {}),
    },
  };
}
