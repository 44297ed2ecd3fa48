// Format detection from a file's first lines, and the parser for each format.

import { DEFAULT_COLUMNS, effectiveColumns, resolveHeader, type ColumnMap } from '../records.js';
import { clfParser, squidParser } from './squid.js';
import { csvParser, guessDelimiter, jsonParser, kvParser } from './structured.js';
import type { LineParser, LogFormat } from './types.js';
import { zeekParser } from './zeek.js';

export { LOG_FORMATS, type LineParser, type LogFormat } from './types.js';

const PARSERS: Record<LogFormat, (columns?: ColumnMap) => LineParser> = {
  squid: () => squidParser(),
  clf: () => clfParser(),
  zeek: zeekParser,
  json: jsonParser,
  csv: csvParser,
  kv: kvParser,
};

export function createParser(format: LogFormat, columns?: ColumnMap): LineParser {
  return PARSERS[format](columns);
}

const SQUID_NATIVE = /^\d{9,10}(?:\.\d+)?\s+-?\d+\s+\S+\s+[A-Z_]+\/\d{3}\s+\d+\s+\S+\s+\S/;
const CLF = /^\S+ \S+ \S+ \[[^\]]+\] "[^"]*" (?:\d{3}|-) (?:\d+|-)/;
const KV_PAIR = /(?:^|\s)[A-Za-z_][\w.-]*=/g;

/** Names in a CSV header that say "this is an egress log" without configuration. */
function looksLikeEgressHeader(line: string, columns: ColumnMap | undefined): boolean {
  const header = line.split(guessDelimiter(line)).map((h) => h.trim().replace(/^"|"$/g, ''));
  if (header.length < 2) return false;
  const at = resolveHeader(header, effectiveColumns(columns));
  return at.host !== undefined || at.url !== undefined;
}

/**
 * The format of a log from its first lines (comments and blank lines included as read), or undefined when
 * it is not an egress log this module reads. Order matters: the most distinctive shapes first.
 */
export function detectFormat(lines: string[], columns?: ColumnMap): LogFormat | undefined {
  if (lines.some((l) => l.startsWith('#separator') || l.startsWith('#fields'))) return 'zeek';
  const data = lines.filter((l) => l.trim() && !l.startsWith('#'));
  const first = data[0]?.trim();
  if (!first) return undefined;
  if (first.startsWith('{')) {
    try {
      const o = JSON.parse(first) as unknown;
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) return 'json';
    } catch {
      return undefined;
    }
  }
  if (SQUID_NATIVE.test(first)) return 'squid';
  if (CLF.test(first)) return 'clf';
  if ((first.match(KV_PAIR)?.length ?? 0) >= 3) return 'kv';
  if (looksLikeEgressHeader(first, columns)) return 'csv';
  return undefined;
}

/** The column names recognised without configuration (for help text). */
export const KNOWN_HOST_COLUMNS = DEFAULT_COLUMNS.host;
