// Zip members for safety analysis. Unlike a loader, this reader keeps what loaders disagree on: the
// general-purpose flags (encryption bits set on plaintext, "patched data"), both names (central directory
// and local header), CRCs, members the central directory does not list, and overlapping members. Reads
// are bounded; nothing is extracted to disk.

import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import type { ByteSource } from '../../collectors/model-files/binary/source.js';

export interface ZipMember {
  name: string;
  /** The name in the local header when it differs from the central directory's. */
  localName?: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** Offset of the member's data, once its local header was read. */
  dataOffset?: number;
  /** 'local' for members found by their local header only (absent from the central directory). */
  from: 'central' | 'local';
}

export interface ZipListing {
  members: ZipMember[];
  problems: string[];
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
export const MAX_MEMBERS = 100_000;
/** Archives up to this size are also walked by local headers, to find members hidden from the directory. */
const LOCAL_SCAN_LIMIT = 32 * 1024 * 1024;

async function readCentral(src: ByteSource, problems: string[]): Promise<ZipMember[] | undefined> {
  const tailLen = Math.min(src.size, 0xffff + 22);
  const tail = await src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
  if (eocd < 0) {
    problems.push('no end-of-central-directory record (truncated or damaged archive)');
    return undefined;
  }
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdAt = src.size - tailLen + eocd;
  if (cdOffset === 0xffffffff || count === 0xffff || cdSize === 0xffffffff) {
    const loc = await src.read(eocdAt - 20, 20);
    if (loc.length === 20 && loc.readUInt32LE(0) === ZIP64_LOCATOR) {
      const rec = await src.read(Number(loc.readBigUInt64LE(8)), 56);
      if (rec.length === 56 && rec.readUInt32LE(0) === ZIP64_EOCD) {
        count = Number(rec.readBigUInt64LE(32));
        cdSize = Number(rec.readBigUInt64LE(40));
        cdOffset = Number(rec.readBigUInt64LE(48));
      }
    }
  }
  if (count > MAX_MEMBERS) {
    problems.push(`central directory claims ${count} members; only the first ${MAX_MEMBERS} are read`);
    count = MAX_MEMBERS;
  }
  if (cdOffset + cdSize > src.size || cdSize > 256 * 1024 * 1024) {
    problems.push(`central directory (${cdSize} bytes at ${cdOffset}) lies outside the file`);
    return undefined;
  }
  const cd = await src.read(cdOffset, cdSize);
  const out: ZipMember[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) {
      problems.push(`central directory entry ${i} is damaged`);
      break;
    }
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const m: ZipMember = {
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      name: cd.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      from: 'central',
    };
    applyZip64(m, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    out.push(m);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// 64-bit sizes and offsets live in extra field 0x0001, each present only when its 32-bit slot is full.
function applyZip64(m: ZipMember, extra: Buffer): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      const next = (cur: number) => {
        if (cur !== 0xffffffff || r + 8 > q + 4 + len) return cur;
        const v = Number(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      m.size = next(m.size);
      m.compressedSize = next(m.compressedSize);
      m.localHeaderOffset = next(m.localHeaderOffset);
      return;
    }
    q += 4 + len;
  }
}

function parseLocal(h: Buffer, at: number): ZipMember | undefined {
  if (h.length < 30 || h.readUInt32LE(0) !== LOCAL) return undefined;
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  if (h.length < 30 + nameLen) return undefined;
  const m: ZipMember = {
    flags: h.readUInt16LE(6),
    method: h.readUInt16LE(8),
    crc: h.readUInt32LE(14),
    compressedSize: h.readUInt32LE(18),
    size: h.readUInt32LE(22),
    localHeaderOffset: at,
    name: h.subarray(30, 30 + nameLen).toString('utf8'),
    dataOffset: at + 30 + nameLen + extraLen,
    from: 'local',
  };
  if (h.length >= 30 + nameLen + extraLen) applyZip64(m, h.subarray(30 + nameLen, 30 + nameLen + extraLen));
  return m;
}

/** Reads a member's local header: data offset and the local name (kept when it differs). */
export async function readLocalHeader(src: ByteSource, m: ZipMember): Promise<boolean> {
  if (m.dataOffset !== undefined) return true;
  const h = await src.read(m.localHeaderOffset, 30 + 1024);
  const local = parseLocal(h, m.localHeaderOffset);
  if (!local) return false;
  if (local.name !== m.name) m.localName = local.name;
  m.dataOffset = local.dataOffset;
  return true;
}

export async function listZip(src: ByteSource): Promise<ZipListing> {
  const problems: string[] = [];
  const central = await readCentral(src, problems);
  const members = central ?? [];
  if (central === undefined || src.size <= LOCAL_SCAN_LIMIT) {
    const whole = await src.read(0, Math.min(src.size, LOCAL_SCAN_LIMIT));
    const known = new Set(members.map((m) => m.localHeaderOffset));
    for (const m of members) {
      const local = parseLocal(whole.subarray(m.localHeaderOffset, m.localHeaderOffset + 30 + 1024), m.localHeaderOffset);
      if (!local) continue;
      m.dataOffset = local.dataOffset;
      if (local.name !== m.name) m.localName = local.name;
    }
    const sig = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    for (let at = whole.indexOf(sig); at >= 0 && members.length < MAX_MEMBERS; at = whole.indexOf(sig, at + 4)) {
      if (known.has(at)) continue;
      const local = parseLocal(whole.subarray(at, at + 30 + 1024), at);
      // Signatures inside another member's stored data belong to a nested archive, not to this one.
      if (!local || members.some((m) => m.dataOffset !== undefined ? at >= m.dataOffset && at < m.dataOffset + m.compressedSize : false)) continue;
      members.push(local);
    }
  }
  return { members, problems };
}

export interface MemberData {
  data: Buffer;
  /** More data exists than was returned (the cap was reached). */
  truncated: boolean;
  error?: string;
}

/**
 * Up to `max` uncompressed bytes of a member. Stored members are read as they are whatever their flags
 * say (loaders such as torch ignore the encryption bit); deflated ones are inflated in slices so that a
 * bomb costs no more than `max`.
 */
export async function readMember(src: ByteSource, m: ZipMember, max: number): Promise<MemberData> {
  if (!(await readLocalHeader(src, m))) return { data: Buffer.alloc(0), truncated: false, error: 'local header is missing or damaged' };
  const start = m.dataOffset!;
  const stored = Math.min(m.compressedSize || m.size, src.size - start);
  if (m.method === 0) {
    const data = await src.read(start, Math.min(max, stored));
    return { data, truncated: stored > max };
  }
  if (m.method !== 8) return { data: Buffer.alloc(0), truncated: false, error: `compression method ${m.method} is not supported` };
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    chunks.push(chunk);
    produced += chunk.length;
  });
  const SLICE = 16 * 1024;
  const compressed = Math.min(m.compressedSize, src.size - start);
  try {
    for (let off = 0; off < compressed && produced <= max; off += SLICE) {
      const part = await src.read(start + off, Math.min(SLICE, compressed - off));
      if (!part.length) break;
      inflater.push(part, off + part.length >= compressed);
    }
  } catch (err) {
    const data = Buffer.concat(chunks);
    return { data: data.subarray(0, max), truncated: false, error: `does not inflate: ${(err as Error).message}` };
  }
  const data = Buffer.concat(chunks);
  return { data: data.subarray(0, max), truncated: data.length > max };
}

export function crcMatches(data: Buffer, expected: number): boolean {
  return (crc32(data) >>> 0) === expected >>> 0;
}
