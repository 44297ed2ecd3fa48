// The central directory of a zip archive (PyTorch checkpoints, Keras v3, NumPy .npz, llamafile), read
// from the end of the file with range reads, and bounded reads of single entries. Zip64 is supported
// because checkpoints past 4 GB use it.

import { Inflate } from 'fflate';
import { MalformedError, type ByteSource } from './source.js';

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 100_000;

export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === LOCAL_SIG;
}

/** The entries of the archive, or a MalformedError saying what is wrong. */
export async function readZipEntries(src: ByteSource): Promise<ZipEntry[]> {
  const tailLen = Math.min(src.size, MAX_COMMENT + 22);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new MalformedError('zip end-of-central-directory record not found (truncated archive?)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdAbs = src.size - tailLen + eocd;
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const loc = await src.read(eocdAbs - 20, 20);
    if (loc.length === 20 && loc.readUInt32LE(0) === ZIP64_LOCATOR_SIG) {
      const z64 = Number(loc.readBigUInt64LE(8));
      const rec = await src.need(z64, 56, 'zip64 end-of-central-directory record');
      if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new MalformedError('zip64 locator points to no zip64 record');
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
  }
  if (count > MAX_ENTRIES) throw new MalformedError(`zip claims ${count} entries, more than the ${MAX_ENTRIES} read`);
  if (cdOffset + cdSize > src.size) throw new MalformedError(`zip central directory (${cdSize} bytes at ${cdOffset}) runs past the end of the file`);
  const cd = await src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) throw new MalformedError(`zip central directory entry ${i} is damaged`);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

// Sizes and offsets that do not fit 32 bits are 0xffffffff in the record and real in the zip64 extra field,
// in this order, each present only when its 32-bit slot overflowed.
function applyZip64Extra(e: ZipEntry, extra: Buffer): void {
  let q = 0;
  while (q + 4 <= extra.length) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const v = r + 8 <= q + 4 + len ? Number(extra.readBigUInt64LE(r)) : undefined;
        r += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next() ?? e.size;
      if (e.compressedSize === 0xffffffff) e.compressedSize = next() ?? e.compressedSize;
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next() ?? e.localHeaderOffset;
      return;
    }
    q += 4 + len;
  }
}

/** Absolute offset of an entry's data (after its local header). */
export async function entryDataOffset(src: ByteSource, e: ZipEntry): Promise<number> {
  const h = await src.need(e.localHeaderOffset, 30, `zip local header of ${e.name}`);
  if (h.readUInt32LE(0) !== LOCAL_SIG) throw new MalformedError(`zip local header of ${e.name} is damaged`);
  return e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
}

/** The first `max` uncompressed bytes of an entry (stored or deflated). */
export async function readEntryPrefix(src: ByteSource, e: ZipEntry, max: number): Promise<Buffer> {
  const start = await entryDataOffset(src, e);
  if (e.method === 0) return src.read(start, Math.min(max, e.size));
  if (e.method !== 8) throw new MalformedError(`zip entry ${e.name} uses compression method ${e.method}, not read`);
  return inflatePrefix(src, start, e.compressedSize, max, e.name);
}

// Streams compressed bytes through fflate in slices and stops once `max` bytes came out, so a bomb
// (a tiny entry that inflates to gigabytes) costs no more than `max`.
async function inflatePrefix(src: ByteSource, start: number, compressedSize: number, max: number, name: string): Promise<Buffer> {
  const out: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    out.push(chunk);
    produced += chunk.length;
  });
  const SLICE = 4 * 1024; // deflate expands at most ~1000x: one slice yields at most a few MiB
  try {
    for (let off = 0; off < compressedSize && produced < max; off += SLICE) {
      const len = Math.min(SLICE, compressedSize - off);
      const part = await src.read(start + off, len);
      if (!part.length) break;
      inflater.push(part, off + len >= compressedSize);
    }
  } catch (err) {
    throw new MalformedError(`zip entry ${name} does not inflate: ${(err as Error).message}`);
  }
  return Buffer.concat(out).subarray(0, max);
}
