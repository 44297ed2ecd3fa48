// CSV / TSV: header columns (parsed by csv-parse, which knows quoting), delimiter, and a row count by a
// quote-aware scan: exact up to the count limit, estimated from the sample past it.

import { parse } from 'csv-parse/sync';
import type { Attrs } from '../../model/index.js';
import type { CollectContext, FileInput } from '../types.js';
import { boundedNames, estimateRows, MAX_COLUMNS, readSample } from './sample.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const PARSED_RECORDS = 1000; // records checked for consistent column counts

interface RecordScan {
  /** Records (lines outside quotes), a last line without newline included. */
  records: number;
  /** Offset just after the last complete record. */
  lastBoundary: number;
  /** Where the first record (the header) ends. */
  headerEnd: number;
  /** With `keep`: the offset just after record number `keep`, when the text has that many complete records. */
  keptEnd?: number;
}

/**
 * Counts records, treating newlines inside double quotes as data (RFC 4180). One pass, no allocation: it
 * jumps from newline to newline and from quote to quote with `indexOf` (native and vectorised) instead of
 * reading every character, since files up to 16 MB are counted whole. A line is a record when it holds
 * anything but spaces, tabs and carriage returns; a quote counts as content.
 */
export function scanRecords(text: string, keep = 0): RecordScan {
  const n = text.length;
  let records = 0;
  let inQuotes = false;
  let hasContent = false; // blank lines are not records
  let lastBoundary = 0;
  let headerEnd = -1;
  let keptEnd = -1;
  let nextQuote = text.indexOf('"');
  let i = 0;
  while (i < n) {
    if (inQuotes) {
      // newlines inside quotes are data; the line already has content (its opening quote)
      const close = text.indexOf('"', i);
      if (close < 0) break;
      inQuotes = false;
      i = close + 1;
      continue;
    }
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? n : nl;
    if (nextQuote >= 0 && nextQuote < lineEnd) {
      hasContent = true;
      inQuotes = true;
      i = nextQuote + 1;
      continue;
    }
    if (!hasContent) hasContent = hasNonBlank(text, i, lineEnd);
    if (nl < 0) break;
    if (hasContent && ++records === keep) keptEnd = nl + 1;
    hasContent = false;
    lastBoundary = nl + 1;
    if (headerEnd < 0) headerEnd = nl + 1;
    i = nl + 1;
  }
  if (hasContent) records++;
  const scan: RecordScan = { records, lastBoundary, headerEnd: headerEnd < 0 ? n : headerEnd };
  if (keptEnd >= 0) scan.keptEnd = keptEnd;
  return scan;
}

/** Whether text[from, to) holds a character other than space, tab and carriage return. */
function hasNonBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return true;
  }
  return false;
}

/** The delimiter that occurs most often in the header line outside quotes (comma when none does). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    let count = 0;
    let inQuotes = false;
    for (const ch of headerLine) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === d && !inQuotes) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export async function describeCsv(file: FileInput, ctx: CollectContext, ext: string): Promise<Attrs> {
  const sample = await readSample(file);
  const scan = scanRecords(sample.text, PARSED_RECORDS);
  const headerLine = sample.text.slice(0, scan.headerEnd).replace(/\r?\n$/, '');
  const delimiter = ext === 'tsv' ? '\t' : detectDelimiter(headerLine);
  // The parser sees the records it checks and no more (it would copy the whole text into a buffer first), and a
  // sample cut mid-file ends at the last complete record, so the parser never sees half a row.
  const parsedText = scan.keptEnd !== undefined ? sample.text.slice(0, scan.keptEnd) : sample.whole ? sample.text : sample.text.slice(0, scan.lastBoundary);
  let header: string[] = [];
  try {
    const rows = parse(parsedText, { delimiter, bom: true, to: PARSED_RECORDS, skip_empty_lines: true, relax_quotes: false }) as string[][];
    header = rows[0] ?? [];
  } catch (e) {
    const err = e as Error & { lines?: number };
    ctx.warn(`CSV is malformed: ${err.message}`, err.lines);
    header = headerLine.split(delimiter).map((h) => h.replace(/^"|"$/g, ''));
  }
  const records = sample.whole ? scan.records : estimateRows(file.size, scan.lastBoundary, scan.records);
  const columns = boundedNames(header.map((h) => h.trim()));
  return {
    format: ext === 'tsv' ? 'tsv' : 'csv',
    delimiter: DELIMITER_NAMES[delimiter] ?? delimiter,
    columns,
    ...(header.length > MAX_COLUMNS ? { columnCount: header.length } : {}),
    rows: Math.max(0, records - 1),
    rowsEstimated: !sample.whole,
  };
}
