// Whole-file compression (joblib's zlib/gzip files, .pkl.gz) and archives this detector cannot unpack
// (7z, bzip2, xz, zstd, lz4). zlib and gzip are inflated in slices up to a cap, so a bomb costs no more
// than the cap, and the result is analysed as a nested file. For the others, pickle streams stored
// uncompressed inside ("copy" method 7z, as in the nullifAI samples) are found by their PROTO signature.

import { Gunzip, Unzlib } from 'fflate';
import { analysePickle } from '../pickle-analysis.js';
import { detection } from '../report.js';
import { MAX_DEPTH, MAX_PICKLE_BYTES, fileOffset, type ScanState, type Target } from '../scan-types.js';
import { bufferSource } from '../sources.js';

export type Compression = 'gzip' | 'zlib';

const OPAQUE: Array<{ name: string; magic: number[] }> = [
  { name: '7z', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68] },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'lz4', magic: [0x04, 0x22, 0x4d, 0x18] },
  { name: 'rar', magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
];

export function compressionOf(head: Buffer): Compression | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // zlib: CMF 0x78 and a header checksum divisible by 31.
  if (head[0] === 0x78 && head.length > 1 && ((head[0] << 8) | head[1]!) % 31 === 0) return 'zlib';
  return undefined;
}

export function opaqueArchiveOf(head: Buffer): string | undefined {
  return OPAQUE.find(({ magic }) => magic.every((b, i) => head[i] === b))?.name;
}

const SLICE = 64 * 1024;

export async function analyseCompressed(kind: Compression, t: Target, st: ScanState): Promise<void> {
  const entry = t.entry ? { entry: t.entry } : {};
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let consumed = 0;
  const sink = (chunk: Uint8Array) => {
    chunks.push(chunk);
    produced += chunk.length;
  };
  const stream = kind === 'gzip' ? new Gunzip(sink) : new Unzlib(sink);
  let error: string | undefined;
  try {
    for (let off = 0; off < t.src.size && produced <= MAX_PICKLE_BYTES; off += SLICE) {
      const part = await t.src.read(off, Math.min(SLICE, t.src.size - off));
      consumed += part.length;
      stream.push(part, off + part.length >= t.src.size);
    }
  } catch (err) {
    error = (err as Error).message;
  }
  const data = Buffer.concat(chunks);
  if (produced > MAX_PICKLE_BYTES) {
    const ratio = produced / Math.max(1, consumed);
    st.detections.push(
      ratio > 200
        ? detection('decompression-bomb', 'high', fileOffset(t, 0), fileOffset(t, consumed), [`${consumed} compressed bytes expand past ${MAX_PICKLE_BYTES} bytes (ratio over ${Math.floor(ratio)}:1)`], entry)
        : detection('archive-partially-analysed', 'medium', fileOffset(t, 0), fileOffset(t, consumed), [`decompressed data is larger than the ${MAX_PICKLE_BYTES} bytes analysed`], entry),
    );
  }
  if (error && !data.length) {
    st.detections.push(detection('compressed-invalid', 'medium', fileOffset(t, 0), fileOffset(t, 1), [`${kind} data does not decompress: ${error}`], entry));
    return;
  }
  if (t.depth >= MAX_DEPTH) {
    st.detections.push(detection('archive-deep-nesting', 'medium', fileOffset(t, 0), fileOffset(t, 1), [`compressed data nested ${t.depth + 1} levels deep is not analysed`], entry));
    return;
  }
  await st.nested({ src: bufferSource(data.subarray(0, MAX_PICKLE_BYTES)), rel: t.rel.replace(/\.(z|gz|gzip|zlib)$/i, ''), entry: t.entry ? `${t.entry}!/(${kind})` : `(${kind})`, base: undefined, reportAt: fileOffset(t, 0), depth: t.depth + 1 });
}

const MAX_CANDIDATES = 256;
const MAX_SCAN = 64 * 1024 * 1024;

/** Pickle streams stored inside a container this detector cannot unpack, found by their PROTO opcode. */
export async function analyseOpaqueArchive(kind: string, t: Target, st: ScanState): Promise<void> {
  const entry = t.entry ? { entry: t.entry } : {};
  const buf = await t.src.read(0, Math.min(t.src.size, MAX_SCAN));
  let embedded = 0;
  let candidates = 0;
  for (let at = buf.indexOf(0x80); at >= 0 && candidates < MAX_CANDIDATES; at = buf.indexOf(0x80, at + 1)) {
    const proto = buf[at + 1];
    if (proto === undefined || proto < 2 || proto > 5) continue;
    candidates++;
    const r = analysePickle(buf.subarray(at), { base: fileOffset(t, at), budget: st.budget, depth: t.depth + 1, entry: t.entry, context: `pickle stream stored inside a ${kind} container` });
    if (!r.isPickle || r.globals.length === 0) continue;
    embedded++;
    st.detections.push(...r.detections.filter((d) => d.type.endsWith('-global')));
  }
  st.detections.push(
    detection('archive-unscannable', 'medium', fileOffset(t, 0), fileOffset(t, 6), [`${kind} content cannot be unpacked by this detector${embedded ? `; ${embedded} pickle stream(s) stored in it were analysed` : ''}`], entry),
  );
}
