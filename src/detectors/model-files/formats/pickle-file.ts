// Plain pickle data (a .pkl, joblib's uncompressed files, torch.save legacy streams, a zip member):
// simulated with the whole analysis of pickle-analysis.ts.

import { analysePickle } from '../pickle-analysis.js';
import { detection } from '../report.js';
import { MAX_PICKLE_BYTES, fileOffset, type ScanState, type Target } from '../scan-types.js';

/** Analyses the target as pickle data; false (and nothing reported) when it is not a pickle. */
export async function analysePickleTarget(t: Target, st: ScanState, prefix?: Buffer): Promise<boolean> {
  const data = prefix ?? (await t.src.read(0, Math.min(t.src.size, MAX_PICKLE_BYTES)));
  const r = analysePickle(data, {
    base: t.base ?? 0,
    reportAt: t.base === undefined ? t.reportAt : undefined,
    budget: st.budget,
    depth: t.depth,
    entry: t.entry,
    context: t.base === undefined && t.entry ? `offsets inside the decompressed member ${t.entry}` : undefined,
  });
  if (!r.isPickle) return false;
  st.detections.push(...r.detections);
  if (t.src.size > data.length) {
    st.detections.push(detection('pickle-partially-analysed', 'medium', fileOffset(t, data.length), fileOffset(t, data.length) + 1, [`only the first ${data.length} of ${t.src.size} bytes were simulated`], t.entry ? { entry: t.entry } : {}));
  }
  return true;
}
