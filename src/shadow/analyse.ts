// Reads one egress log into an aggregator: detects its format from the first lines, parses line by line,
// counts what it could not read and reports the first few malformed lines by number. Never throws on
// content; only I/O errors (a missing file) escape.

import type { EgressAggregator } from './aggregate.js';
import { forEachLine, MAX_LINE, type LogSource } from './lines.js';
import { createParser, detectFormat, type LineParser, type LogFormat } from './parsers/index.js';
import type { ColumnMap } from './records.js';

/** Lines looked at to recognise a format. */
export const DETECT_LINES = 20;
/** Malformed lines reported one by one; the rest are only counted. */
export const MAX_LINE_WARNINGS = 5;

export interface AnalyseOptions {
  /** Forces a format; default: detected from the first lines. */
  format?: LogFormat;
  columns?: ColumnMap;
  maxWarnings?: number;
}

export interface LogWarning {
  line?: number;
  message: string;
}

export interface LogStats {
  file: string;
  /** Undefined when the file is not a log this module reads (nothing else was read). */
  format?: LogFormat;
  lines: number;
  records: number;
  matched: number;
  malformed: number;
  warnings: LogWarning[];
}

export async function analyseLog(src: LogSource, file: string, agg: EgressAggregator, opts: AnalyseOptions = {}): Promise<LogStats> {
  const maxWarnings = opts.maxWarnings ?? MAX_LINE_WARNINGS;
  const stats: LogStats = { file, lines: 0, records: 0, matched: 0, malformed: 0, warnings: [] };
  let parser: LineParser | undefined = opts.format ? createParser(opts.format, opts.columns) : undefined;
  const pending: Array<[string, number, boolean]> = [];
  let undetected = false;

  const feed = (text: string, no: number, overlong: boolean) => {
    if (overlong) return bad(no, `line longer than ${MAX_LINE} characters`);
    const r = parser!.line(text);
    if ('record' in r) {
      stats.records++;
      if (agg.add(r.record, file, no, text)) stats.matched++;
    } else if ('error' in r) bad(no, r.error);
  };
  const bad = (no: number, message: string) => {
    stats.malformed++;
    if (stats.warnings.length < maxWarnings) stats.warnings.push({ line: no, message: `malformed ${parser?.format ?? ''} line: ${message}` });
  };

  stats.lines = await forEachLine(src, (text, no, overlong) => {
    if (parser) return void feed(text, no, overlong);
    pending.push([text, no, overlong]);
    if (pending.length < DETECT_LINES) return;
    return startParsing();
  });
  if (!parser && !undetected && pending.length) startParsing();

  function startParsing(): boolean {
    const format = detectFormat(pending.map(([t]) => t), opts.columns);
    if (!format) {
      undetected = true;
      return false;
    }
    parser = createParser(format, opts.columns);
    for (const [t, n, o] of pending) feed(t, n, o);
    pending.length = 0;
    return true;
  }

  if (parser) {
    stats.format = parser.format;
    const note = parser.note?.();
    if (note) stats.warnings.push({ message: note });
    if (stats.malformed > stats.warnings.filter((w) => w.line !== undefined).length) {
      stats.warnings.push({ message: `${stats.malformed} malformed lines in all (the first ${maxWarnings} are listed)` });
    }
  }
  return stats;
}
