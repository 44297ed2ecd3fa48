// tar archives (the pre-1.6 torch.save tar format holds `sys_info`, `pickle`, `storages`, `tensors`
// members; other tools ship models as tarballs). Members are analysed in place, by range, as nested files;
// names that leave the extraction folder are reported.

import { detection } from '../report.js';
import { MAX_DEPTH, fileOffset, type ScanState, type Target } from '../scan-types.js';
import { escapesFolder } from './onnx.js';

const BLOCK = 512;
const MAX_MEMBERS = 100_000;

export function isTar(head: Buffer): boolean {
  return head.length >= 263 && head.toString('latin1', 257, 262) === 'ustar';
}

function cString(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return s.toString('utf8', 0, nul < 0 ? s.length : nul);
}

export async function analyseTar(t: Target, st: ScanState): Promise<void> {
  let pos = 0;
  let longName: string | undefined;
  for (let n = 0; n < MAX_MEMBERS && pos + BLOCK <= t.src.size; n++) {
    const h = await t.src.read(pos, BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(cString(h, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) {
      st.detections.push(detection('archive-malformed', 'medium', fileOffset(t, pos), fileOffset(t, pos + BLOCK), ['tar header has an invalid size'], t.entry ? { entry: t.entry } : {}));
      return;
    }
    const type = String.fromCharCode(h[156]!);
    const prefix = h.toString('latin1', 257, 262) === 'ustar' ? cString(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
    longName = undefined;
    const dataAt = pos + BLOCK;
    if (type === 'L') longName = (await t.src.read(dataAt, Math.min(size, 4096))).toString('utf8').split('\0')[0];
    else if (type === '0' || type === '\0' || type === '7') {
      const entry = t.entry ? `${t.entry}!/${name}` : name;
      if (escapesFolder(name)) st.detections.push(detection('archive-path-traversal', 'high', fileOffset(t, pos), fileOffset(t, pos + BLOCK), [`member name ${JSON.stringify(name).slice(0, 200)} leaves the extraction folder`], { entry }));
      if (t.depth < MAX_DEPTH && size > 0) await st.nested({ src: t.src.sub(dataAt, size), rel: name, entry, base: t.base !== undefined ? t.base + dataAt : undefined, reportAt: fileOffset(t, dataAt), depth: t.depth + 1 });
    } else if ((type === '1' || type === '2') && escapesFolder(cString(h, 157, 100))) {
      st.detections.push(detection('archive-path-traversal', 'high', fileOffset(t, pos), fileOffset(t, pos + BLOCK), [`link ${JSON.stringify(name).slice(0, 100)} points outside the extraction folder`], t.entry ? { entry: t.entry } : {}));
    }
    pos = dataAt + Math.ceil(size / BLOCK) * BLOCK;
  }
}
