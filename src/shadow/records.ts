// The one shape every egress log parser produces, and the column mapping that turns named fields (CSV
// headers, JSON keys, key=value pairs) into it.

/** Where a record came from: a proxy request, an HTTP request seen on the wire, a TLS handshake, a DNS lookup, a firewall session. */
export type EvidenceType = 'proxy' | 'http' | 'tls' | 'dns' | 'firewall';

export interface EgressRecord {
  type: EvidenceType;
  /** Destination host name, lower case, no port. */
  host: string;
  /** Epoch milliseconds. */
  time?: number;
  /** The authenticated user, when the log knows one. */
  user?: string;
  /** The client host or address the request came from. */
  source?: string;
  /** Bytes from the client to the destination (the request: what leaves the organisation). */
  bytesOut?: number;
  /** Bytes from the destination back to the client. */
  bytesIn?: number;
  /** The proxy or firewall refused the request: an attempt, not a completed use. */
  blocked?: boolean;
}

/** Outcome of one line: a record, a line with nothing to count (header, comment, a destination without a name), or a malformed line. */
export type LineResult = { record: EgressRecord } | { skip: true } | { error: string };

export const SKIP: LineResult = { skip: true };

/** The fields a mapping fills. `url` is used for the host when no host column is mapped or the host is empty. */
export const FIELDS = ['time', 'date', 'user', 'source', 'host', 'url', 'bytesOut', 'bytesIn'] as const;
export type Field = (typeof FIELDS)[number];
export type ColumnMap = Partial<Record<Field, string[]>>;

/**
 * Column names recognised without configuration, per field, in order of preference: Zeek, common
 * secure-web-gateway and firewall exports (Fortinet, Palo Alto, Zscaler, Cisco Umbrella style names).
 */
export const DEFAULT_COLUMNS: Required<ColumnMap> = {
  time: ['ts', 'timestamp', 'time', '@timestamp', 'datetime', 'eventtime', 'event_time', 'receive_time', 'start_time', 'starttime'],
  date: ['date'],
  user: ['user', 'username', 'user_name', 'src_user', 'srcuser', 'login', 'identity', 'email', 'user_email', 'upn'],
  source: ['id.orig_h', 'src', 'src_ip', 'srcip', 'source_ip', 'sourceip', 'client_ip', 'clientip', 'c-ip', 'src_host', 'source', 'client'],
  host: ['host', 'server_name', 'sni', 'query', 'dest_host', 'dst_host', 'hostname', 'domain', 'destination', 'dstname', 'url_host', 'cs-host', 'fqdn', 'dest', 'dst'],
  url: ['url', 'uri', 'request_url', 'cs-uri', 'full_url'],
  bytesOut: ['request_body_len', 'bytes_out', 'bytes_sent', 'sent_bytes', 'sentbyte', 'request_bytes', 'requestsize', 'request_size', 'cs-bytes', 'bytes_up', 'upload_bytes', 'orig_bytes', 'bytes'],
  bytesIn: ['response_body_len', 'bytes_in', 'bytes_received', 'received_bytes', 'rcvdbyte', 'response_bytes', 'responsesize', 'response_size', 'sc-bytes', 'bytes_down', 'download_bytes', 'resp_bytes'],
};

/** Names users may give on the left of `--columns` (`bytes` is the bytes sent, as a proxy's upload column usually is). */
const FIELD_ALIASES: Record<string, Field> = {
  time: 'time', ts: 'time', timestamp: 'time', date: 'date',
  user: 'user', username: 'user',
  source: 'source', src: 'source', client: 'source', srchost: 'source',
  host: 'host', dest: 'host', destination: 'host', sni: 'host', domain: 'host',
  url: 'url', uri: 'url',
  bytes: 'bytesOut', bytesout: 'bytesOut', sent: 'bytesOut', bytessent: 'bytesOut',
  bytesin: 'bytesIn', received: 'bytesIn', bytesreceived: 'bytesIn',
};

export class ColumnSpecError extends Error {}

/** Parses `time=ts,user=src_user,host=dest_host,bytes=bytes_out` into a mapping (each field to one column). */
export function parseColumnSpec(spec: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new ColumnSpecError(`--columns: "${p}" is not field=column`);
    const field = FIELD_ALIASES[p.slice(0, eq).trim().toLowerCase().replace(/[-_]/g, '')];
    if (!field) throw new ColumnSpecError(`--columns: unknown field "${p.slice(0, eq)}"; fields: ${FIELDS.join(', ')} (bytes = bytesOut)`);
    map[field] = [p.slice(eq + 1).trim()];
  }
  return map;
}

/** The user's mapping first, the defaults behind it (a configured field replaces its defaults); names lower case. */
export function effectiveColumns(user: ColumnMap = {}): Required<ColumnMap> {
  const out = { ...DEFAULT_COLUMNS };
  for (const f of FIELDS) if (user[f]?.length) out[f] = user[f]!;
  for (const f of FIELDS) out[f] = out[f].map((c) => c.toLowerCase());
  return out;
}

/** Only the names a header has, per field: a per-line lookup then tries a handful instead of every alias. */
export function columnsPresent(columns: Required<ColumnMap>, has: (name: string) => boolean): Required<ColumnMap> {
  const out = {} as Required<ColumnMap>;
  for (const f of FIELDS) out[f] = columns[f].filter(has);
  return out;
}

/** Field -> index of the first matching column in a header (case-insensitive). */
export function resolveHeader(header: string[], columns: Required<ColumnMap>): Partial<Record<Field, number>> {
  const lower = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!lower.has(k)) lower.set(k, i);
  });
  const at: Partial<Record<Field, number>> = {};
  for (const f of FIELDS) {
    for (const name of columns[f]) {
      const i = lower.get(name.toLowerCase());
      if (i !== undefined) {
        at[f] = i;
        break;
      }
    }
  }
  return at;
}

/** A non-negative byte count, or undefined for `-`, empty and nonsense. */
export function parseBytes(v: string | number | undefined | null): number | undefined {
  if (v === undefined || v === null || v === '' || v === '-') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Log placeholders for "no value". */
export function present(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' || t === '-' || t === '(empty)' ? undefined : t;
}
