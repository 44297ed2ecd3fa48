// Zeek's tab-separated logs (http.log, ssl.log, dns.log, ...): a `#separator` line, then `#fields`, `#types`
// and `#path` headers naming the columns. The columns map through the same field names as any named log
// (`id.orig_h`, `host`, `server_name`, `query`, `request_body_len`), so a new Zeek log needs no code.

import { columnsPresent, effectiveColumns, present, resolveHeader, SKIP, type ColumnMap } from '../records.js';
import { recordFromRow, typeOfZeekPath } from './fields.js';
import type { LineParser } from './types.js';

const DEFAULT_SEPARATOR = '\t';

/** `\x09` as Zeek writes it in the `#separator` header. */
function unescapeSeparator(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function zeekParser(userColumns?: ColumnMap): LineParser {
  const columns = effectiveColumns(userColumns);
  let active = columns;
  let separator = DEFAULT_SEPARATOR;
  let fields: string[] | undefined;
  let index = new Map<string, number>();
  let path: string | undefined;
  let hasHost = true;
  let row: string[] = [];
  const get = (c: string) => {
    const i = index.get(c);
    return i === undefined ? undefined : present(row[i]);
  };
  return {
    format: 'zeek',
    line(text) {
      if (!text) return SKIP;
      if (text.startsWith('#')) {
        if (text.startsWith('#separator ')) separator = unescapeSeparator(text.slice('#separator '.length).trim()) || DEFAULT_SEPARATOR;
        else if (text.startsWith('#path')) path = text.split(separator)[1]?.trim();
        else if (text.startsWith('#fields')) {
          fields = text.split(separator).slice(1);
          index = new Map(fields.map((f, i) => [f.toLowerCase(), i]));
          const at = resolveHeader(fields, columns);
          active = columnsPresent(columns, (c) => index.has(c));
          hasHost = at.host !== undefined || at.url !== undefined;
        }
        return SKIP;
      }
      if (!fields) return { error: 'Zeek data line before any #fields header' };
      if (!hasHost) return SKIP;
      row = text.split(separator);
      if (row.length !== fields.length) return { error: `expected ${fields.length} tab-separated fields as #fields says, found ${row.length}` };
      return recordFromRow(get, active, 'http', typeOfZeekPath(path));
    },
    note: () => (fields && !hasHost ? `Zeek ${path ?? ''} log has no host name field (${fields.slice(0, 6).join(', ')}, ...); nothing to match` : undefined),
  };
}
