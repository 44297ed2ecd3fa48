// A reader of FlatBuffers tables (TFLite models, Arrow IPC schemas) over a ByteSource, following the
// format's rules: a table starts with a signed offset back to its vtable, the vtable lists field offsets.

import { MalformedError, type ByteSource } from './source.js';

export class FlatTable {
  private constructor(
    readonly src: ByteSource,
    readonly pos: number,
    private readonly vtable: number,
    private readonly vtableSize: number,
  ) {}

  static async at(src: ByteSource, pos: number): Promise<FlatTable> {
    const soff = (await src.need(pos, 4, 'flatbuffer table')).readInt32LE(0);
    const vt = pos - soff;
    if (vt < 0 || vt + 4 > src.size) throw new MalformedError(`flatbuffer vtable for the table at byte ${pos} lies outside the file`);
    const vtSize = (await src.need(vt, 2, 'flatbuffer vtable')).readUInt16LE(0);
    if (vtSize < 4 || vtSize % 2 !== 0) throw new MalformedError(`flatbuffer vtable at byte ${vt} has an impossible size ${vtSize}`);
    return new FlatTable(src, pos, vt, vtSize);
  }

  /** The root table of a buffer that starts at `base` (the first uint32 is the root offset). */
  static async root(src: ByteSource, base = 0): Promise<FlatTable> {
    const off = (await src.need(base, 4, 'flatbuffer root offset')).readUInt32LE(0);
    if (base + off >= src.size) throw new MalformedError(`flatbuffer root offset ${off} lies outside the file`);
    return FlatTable.at(src, base + off);
  }

  /** Absolute position of field `index`, or undefined when the field is absent (default value). */
  async fieldPos(index: number): Promise<number | undefined> {
    const slot = 4 + index * 2;
    if (slot + 2 > this.vtableSize) return undefined;
    const rel = (await this.src.need(this.vtable + slot, 2, 'flatbuffer vtable slot')).readUInt16LE(0);
    return rel === 0 ? undefined : this.pos + rel;
  }

  async uint(index: number, bytes: 1 | 2 | 4, fallback = 0): Promise<number> {
    const p = await this.fieldPos(index);
    if (p === undefined) return fallback;
    const b = await this.src.need(p, bytes, 'flatbuffer scalar');
    return bytes === 1 ? b.readUInt8(0) : bytes === 2 ? b.readUInt16LE(0) : b.readUInt32LE(0);
  }

  async int64(index: number, fallback = 0): Promise<number> {
    const p = await this.fieldPos(index);
    if (p === undefined) return fallback;
    return Number((await this.src.need(p, 8, 'flatbuffer int64')).readBigInt64LE(0));
  }

  /** Follows the uoffset stored at field `index` (to a string, vector or table). */
  private async target(index: number): Promise<number | undefined> {
    const p = await this.fieldPos(index);
    if (p === undefined) return undefined;
    const t = p + (await this.src.need(p, 4, 'flatbuffer offset')).readUInt32LE(0);
    if (t >= this.src.size) throw new MalformedError(`flatbuffer offset at byte ${p} points outside the file`);
    return t;
  }

  async string(index: number, max = 4096): Promise<string | undefined> {
    const t = await this.target(index);
    if (t === undefined) return undefined;
    const len = (await this.src.need(t, 4, 'flatbuffer string length')).readUInt32LE(0);
    return (await this.src.read(t + 4, Math.min(len, max))).toString('utf8');
  }

  async table(index: number): Promise<FlatTable | undefined> {
    const t = await this.target(index);
    return t === undefined ? undefined : FlatTable.at(this.src, t);
  }

  /** Length of the vector at field `index` and the position of its first element. */
  async vector(index: number): Promise<{ length: number; start: number } | undefined> {
    const t = await this.target(index);
    if (t === undefined) return undefined;
    const length = (await this.src.need(t, 4, 'flatbuffer vector length')).readUInt32LE(0);
    return { length, start: t + 4 };
  }

  /** Tables of a vector of tables, at most `max` of them. */
  async tables(index: number, max: number): Promise<FlatTable[]> {
    const v = await this.vector(index);
    if (!v) return [];
    const out: FlatTable[] = [];
    for (let i = 0; i < Math.min(v.length, max); i++) {
      const slot = v.start + i * 4;
      const rel = (await this.src.need(slot, 4, 'flatbuffer vector element')).readUInt32LE(0);
      out.push(await FlatTable.at(this.src, slot + rel));
    }
    return out;
  }
}
