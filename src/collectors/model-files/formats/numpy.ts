// NumPy arrays: `.npy` (magic \x93NUMPY, a Python-literal header dict) and `.npz` (a zip of .npy files,
// described by the zip reader with `parseNpyHeader`).

import { MalformedError, elementCount, type ByteSource } from '../binary/source.js';
import { compact, type FormatReader } from './types.js';

const MAGIC = Buffer.from('\x93NUMPY', 'latin1');

// Type characters of NumPy's array-protocol strings (`<f4` = little-endian 4-byte float).
const KIND_NAMES: Record<string, string> = { f: 'float', i: 'int', u: 'uint', c: 'complex', b: 'bool', O: 'object', U: 'str', S: 'bytes', V: 'void', M: 'datetime64', m: 'timedelta64' };

export interface NpyHeader {
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  objectDtype: boolean;
}

export function isNpy(head: Buffer): boolean {
  return head.subarray(0, 6).equals(MAGIC);
}

/** `<f4` → `float32`, `|b1` → `bool`, `|O` → `object`; anything else is kept as written. */
export function dtypeName(descr: string): string {
  const m = /^[<>|=]?([a-zA-Z])(\d*)/.exec(descr);
  if (!m) return descr;
  const kind = KIND_NAMES[m[1]!];
  if (!kind) return descr;
  if (kind === 'bool' || kind === 'object') return kind;
  if (kind === 'float' || kind === 'int' || kind === 'uint' || kind === 'complex') return `${kind}${Number(m[2] || 0) * 8}`;
  return m[2] ? `${kind}${m[2]}` : kind;
}

/** Parses the header of a .npy given its first bytes. */
export function parseNpyHeader(buf: Buffer): NpyHeader {
  if (!isNpy(buf)) throw new MalformedError('missing the \\x93NUMPY magic');
  if (buf.length < 10) throw new MalformedError('header is cut short');
  const major = buf[6]!;
  const lenBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw new MalformedError(`format version ${major}.${buf[7]} is unknown`);
  const headerLen = lenBytes === 2 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = 8 + lenBytes;
  if (start + headerLen > buf.length) throw new MalformedError(`header claims ${headerLen} bytes, more than the file holds`);
  const text = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([^']*)'/.exec(text);
  const structured = /'descr':\s*\[/.test(text);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text);
  const fortran = /'fortran_order':\s*(True|False)/.exec(text);
  if ((!descr && !structured) || !shape || !fortran) throw new MalformedError(`header dict is not readable: ${text.slice(0, 80)}`);
  const dims = shape[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Number.parseInt(s, 10));
  if (dims.some((d) => !Number.isFinite(d) || d < 0)) throw new MalformedError(`shape (${shape[1]}) is not a list of sizes`);
  const dtype = descr ? dtypeName(descr[1]!) : 'structured';
  return { dtype, shape: dims, fortranOrder: fortran[1] === 'True', objectDtype: descr ? /^[<>|=]?O/.test(descr[1]!) : /'\|?O'/.test(text) };
}

async function describeNpy(src: ByteSource, warn: (m: string) => void) {
  try {
    const h = parseNpyHeader(await src.read(0, 64 * 1024));
    return {
      format: 'npy',
      attrs: compact({ framework: 'numpy', dtype: h.dtype, shape: h.shape, parameters: elementCount(h.shape), fortranOrder: h.fortranOrder, objectDtype: h.objectDtype || undefined }),
    };
  } catch (e) {
    warn(`NumPy .npy header is malformed: ${(e as Error).message}`);
    return { format: 'npy', attrs: { framework: 'numpy', malformed: true } };
  }
}

export const npyReader: FormatReader = {
  format: 'npy',
  extensions: ['npy'],
  sniff: isNpy,
  describe: (src, _head, _rel, warn) => describeNpy(src, warn),
};
