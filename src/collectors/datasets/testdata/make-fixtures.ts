// Writes the Parquet fixture with hyparquet-writer (a dev dependency): `npx tsx make-fixtures.ts [OUT]`;
// `npx tsx make-fixtures.ts --examples ORG_DIR` writes the example organisation's ml/data/transactions.parquet.
// It also writes a minimal Arrow IPC file (footer, schema field names, one record batch header) with the
// tiny FlatBuffers writer below. The text fixtures beside it are written by hand; they are small enough to read.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';

const examples = process.argv[2] === '--examples';
const out = (examples ? process.argv[3] : process.argv[2]) ?? path.dirname(fileURLToPath(import.meta.url));

export function customersParquet(): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'customer_id', data: [1, 2, 3], type: 'INT32' },
      { name: 'email', data: ['ada@example.com', 'grace@example.com', 'alan@example.com'], type: 'STRING' },
      { name: 'churned', data: [false, true, false], type: 'BOOLEAN' },
    ],
  });
}

// A forward-only FlatBuffers writer: each table is its vtable then its fields in 8-byte slots; children
// are written after their parent, so every offset points forward as the format requires.
type Field = { i16: number } | { u8: number } | { i64: number } | { ref: (b: FlatWriter) => number };

class FlatWriter {
  bytes: number[] = [];
  align(n: number, phase = 0) {
    while (this.bytes.length % n !== phase) this.bytes.push(0);
  }
  put(buf: Buffer) {
    const at = this.bytes.length;
    this.bytes.push(...buf);
    return at;
  }
  patchU32(at: number, v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.bytes.splice(at, 4, ...b);
  }
  table(fields: Array<Field | undefined>): number {
    this.align(8, 8 - ((4 + 2 * fields.length) % 8 || 8)); // vtable ends where the 8-aligned table starts
    const vt = Buffer.alloc(4 + 2 * fields.length);
    vt.writeUInt16LE(vt.length, 0);
    vt.writeUInt16LE(8 + 8 * fields.length, 2);
    fields.forEach((f, i) => vt.writeUInt16LE(f ? 8 + 8 * i : 0, 4 + 2 * i));
    const vtPos = this.put(vt);
    this.align(8);
    const t = this.bytes.length;
    const body = Buffer.alloc(8 + 8 * fields.length);
    body.writeInt32LE(t - vtPos, 0);
    fields.forEach((f, i) => {
      if (!f) return;
      if ('i16' in f) body.writeInt16LE(f.i16, 8 + 8 * i);
      else if ('u8' in f) body.writeUInt8(f.u8, 8 + 8 * i);
      else if ('i64' in f) body.writeBigInt64LE(BigInt(f.i64), 8 + 8 * i);
    });
    this.put(body);
    fields.forEach((f, i) => {
      if (f && 'ref' in f) {
        const slot = t + 8 + 8 * i;
        this.patchU32(slot, f.ref(this) - slot);
      }
    });
    return t;
  }
  string(s: string): number {
    this.align(4);
    const b = Buffer.from(s);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    const at = this.put(len);
    this.put(Buffer.concat([b, Buffer.from([0])]));
    return at;
  }
  tableVector(children: Array<(b: FlatWriter) => number>): number {
    this.align(4);
    const head = Buffer.alloc(4 + 4 * children.length);
    head.writeUInt32LE(children.length);
    const at = this.put(head);
    children.forEach((child, i) => {
      const slot = at + 4 + 4 * i;
      this.patchU32(slot, child(this) - slot);
    });
    return at;
  }
  structVector(structs: Buffer[], align: number): number {
    this.align(align, align - 4); // elements start aligned after the 4-byte length
    const len = Buffer.alloc(4);
    len.writeUInt32LE(structs.length);
    const at = this.put(len);
    for (const s of structs) this.put(s);
    return at;
  }
  /** A finished buffer whose first uint32 is the offset of the root table. */
  static finish(root: (b: FlatWriter) => number): Buffer {
    const w = new FlatWriter();
    w.put(Buffer.alloc(8));
    w.patchU32(0, root(w));
    w.align(8);
    return Buffer.from(w.bytes);
  }
}

export function arrowFile(columns: string[], batchRows: number[]): Buffer {
  const parts: Buffer[] = [Buffer.from('ARROW1\0\0', 'latin1')];
  let offset = 8;
  const blocks: Buffer[] = [];
  for (const rows of batchRows) {
    // Message { version: V5, header_type: RecordBatch, header: RecordBatch { length }, bodyLength: 0 }
    const meta = FlatWriter.finish((b) => b.table([{ i16: 4 }, { u8: 3 }, { ref: (c) => c.table([{ i64: rows }]) }, { i64: 0 }]));
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(0xffffffff, 0);
    prefix.writeInt32LE(meta.length, 4);
    const block = Buffer.alloc(24);
    block.writeBigInt64LE(BigInt(offset), 0);
    block.writeInt32LE(meta.length + 8, 8);
    blocks.push(block);
    parts.push(prefix, meta);
    offset += prefix.length + meta.length;
  }
  const schema = (b: FlatWriter) => b.table([{ i16: 0 }, { ref: (c) => c.tableVector(columns.map((name) => (d: FlatWriter) => d.table([{ ref: (e) => e.string(name) }]))) }]);
  const footer = FlatWriter.finish((b) => b.table([{ i16: 4 }, { ref: schema }, undefined, { ref: (c) => c.structVector(blocks, 8) }]));
  const tail = Buffer.alloc(4);
  tail.writeInt32LE(footer.length);
  return Buffer.concat([...parts, footer, tail, Buffer.from('ARROW1', 'latin1')]);
}

function transactionsParquet(): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'transaction_id', data: ['t-1001', 't-1002', 't-1003', 't-1004'], type: 'STRING' },
      { name: 'customer_email', data: ['jane.doe@example.com', 'li.wei@example.org', 'sam.o@example.net', 'jane.doe@example.com'], type: 'STRING' },
      { name: 'amount_eur', data: [19.99, 240.5, 7.25, 63.0], type: 'DOUBLE' },
      { name: 'is_fraud', data: [false, true, false, false], type: 'BOOLEAN' },
    ],
  });
}

if (examples) {
  writeFileSync(path.join(out, 'ml/data/transactions.parquet'), Buffer.from(transactionsParquet()));
} else {
  writeFileSync(path.join(out, 'customers.parquet'), Buffer.from(customersParquet()));
  writeFileSync(path.join(out, 'events.arrow'), arrowFile(['event_id', 'user_email', 'ts'], [2, 3]));
}
