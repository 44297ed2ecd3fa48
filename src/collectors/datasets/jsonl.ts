// JSON Lines / NDJSON: keys of the first records (a bounded sample), the record count (exact up to the
// count limit, else estimated), and malformed lines named by number.

import type { Attrs } from '../../model/index.js';
import type { CollectContext, FileInput } from '../types.js';
import { boundedNames, estimateRows, readSample } from './sample.js';
import { recordShape } from './shape.js';

const SAMPLED_RECORDS = 1000;
const MAX_LINE_WARNINGS = 5;

export async function describeJsonl(file: FileInput, ctx: CollectContext): Promise<Attrs> {
  const sample = await readSample(file);
  // A sample cut mid-file drops its last, partial line.
  const text = sample.whole ? sample.text : sample.text.slice(0, sample.text.lastIndexOf('\n') + 1);
  const keys: string[] = [];
  let records = 0;
  let parsed = 0;
  let malformed = 0;
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    records++;
    if (parsed >= SAMPLED_RECORDS) continue;
    parsed++;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) keys.push(...Object.keys(value));
    } catch (e) {
      malformed++;
      if (malformed <= MAX_LINE_WARNINGS) ctx.warn(`line ${lineNo} is not valid JSON: ${(e as Error).message}`, lineNo);
    }
  }
  if (malformed > MAX_LINE_WARNINGS) ctx.warn(`${malformed} of the first ${parsed} records are not valid JSON`);
  const columns = boundedNames(keys);
  return {
    format: 'jsonl',
    columns,
    rows: sample.whole ? records : estimateRows(file.size, text.length, records),
    rowsEstimated: !sample.whole,
    recordShape: recordShape(columns),
    ...(malformed ? { malformedRecords: malformed } : {}),
  };
}
