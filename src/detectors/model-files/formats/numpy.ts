// NumPy .npy: a magic, a Python-literal header and the array bytes. Numeric arrays are data; object
// arrays (`descr` 'O', alone or inside a structured dtype) are stored as a pickle after the header and
// load only with allow_pickle=True, so that pickle is simulated like any other.

import { analysePickle } from '../pickle-analysis.js';
import { detection } from '../report.js';
import { MAX_PICKLE_BYTES, fileOffset, type ScanState, type Target } from '../scan-types.js';

export function isNpy(head: Buffer): boolean {
  return head.length >= 10 && head[0] === 0x93 && head.subarray(1, 6).toString('latin1') === 'NUMPY';
}

const MAX_HEADER = 1024 * 1024;

export async function analyseNpy(t: Target, st: ScanState): Promise<void> {
  const fixed = await t.src.read(0, 12);
  const major = fixed[6]!;
  const headerLen = major === 1 ? fixed.readUInt16LE(8) : fixed.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const at = fileOffset(t, 0);
  const entry = t.entry ? { entry: t.entry } : {};
  if (headerLen > MAX_HEADER || headerStart + headerLen > t.src.size) {
    st.detections.push(detection('numpy-invalid-header', 'medium', at, at + headerStart, [`header of ${headerLen} bytes does not fit the ${t.src.size}-byte file`], entry));
    return;
  }
  const header = (await t.src.read(headerStart, headerLen)).toString('latin1');
  const descr = /'descr'\s{0,8}:\s{0,8}('[^']{0,64}'|\[)/.exec(header)?.[1];
  if (descr === undefined) {
    st.detections.push(detection('numpy-invalid-header', 'medium', at, at + headerStart + headerLen, ['header has no dtype description'], entry));
    return;
  }
  // 'O' alone, or an 'O' field inside a structured dtype (the list form).
  const objectDtype = /^'[|<>=]?O\d?'$/.test(descr) || (descr === '[' && /'[|<>=]?O\d?'/.test(header));
  if (!objectDtype) return;
  const dataStart = headerStart + headerLen;
  const data = await t.src.read(dataStart, Math.min(t.src.size - dataStart, MAX_PICKLE_BYTES));
  const r = analysePickle(data, { base: t.base !== undefined ? t.base + dataStart : 0, reportAt: t.base === undefined ? t.reportAt : undefined, budget: st.budget, depth: t.depth, entry: t.entry });
  st.detections.push(detection('numpy-object-array', 'low', at, at + dataStart, ['object array: its elements are a pickle and load only with allow_pickle=True'], entry));
  st.detections.push(...r.detections);
}
