// A JSON file that is an array of records (only under a data folder or when large: most JSON is config).

import type { Attrs } from '../../model/index.js';
import type { CollectContext, FileInput } from '../types.js';
import { boundedNames, EXACT_COUNT_BYTES } from './sample.js';
import { recordShape } from './shape.js';

const SAMPLED_RECORDS = 1000;
/** JSON this large is data wherever it sits. */
export const LARGE_JSON_BYTES = 1024 * 1024;
const DATA_FOLDER = /(?:^|\/)(?:data|datasets?|corpus|corpora|training[-_]data|fixtures\/data)\//i;

export function isDataJsonPath(rel: string, size: number): boolean {
  return DATA_FOLDER.test(rel) || size >= LARGE_JSON_BYTES;
}

/** Attrs for an array of records, or undefined when the JSON is something else (config, a single object). */
export async function describeJsonRecords(file: FileInput, ctx: CollectContext): Promise<Attrs | undefined> {
  if (file.size > EXACT_COUNT_BYTES) {
    const head = (await file.range(0, 4096)).toString('utf8').trimStart();
    return /^\[\s*\{/.test(head) ? { format: 'json', columns: [], rowsEstimated: true, note: 'too large to parse; rows not counted' } : undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse((await file.range(0, file.size)).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if (/^\s*\[/.test((await file.range(0, 64)).toString('utf8'))) ctx.warn(`JSON dataset does not parse: ${(e as Error).message}`);
    return undefined;
  }
  if (!Array.isArray(value) || !value.length || !value.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return undefined;
  const columns = boundedNames(value.slice(0, SAMPLED_RECORDS).flatMap((r: object) => Object.keys(r)));
  return { format: 'json', columns, rows: value.length, rowsEstimated: false, recordShape: recordShape(columns) };
}
