// Pickle-based files: plain pickles, PyTorch's legacy (pre-1.6) serialisation, and joblib dumps, plain or
// compressed. Described from the opcode stream; never unpickled.

import { Gunzip, Unzlib } from 'fflate';
import type { Attrs } from '../../../model/index.js';
import type { ByteSource } from '../binary/source.js';
import { frameworkFromGlobals } from './frameworks.js';
import { looksLikePickle, walkPickle, type PickleWalk } from './pickle-walk.js';
import { compact, extensionOf, type Described, type FormatReader, type Warn } from './types.js';

/** How far into a pickle the walk goes: globals and protocol show at the start. */
const WALK_BYTES = 4 * 1024 * 1024;

// PyTorch's legacy format starts with a pickled LONG1 magic number 0x1950a86a20f9469cfc6c.
const TORCH_LEGACY_MAGIC = Buffer.from('8a0a6cfc9c46f9206aa85019', 'hex');

const JOBLIB_MARKERS = ['joblib.numpy_pickle.NumpyArrayWrapper', 'joblib.numpy_pickle.ZNDArrayWrapper'];

type Compression = 'zlib' | 'gzip' | 'xz' | 'lz4' | 'bz2';

// Magic numbers of the compressors joblib writes with; zlib's second byte depends on the level.
const COMPRESSED: Array<{ kind: Compression; test: (h: Buffer) => boolean }> = [
  { kind: 'zlib', test: (h) => h[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(h[1]!) },
  { kind: 'gzip', test: (h) => h[0] === 0x1f && h[1] === 0x8b },
  { kind: 'xz', test: (h) => h.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) },
  { kind: 'lz4', test: (h) => h.length >= 4 && h.readUInt32LE(0) === 0x184d2204 },
  { kind: 'bz2', test: (h) => h.subarray(0, 3).toString('latin1') === 'BZh' },
];

function compressionOf(head: Buffer): Compression | undefined {
  return COMPRESSED.find((c) => c.test(head))?.kind;
}

/** The first `max` bytes that a zlib or gzip stream inflates to (stopping early on a bomb). */
function inflatePrefix(data: Buffer, kind: 'zlib' | 'gzip', max: number): Buffer {
  const out: Uint8Array[] = [];
  let produced = 0;
  const inflater = kind === 'zlib' ? new Unzlib() : new Gunzip();
  inflater.ondata = (chunk) => {
    out.push(chunk);
    produced += chunk.length;
  };
  const SLICE = 4 * 1024;
  for (let off = 0; off < data.length && produced < max; off += SLICE) {
    inflater.push(data.subarray(off, off + SLICE), off + SLICE >= data.length);
  }
  return Buffer.concat(out).subarray(0, max);
}

function isTorchLegacy(head: Buffer): boolean {
  return head[0] === 0x80 && head[1] === 0x02 && head.subarray(2, 2 + TORCH_LEGACY_MAGIC.length).equals(TORCH_LEGACY_MAGIC);
}

function walkAttrs(w: PickleWalk): Attrs {
  return {
    pickleProtocol: w.protocol,
    importsGlobals: w.complete || w.importsGlobals ? w.importsGlobals : undefined,
    globals: w.globals.length ? w.globals : undefined,
  };
}

async function describePickle(src: ByteSource, rel: string, warn: Warn): Promise<Described> {
  const buf = await src.read(0, WALK_BYTES);
  if (isTorchLegacy(buf)) return describeTorchLegacy(buf, warn);
  let walk: PickleWalk;
  try {
    walk = walkPickle(buf);
  } catch (e) {
    warn(`pickle stream is malformed: ${(e as Error).message}`);
    return { format: 'pickle', attrs: { malformed: true } };
  }
  if (!walk.complete && buf.length === src.size) warn('pickle stream ends before its STOP opcode (truncated file?)');
  const joblib = extensionOf(rel) === 'joblib' || walk.globals.some((g) => JOBLIB_MARKERS.includes(g));
  return {
    format: joblib ? 'joblib' : 'pickle',
    attrs: compact({ framework: frameworkFromGlobals(walk.globals.filter((g) => !g.startsWith('joblib.'))), ...walkAttrs(walk) }),
  };
}

// The legacy layout is four pickles in a row (magic, protocol version, system info, the object) followed
// by raw storages; the fourth one says what the checkpoint holds.
function describeTorchLegacy(buf: Buffer, warn: Warn): Described {
  let pos = 0;
  let last: PickleWalk | undefined;
  try {
    for (let i = 0; i < 4; i++) {
      last = walkPickle(buf, pos);
      if (!last.complete) break;
      pos = last.end;
    }
  } catch (e) {
    warn(`PyTorch legacy checkpoint has a malformed pickle: ${(e as Error).message}`);
  }
  return { format: 'pytorch-legacy', attrs: compact({ framework: 'pytorch', ...(last ? walkAttrs(last) : {}) }) };
}

async function describeCompressed(src: ByteSource, head: Buffer, rel: string, warn: Warn): Promise<Described | undefined> {
  const kind = compressionOf(head)!;
  if (kind !== 'zlib' && kind !== 'gzip') {
    // No decoder for these in Node's standard library: the extension is all there is to go on.
    return { format: 'joblib', attrs: { compression: kind, contentsInspected: false } };
  }
  let inner: Buffer;
  try {
    inner = inflatePrefix(await src.read(0, WALK_BYTES), kind, WALK_BYTES);
  } catch (e) {
    warn(`${kind} stream does not decompress: ${(e as Error).message}`);
    return extensionOf(rel) === 'joblib' ? { format: 'joblib', attrs: { compression: kind, malformed: true } } : undefined;
  }
  if (!looksLikePickle(inner)) return extensionOf(rel) === 'joblib' ? { format: 'joblib', attrs: { compression: kind, contentsInspected: false } } : undefined;
  let walk: PickleWalk | undefined;
  try {
    walk = walkPickle(inner);
  } catch (e) {
    warn(`compressed pickle stream is malformed: ${(e as Error).message}`);
  }
  return {
    format: 'joblib',
    attrs: compact({ compression: kind, ...(walk ? { framework: frameworkFromGlobals(walk.globals.filter((g) => !g.startsWith('joblib.'))), ...walkAttrs(walk) } : {}) }),
  };
}

function sniffCompressedPickle(head: Buffer): boolean {
  const kind = compressionOf(head);
  if (kind !== 'zlib' && kind !== 'gzip') return false;
  try {
    return looksLikePickle(inflatePrefix(head, kind, 64 * 1024));
  } catch {
    return false;
  }
}

export const pickleReader: FormatReader = {
  format: 'pickle',
  extensions: ['pkl', 'pickle', 'pt', 'pth', 'ckpt', 'bin', 'joblib'],
  sniff: looksLikePickle,
  describe: (src, _head, rel, warn) => describePickle(src, rel, warn),
};

/** Compressed joblib dumps: recognised by content when they inflate to a pickle, else by the .joblib extension. */
export const compressedJoblibReader: FormatReader = {
  format: 'joblib',
  extensions: ['joblib'],
  sniff: (head, rel) => sniffCompressedPickle(head) || (extensionOf(rel) === 'joblib' && compressionOf(head) !== undefined),
  describe: describeCompressed,
};
