// Collector `datasets`: describes data files (CSV/TSV, JSON Lines, JSON record arrays, Parquet, Arrow)
// by format, columns and row count, with bounded work per file. Every such file is a dataset asset.

import type { Attrs } from '../../model/index.js';
import { compact, extensionOf } from '../model-files/formats/types.js';
import type { CollectContext, Collector, FileInput } from '../types.js';
import { describeArrow, isArrowFile } from './arrow.js';
import { describeCsv } from './csv.js';
import { describeJsonRecords, isDataJsonPath } from './json-records.js';
import { describeJsonl } from './jsonl.js';
import { describeParquet, isParquet } from './parquet.js';

type Describer = (file: FileInput, ctx: CollectContext, ext: string) => Promise<Attrs | undefined>;

const BY_EXTENSION: Record<string, Describer> = {
  csv: describeCsv,
  tsv: describeCsv,
  jsonl: describeJsonl,
  ndjson: describeJsonl,
  parquet: describeParquet,
  pq: describeParquet,
  arrow: describeArrow,
  feather: describeArrow,
  ipc: describeArrow,
  json: async (file, ctx) => (isDataJsonPath(file.rel, file.size) ? describeJsonRecords(file, ctx) : undefined),
};

/** Data files recognised by their bytes whatever their name. */
function byContent(head: Buffer): Describer | undefined {
  if (isParquet(head)) return describeParquet;
  if (isArrowFile(head)) return describeArrow;
  return undefined;
}

export const datasetsCollector: Collector = {
  id: 'datasets',
  version: '1.0.0',
  wants: (_rel, base) => Object.hasOwn(BY_EXTENSION, extensionOf(base)),
  sniff: (head) => byContent(head) !== undefined,
  async collect(file, ctx) {
    if (file.size === 0) return;
    const ext = extensionOf(file.rel);
    const describe = (ext === 'parquet' || ext === 'arrow' || ext === 'feather' ? undefined : byContent(await file.head())) ?? (Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined);
    if (!describe) return;
    const attrs = await describe(file, ctx, ext);
    if (!attrs) return;
    const name = file.rel.slice(file.rel.lastIndexOf('/') + 1);
    ctx.asset({ kind: 'dataset', key: file.rel, name, attrs: compact({ ...attrs, sizeBytes: file.size }) });
  },
};

export default datasetsCollector;
