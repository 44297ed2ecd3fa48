// Parquet: the footer metadata (schema, num_rows, created_by) read by hyparquet through range reads; the
// column data is never read.

import { parquetMetadataAsync } from 'hyparquet';
import type { Attrs } from '../../model/index.js';
import type { CollectContext, FileInput } from '../types.js';
import { MAX_COLUMNS } from './sample.js';

interface SchemaElement {
  name: string;
  type?: string;
  num_children?: number;
  converted_type?: string;
  logical_type?: { type: string };
}

export function isParquet(head: Buffer): boolean {
  return head.subarray(0, 4).toString('latin1') === 'PAR1';
}

/** Top-level columns and their types: the root's children, skipping each nested group's subtree. */
function topLevelColumns(schema: SchemaElement[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const rootChildren = schema[0]?.num_children ?? 0;
  let i = 1;
  for (let c = 0; c < rootChildren && i < schema.length; c++) {
    const el = schema[i]!;
    out.push([el.name, el.logical_type?.type ?? el.converted_type ?? el.type ?? (el.num_children ? 'GROUP' : 'UNKNOWN')]);
    // Skip the subtree of a group: count descendants by their num_children.
    let pending = 1;
    while (pending > 0 && i < schema.length) {
      pending += (schema[i]!.num_children ?? 0) - 1;
      i++;
    }
  }
  return out;
}

export async function describeParquet(file: FileInput, ctx: CollectContext): Promise<Attrs | undefined> {
  const asyncBuffer = {
    byteLength: file.size,
    slice: async (start: number, end?: number) => {
      const b = await file.range(start, (end ?? file.size) - start);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    },
  };
  try {
    const meta = await parquetMetadataAsync(asyncBuffer);
    const columns = topLevelColumns(meta.schema as SchemaElement[]).slice(0, MAX_COLUMNS);
    return {
      format: 'parquet',
      columns: columns.map(([n]) => n),
      columnTypes: Object.fromEntries(columns),
      rows: Number(meta.num_rows),
      rowsEstimated: false,
      rowGroups: meta.row_groups.length,
      createdBy: meta.created_by,
    };
  } catch (e) {
    ctx.warn(`Parquet footer is not readable: ${(e as Error).message}`);
    return { format: 'parquet', malformed: true };
  }
}
