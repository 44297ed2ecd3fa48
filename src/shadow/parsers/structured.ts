// Logs whose fields carry names: JSON lines (Zeek JSON, secure web gateways, cloud firewall exports),
// CSV with a header row, and key=value lines (FortiGate and most syslog firewalls). All map their
// fields through the configurable column mapping.

import { parse as parseCsv } from 'csv-parse/sync';
import { columnsPresent, effectiveColumns, present, resolveHeader, SKIP, type ColumnMap, type Field } from '../records.js';
import { recordFromRow, typeOfZeekPath } from './fields.js';
import type { LineParser } from './types.js';

type Json = Record<string, unknown>;

/**
 * A value by key, case-insensitively (`keys` maps the object's lower-cased top-level keys to the real
 * ones; Zeek writes `id.orig_h` as one key), else by dotted path into nested objects.
 */
function lookup(obj: Json, keys: Map<string, string>, key: string): string | number | undefined {
  const real = keys.get(key);
  let v: unknown = real === undefined ? undefined : obj[real];
  if (v === undefined && key.includes('.')) {
    v = obj;
    for (const part of key.split('.')) {
      if (typeof v !== 'object' || v === null) return undefined;
      const o = v as Json;
      v = o[part] ?? o[Object.keys(o).find((k) => k.toLowerCase() === part) ?? part];
    }
  }
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v) && (typeof v[0] === 'string' || typeof v[0] === 'number')) return v[0] as string | number;
  return undefined;
}

export function jsonParser(userColumns?: ColumnMap): LineParser {
  const columns = effectiveColumns(userColumns);
  const keys = new Map<string, string>();
  return {
    format: 'json',
    line(text) {
      const t = text.trim();
      if (!t) return SKIP;
      let obj: unknown;
      try {
        obj = JSON.parse(t);
      } catch (e) {
        return { error: `invalid JSON: ${(e as Error).message.slice(0, 80)}` };
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { error: 'a JSON line must be an object' };
      const o = obj as Json;
      keys.clear();
      for (const k in o) keys.set(k.toLowerCase(), k);
      const zeekPath = typeof o._path === 'string' ? o._path : undefined;
      return recordFromRow((c) => lookup(o, keys, c), columns, 'proxy', typeOfZeekPath(zeekPath));
    },
  };
}

const DELIMITERS = [',', '\t', ';', '|'];

/** The delimiter that splits the header into the most columns. */
export function guessDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** Splits one CSV line (quotes and embedded delimiters handled by csv-parse). */
function splitCsv(line: string, delimiter: string): string[] | undefined {
  // the common case has no quotes: a plain split is exact and much cheaper
  if (!line.includes('"')) return line.split(delimiter);
  const rows = parseCsv(line, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return rows[0];
}

export function csvParser(userColumns?: ColumnMap): LineParser {
  const columns = effectiveColumns(userColumns);
  let active = columns;
  let delimiter = ',';
  let header: string[] | undefined;
  let at: Partial<Record<Field, number>> = {};
  let index = new Map<string, number>();
  let row: string[] = [];
  const get = (c: string) => {
    const i = index.get(c);
    return i === undefined ? undefined : present(row[i]);
  };
  return {
    format: 'csv',
    line(text) {
      if (!text.trim() || text.startsWith('#')) return SKIP;
      if (!header) {
        delimiter = guessDelimiter(text);
        header = (splitCsv(text, delimiter) ?? []).map((h) => h.trim());
        index = new Map(header.map((h, i) => [h.toLowerCase(), i]));
        at = resolveHeader(header, columns);
        active = columnsPresent(columns, (c) => index.has(c));
        return SKIP;
      }
      let cells: string[] | undefined;
      try {
        cells = splitCsv(text, delimiter);
      } catch (e) {
        return { error: `invalid CSV: ${(e as Error).message.slice(0, 80)}` };
      }
      if (!cells || cells.length !== header.length) return { error: `expected ${header.length} columns as the header says, found ${cells?.length ?? 0}` };
      row = cells;
      return recordFromRow(get, active, 'proxy');
    },
    note: () =>
      header && at.host === undefined && at.url === undefined
        ? `no destination column among ${header.slice(0, 8).join(', ')}: map one with --columns host=<column>`
        : undefined,
  };
}

// key=value or key="quoted value" (backslash escapes inside quotes); the alternation branches start with
// different characters, so matching stays linear.
const KV = /([A-Za-z_][\w.@-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;

export function kvParser(userColumns?: ColumnMap): LineParser {
  const columns = effectiveColumns(userColumns);
  const values = new Map<string, string>();
  const get = (c: string) => values.get(c);
  return {
    format: 'kv',
    line(text) {
      if (!text.trim() || text.startsWith('#')) return SKIP;
      values.clear();
      for (const m of text.matchAll(KV)) {
        const raw = m[2];
        const v = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
        const k = m[1].toLowerCase();
        if (!values.has(k)) values.set(k, v);
      }
      if (values.size < 2) return { error: 'expected key=value fields' };
      return recordFromRow(get, columns, 'firewall');
    },
  };
}
