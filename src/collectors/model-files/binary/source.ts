// Bounded random access to a file's bytes. Parsers of binary formats read through this so that a 10 GB
// checkpoint is described from a few small ranges, never loaded whole.

/** The part of FileInput a binary parser needs. */
export interface RangeReadable {
  size: number;
  range(offset: number, length: number): Promise<Buffer>;
}

const BLOCK = 64 * 1024;
const MAX_CACHED_BLOCKS = 256; // 16 MiB of cache per source at most

/** A window on a file (or on a part of it, e.g. a GGUF stored inside a llamafile) with a block cache. */
export class ByteSource {
  private readonly blocks: Map<number, Promise<Buffer>>;

  constructor(
    private readonly file: RangeReadable,
    readonly size: number = file.size,
    private readonly base = 0,
    blocks?: Map<number, Promise<Buffer>>,
  ) {
    this.blocks = blocks ?? new Map();
  }

  /** A view of `size` bytes starting at `offset`, sharing this source's cache. */
  sub(offset: number, size: number): ByteSource {
    const clamped = Math.max(0, Math.min(size, this.size - offset));
    return new ByteSource(this.file, clamped, this.base + offset, this.blocks);
  }

  /** Up to `length` bytes at `offset`; shorter at the end of the source. */
  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.size, offset + length);
    if (offset < 0 || offset >= end) return Buffer.alloc(0);
    const absStart = this.base + offset;
    const absEnd = this.base + end;
    const first = Math.floor(absStart / BLOCK);
    const last = Math.floor((absEnd - 1) / BLOCK);
    const parts: Buffer[] = [];
    for (let b = first; b <= last; b++) parts.push(await this.block(b));
    const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const from = absStart - first * BLOCK;
    return joined.subarray(from, from + (absEnd - absStart));
  }

  /** Exactly `length` bytes or an error naming what was cut short. */
  async need(offset: number, length: number, what: string): Promise<Buffer> {
    const b = await this.read(offset, length);
    if (b.length < length) throw new TruncatedError(`${what} is cut short at byte ${offset + b.length} (file has ${this.size} bytes)`);
    return b;
  }

  private block(index: number): Promise<Buffer> {
    let p = this.blocks.get(index);
    if (!p) {
      if (this.blocks.size >= MAX_CACHED_BLOCKS) this.blocks.clear();
      p = this.file.range(index * BLOCK, BLOCK);
      this.blocks.set(index, p);
    }
    return p;
  }
}

/** A structure that runs past the end of the file or of its container. */
export class TruncatedError extends Error {}

/** A structure whose values break the format's rules. */
export class MalformedError extends Error {}

/** Sequential little-endian reads over a source (GGUF metadata, NumPy headers). */
export class Cursor {
  constructor(
    readonly src: ByteSource,
    public pos = 0,
  ) {}

  async bytes(n: number, what: string): Promise<Buffer> {
    const b = await this.src.need(this.pos, n, what);
    this.pos += n;
    return b;
  }
  async u8(what = 'byte'): Promise<number> {
    return (await this.bytes(1, what)).readUInt8(0);
  }
  async u16(what = 'uint16'): Promise<number> {
    return (await this.bytes(2, what)).readUInt16LE(0);
  }
  async u32(what = 'uint32'): Promise<number> {
    return (await this.bytes(4, what)).readUInt32LE(0);
  }
  /** A 64-bit count or offset; values past 2^53 cannot describe a real file and are refused. */
  async u64(what = 'uint64'): Promise<number> {
    const v = (await this.bytes(8, what)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedError(`${what} is implausibly large (${v})`);
    return Number(v);
  }
  skip(n: number): void {
    this.pos += n;
  }
}

/** Product of a shape's dimensions (a scalar has shape [] and one element). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Index of an ASCII needle in a buffer, or -1. */
export function findAscii(buf: Buffer, needle: string, from = 0): number {
  return buf.indexOf(Buffer.from(needle, 'latin1'), from);
}
