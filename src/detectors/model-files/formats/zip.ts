// Zip containers: PyTorch checkpoints (any top folder, any member name), Keras v3 archives, NumPy .npz
// and plain zips. Every member that could be loaded is analysed as a nested file whatever its name or
// flags say, and the archive itself is checked for what loaders and scanners disagree on or what
// exhausts them: encryption or "patched" flags on readable data, names that differ between the central
// directory and local headers, members hidden from the directory, bad CRCs, overlapping members and
// declared sizes of a bomb, names that leave the extraction folder, and nesting depth.

import { detection, type ModelDetection } from '../report.js';
import { MAX_DEPTH, MAX_PICKLE_BYTES, fileOffset, type ScanState, type Target } from '../scan-types.js';
import { bufferSource } from '../sources.js';
import { crcMatches, listZip, readLocalHeader, readMember, MAX_MEMBERS, type ZipMember } from '../zip-archive.js';
import { escapesFolder } from './onnx.js';

export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

const FLAG_ENCRYPTED = 0x1;
const FLAG_PATCHED = 0x20;
const FLAG_STRONG_ENCRYPTION = 0x40;
const MAX_DECLARED_TOTAL = 64 * 1024 ** 3;
const BOMB_RATIO = 1000;
// Raw tensor storages of a torch archive: torch never unpickles them, and they are most of its bytes.
const TORCH_STORAGE = /(^|\/)data\/\d{1,12}$/;
const SNIFF = 64;
const IN_PLACE = 16 * 1024 * 1024;

function classify(names: string[]): string {
  if (names.some((n) => n === 'data.pkl' || n.endsWith('/data.pkl'))) return 'pytorch-zip';
  if (names.includes('config.json') && (names.includes('metadata.json') || names.includes('model.weights.h5'))) return 'keras-v3';
  if (names.length && names.every((n) => n.endsWith('.npy'))) return 'npz';
  return 'zip';
}

function overlapping(members: ZipMember[]): [ZipMember, ZipMember] | undefined {
  const sorted = members.filter((m) => m.from === 'central').sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.localHeaderOffset < prev.localHeaderOffset + 30 + prev.compressedSize) return [prev, sorted[i]!];
  }
  return undefined;
}

export async function analyseZip(t: Target, st: ScanState): Promise<string> {
  const { members, problems } = await listZip(t.src);
  const entryOf = (name: string) => (t.entry ? `${t.entry}!/${name}` : name);
  const at = (pos: number) => fileOffset(t, pos);
  const add = (d: ModelDetection) => st.detections.push(d);
  const format = classify(members.map((m) => m.name));
  if (problems.length) add(detection('zip-malformed', 'medium', at(0), at(1), problems, t.entry ? { entry: t.entry } : {}));
  if (members.length >= MAX_MEMBERS) add(detection('zip-too-many-members', 'medium', at(0), at(1), [`${members.length} members or more; the rest is not analysed`]));
  const overlap = overlapping(members);
  if (overlap) add(detection('zip-bomb', 'high', at(overlap[1].localHeaderOffset), at(overlap[1].localHeaderOffset + 30), [`members ${JSON.stringify(overlap[0].name).slice(0, 80)} and ${JSON.stringify(overlap[1].name).slice(0, 80)} overlap (the non-recursive zip-bomb construction)`], { entry: entryOf(overlap[1].name) }));
  const declared = members.reduce((n, m) => n + m.size, 0);
  const compressed = members.reduce((n, m) => n + m.compressedSize, 0);
  if (declared > MAX_DECLARED_TOTAL && declared / Math.max(1, compressed) > BOMB_RATIO / 10) {
    add(detection('zip-bomb', 'high', at(0), at(1), [`members declare ${declared} uncompressed bytes from ${compressed} compressed`], t.entry ? { entry: t.entry } : {}));
  }
  const torch = format === 'pytorch-zip';
  const encrypted: ZipMember[] = [];
  for (const m of members) {
    const entry = entryOf(m.name);
    if (torch && TORCH_STORAGE.test(m.name)) continue;
    if (escapesFolder(m.name)) add(detection('archive-path-traversal', 'high', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member name ${JSON.stringify(m.name).slice(0, 200)} leaves the extraction folder`], { entry }));
    if (m.from === 'local') add(detection('zip-hidden-member', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), ['member has a local header but no central-directory entry: readers that walk local headers see it, others do not'], { entry }));
    if (!(await readLocalHeader(t.src, m))) {
      add(detection('zip-malformed', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 1), [`local header of ${JSON.stringify(m.name).slice(0, 80)} is missing or damaged`], { entry }));
      continue;
    }
    if (m.localName !== undefined) {
      add(detection('zip-name-mismatch', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`central directory says ${JSON.stringify(m.name).slice(0, 100)}, local header says ${JSON.stringify(m.localName).slice(0, 100)}: readers disagree on which member this is`], { entry }));
      if (escapesFolder(m.localName)) add(detection('archive-path-traversal', 'high', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`local name ${JSON.stringify(m.localName).slice(0, 200)} leaves the extraction folder`], { entry }));
    }
    if (m.method !== 0 && m.method !== 8) {
      add(detection('zip-unsupported-method', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`compression method ${m.method} is not analysed`], { entry }));
      continue;
    }
    const declaredRatio = m.size / Math.max(1, m.compressedSize);
    if (m.method === 8 && m.size > MAX_PICKLE_BYTES && declaredRatio > BOMB_RATIO) {
      add(detection('zip-bomb', 'high', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member declares ${m.size} bytes from ${m.compressedSize} (ratio ${Math.floor(declaredRatio)}:1)`], { entry }));
      continue;
    }
    const prefix = await readMember(t.src, m, SNIFF);
    const flagged = m.flags & (FLAG_ENCRYPTED | FLAG_PATCHED | FLAG_STRONG_ENCRYPTION);
    if (prefix.error && !prefix.data.length) {
      add(detection(flagged & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) ? 'zip-encrypted-member' : 'zip-malformed', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member cannot be read: ${prefix.error}`], { entry }));
      continue;
    }
    if (!st.sniff(prefix.data, m.name)) {
      if (flagged & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) encrypted.push(m);
      continue;
    }
    if (flagged) {
      add(detection('zip-flag-anomaly', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`general-purpose flags 0x${m.flags.toString(16)} (${[m.flags & FLAG_ENCRYPTED ? 'encrypted' : '', m.flags & FLAG_PATCHED ? 'patched data' : '', m.flags & FLAG_STRONG_ENCRYPTION ? 'strong encryption' : ''].filter(Boolean).join(', ')}) on a member that is readable as it is: loaders that ignore the flags load it, scanners that honour them skip it`], { entry }));
    }
    if (t.depth >= MAX_DEPTH) {
      add(detection('archive-deep-nesting', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member nested ${t.depth + 1} levels deep is not analysed`], { entry }));
      continue;
    }
    // Large stored members (a checkpoint inside a zip) are analysed in place; the rest is read whole.
    const inPlace = m.method === 0 && m.compressedSize > IN_PLACE;
    const full = inPlace ? { data: Buffer.alloc(0), truncated: true, error: undefined } : await readMember(t.src, m, MAX_PICKLE_BYTES);
    if (m.crc !== 0 && !full.truncated && !full.error && !crcMatches(full.data, m.crc)) {
      add(detection('zip-crc-mismatch', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), ['stored CRC-32 does not match the data: strict readers refuse the member, torch and others load it'], { entry }));
    }
    if (full.error) add(detection('zip-malformed', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member ${full.error}; the readable part is analysed`], { entry }));
    if (full.truncated && !inPlace) add(detection('archive-partially-analysed', 'medium', at(m.localHeaderOffset), at(m.localHeaderOffset + 30), [`member inflates past ${MAX_PICKLE_BYTES} bytes; the first part is analysed`], { entry }));
    const stored = m.method === 0;
    await st.nested({
      src: stored ? t.src.sub(m.dataOffset!, inPlace ? m.compressedSize : full.data.length) : bufferSource(full.data),
      rel: m.name,
      entry,
      base: stored && t.base !== undefined ? t.base + m.dataOffset! : undefined,
      reportAt: at(m.localHeaderOffset),
      depth: t.depth + 1,
    });
  }
  if (encrypted.length) {
    const first = encrypted[0]!;
    add(detection('zip-encrypted-member', 'medium', at(first.localHeaderOffset), at(first.localHeaderOffset + 30), [`${encrypted.length} encrypted member(s) cannot be analysed: ${encrypted.slice(0, 5).map((m) => JSON.stringify(m.name).slice(0, 80)).join(', ')}`], { entry: entryOf(first.name) }));
  }
  return format;
}
