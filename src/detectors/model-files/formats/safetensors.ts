// safetensors: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
// byte range, then the raw data. Nothing in it can execute; what can go wrong is a header that lies
// (absurd length, ranges outside the data, overlapping tensors, sizes that disagree with the shape),
// which crashes or exhausts loaders. Only the header is read.

import { detection } from '../report.js';
import { fileOffset, type ScanState, type Target } from '../scan-types.js';

const MAX_HEADER = 100 * 1024 * 1024; // the limit the reference implementation enforces
const DTYPE_BYTES: Record<string, number> = { BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, F8_E8M0: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8, C64: 8 };

/** Header length plus a `{` right after it: the safetensors shape, before any size check. */
export function looksLikeSafetensors(head: Buffer): boolean {
  if (head.length < 10) return false;
  const n = head.readBigUInt64LE(0);
  return n > 1n && head[8] === 0x7b && (head[9] === 0x22 || head[9] === 0x20 || head[9] === 0x0a || head[9] === 0x7d);
}

export async function analyseSafetensors(t: Target, st: ScanState): Promise<void> {
  const entry = t.entry ? { entry: t.entry } : {};
  const problems: string[] = [];
  const headerLen = Number((await t.src.read(0, 8)).readBigUInt64LE(0));
  const report = (end: number): void => void st.detections.push(detection('safetensors-invalid-header', 'medium', fileOffset(t, 0), fileOffset(t, end), problems.slice(0, 8), entry));
  if (headerLen > MAX_HEADER || 8 + headerLen > t.src.size) {
    problems.push(`header length ${headerLen} is ${headerLen > MAX_HEADER ? `over the ${MAX_HEADER}-byte limit loaders enforce` : `larger than the ${t.src.size}-byte file`}`);
    return report(8);
  }
  let header: unknown;
  try {
    header = JSON.parse((await t.src.read(8, headerLen)).toString('utf8'));
  } catch (err) {
    problems.push(`header is not JSON: ${(err as Error).message}`);
    return report(8 + headerLen);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    problems.push('header is not a JSON object');
    return report(8 + headerLen);
  }
  const dataSize = t.src.size - 8 - headerLen;
  const ranges: Array<[number, number, string]> = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const width = typeof dtype === 'string' ? DTYPE_BYTES[dtype] : undefined;
    if (width === undefined) problems.push(`tensor ${JSON.stringify(name).slice(0, 80)} has unknown dtype ${JSON.stringify(dtype)?.slice(0, 20)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) problems.push(`tensor ${JSON.stringify(name).slice(0, 80)} has an invalid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
      problems.push(`tensor ${JSON.stringify(name).slice(0, 80)} has invalid data_offsets`);
      continue;
    }
    const [begin, end] = offsets as [number, number];
    if (end > dataSize) problems.push(`tensor ${JSON.stringify(name).slice(0, 80)} ends at ${end}, past the ${dataSize} data bytes`);
    if (width !== undefined && Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d))) {
      const expected = (shape as number[]).reduce((a, b) => a * b, 1) * width;
      if (expected !== end - begin) problems.push(`tensor ${JSON.stringify(name).slice(0, 80)} holds ${end - begin} bytes but its shape needs ${expected}`);
    }
    ranges.push([begin, end, name]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1]) problems.push(`tensors ${JSON.stringify(ranges[i - 1]![2]).slice(0, 60)} and ${JSON.stringify(ranges[i]![2]).slice(0, 60)} overlap`);
  }
  if (problems.length) report(8 + headerLen);
}
