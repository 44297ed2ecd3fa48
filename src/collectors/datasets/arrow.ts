// Arrow IPC file / Feather v2 (magic `ARROW1` at both ends): schema field names and the row count from
// the footer's record-batch blocks, read with the FlatBuffers reader; batch bodies are never read.

import type { Attrs } from '../../model/index.js';
import { FlatTable } from '../model-files/binary/flatbuffer.js';
import { ByteSource, MalformedError, TruncatedError } from '../model-files/binary/source.js';
import type { CollectContext, FileInput } from '../types.js';
import { MAX_COLUMNS } from './sample.js';

const MAGIC = 'ARROW1';
const FOOTER = { SCHEMA: 1, RECORD_BATCHES: 3 };
const SCHEMA_FIELDS = 1;
const FIELD_NAME = 0;
const MESSAGE_HEADER = 2;
const RECORD_BATCH_LENGTH = 0;
const BLOCK_BYTES = 24; // struct Block { offset: long; metaDataLength: int; (pad); bodyLength: long }
const MAX_BATCHES = 10_000;

export function isArrowFile(head: Buffer): boolean {
  return head.subarray(0, 6).toString('latin1') === MAGIC;
}

/** The position of a message's flatbuffer: after the 0xFFFFFFFF continuation marker (if any) and length. */
async function messageStart(src: ByteSource, offset: number): Promise<number> {
  const b = await src.need(offset, 8, 'IPC message prefix');
  return b.readUInt32LE(0) === 0xffffffff ? offset + 8 : offset + 4;
}

export async function describeArrow(file: FileInput, ctx: CollectContext): Promise<Attrs> {
  const src = new ByteSource(file);
  try {
    const tail = await src.need(src.size - 10, 10, 'Arrow footer');
    if (tail.toString('latin1', 4) !== MAGIC) throw new MalformedError('the closing ARROW1 magic is missing (truncated file?)');
    const footerLen = tail.readInt32LE(0);
    const footerStart = src.size - 10 - footerLen;
    if (footerLen <= 0 || footerStart < 8) throw new MalformedError(`footer length ${footerLen} does not fit the file`);
    const footer = await FlatTable.root(src.sub(footerStart, footerLen));
    const schema = await footer.table(FOOTER.SCHEMA);
    const fields = schema ? await schema.tables(SCHEMA_FIELDS, MAX_COLUMNS) : [];
    const columns: string[] = [];
    for (const f of fields) columns.push((await f.string(FIELD_NAME, 200)) ?? '');
    const blocks = await footer.vector(FOOTER.RECORD_BATCHES);
    let rows = 0;
    const batches = Math.min(blocks?.length ?? 0, MAX_BATCHES);
    for (let i = 0; i < batches; i++) {
      const block = await footer.src.need(blocks!.start + i * BLOCK_BYTES, BLOCK_BYTES, 'record batch block');
      const offset = Number(block.readBigInt64LE(0));
      const message = await FlatTable.root(src, await messageStart(src, offset));
      const batch = await message.table(MESSAGE_HEADER);
      rows += batch ? await batch.int64(RECORD_BATCH_LENGTH) : 0;
    }
    return { format: 'arrow', columns, rows, rowsEstimated: (blocks?.length ?? 0) > MAX_BATCHES, recordBatches: blocks?.length ?? 0 };
  } catch (e) {
    if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
    ctx.warn(`Arrow IPC file is malformed: ${e.message}`);
    return { format: 'arrow', malformed: true };
  }
}
