// Builders of model-file bytes for tests and benchmarks: a pickle opcode writer (so that every test
// pickle is written opcode by opcode, never produced by running Python), a stored/deflated zip writer
// and a NumPy header. Only bytes; nothing here loads or executes anything.

import { crc32, deflateRawSync } from 'node:zlib';

/** Writes pickle opcodes; methods return `this` for chaining. */
export class PickleWriter {
  private readonly parts: Buffer[] = [];

  raw(...bytes: Array<number | string | Buffer>): this {
    for (const b of bytes) this.parts.push(typeof b === 'number' ? Buffer.from([b]) : typeof b === 'string' ? Buffer.from(b, 'latin1') : b);
    return this;
  }
  proto(p: number): this {
    return this.raw(0x80, p);
  }
  /** SHORT_BINUNICODE (or BINUNICODE for long strings). */
  str(s: string): this {
    const b = Buffer.from(s, 'utf8');
    if (b.length < 256) return this.raw(0x8c, b.length, b);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    return this.raw('X', len, b);
  }
  bytes(b: Buffer): this {
    if (b.length < 256) return this.raw('C', b.length, b);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    return this.raw('B', len, b);
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.raw('K', n);
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    return this.raw('J', b);
  }
  float(x: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(x);
    return this.raw('G', b);
  }
  global(module: string, name: string): this {
    return this.raw('c', `${module}\n${name}\n`);
  }
  stackGlobal(module: string, name: string): this {
    return this.str(module).str(name).raw(0x93);
  }
  mark(): this {
    return this.raw('(');
  }
  tuple(n?: 0 | 1 | 2 | 3): this {
    return this.raw(n === undefined ? 't' : n === 0 ? ')' : 0x84 + n);
  }
  reduce(): this {
    return this.raw('R');
  }
  build(): this {
    return this.raw('b');
  }
  memoize(): this {
    return this.raw(0x94);
  }
  binput(i: number): this {
    return this.raw('q', i);
  }
  binget(i: number): this {
    return this.raw('h', i);
  }
  stop(): this {
    return this.raw('.');
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** `module.name(arg)` as a protocol-`p` pickle: the classic payload shape. */
export function callPickle(module: string, name: string, arg: string, protocol = 4): Buffer {
  const w = new PickleWriter().proto(protocol);
  (protocol >= 4 ? w.stackGlobal(module, name) : w.global(module, name)).str(arg).tuple(1).reduce().stop();
  return w.toBuffer();
}

/** A torch-style state_dict pickle: OrderedDict of `_rebuild_tensor_v2(persistent storage, ...)`. */
export function stateDictPickle(tensors: Array<{ key: string; numel: number }>): Buffer {
  const w = new PickleWriter().proto(2).global('collections', 'OrderedDict').tuple(0).reduce().mark();
  tensors.forEach((t, i) => {
    w.str(t.key).global('torch._utils', '_rebuild_tensor_v2').mark();
    w.mark().str('storage').global('torch', 'FloatStorage').str(String(i)).str('cpu').int(t.numel).tuple().raw('Q');
    w.int(0).int(t.numel).tuple(1).int(1).tuple(1).raw(0x89).global('collections', 'OrderedDict').tuple(0).reduce().tuple().reduce();
  });
  return w.raw('u').stop().toBuffer();
}

export interface ZipInput {
  name: string;
  data: Buffer;
  deflate?: boolean;
  flags?: number;
  /** Name written in the local header when it should differ from the central directory's. */
  localName?: string;
  crc?: number;
}

/** A zip archive (no zip64), members in order. */
export function zipBytes(members: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const body = m.deflate ? deflateRawSync(m.data) : m.data;
    const crc = m.crc ?? crc32(m.data) >>> 0;
    const name = Buffer.from(m.name, 'utf8');
    const localName = Buffer.from(m.localName ?? m.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(m.flags ?? 0, 6);
    lh.writeUInt16LE(m.deflate ? 8 : 0, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(m.data.length, 22);
    lh.writeUInt16LE(localName.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(m.flags ?? 0, 8);
    ch.writeUInt16LE(m.deflate ? 8 : 0, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(m.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, localName, body);
    centrals.push(ch, name);
    offset += 30 + localName.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A version-1 .npy header for `descr` and `shape`, padded to 64 bytes as NumPy writes it. */
export function npyHeader(descr: string, shape: number[]): Buffer {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const h = Buffer.alloc(10);
  h[0] = 0x93;
  h.write('NUMPY', 1, 'latin1');
  h[6] = 1;
  h[7] = 0;
  h.writeUInt16LE(dict.length, 8);
  return Buffer.concat([h, Buffer.from(dict, 'latin1')]);
}

/** An in-memory input for analyseModelFile. */
export function memoryModelInput(rel: string, data: Buffer) {
  return {
    rel,
    size: data.length,
    head: async () => data.subarray(0, 65536),
    bytes: async () => data,
    range: async (o: number, l: number) => data.subarray(o, o + l),
  };
}
