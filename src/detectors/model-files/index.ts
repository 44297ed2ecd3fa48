// The unsafe model-file detector: a pure function over a file's bytes (read lazily, by range) that tells
// whether loading the file can run code or harm the machine, and why. Nothing is ever loaded, imported,
// unpickled or executed. Formats are recognised by content; archives and compressed data are followed to
// a bounded depth; pickles are simulated opcode by opcode (see pickle-vm.ts).

import { ByteSource } from '../../collectors/model-files/binary/source.js';
import { extensionOf } from '../../collectors/model-files/formats/types.js';
import { detection, isSevere, SEVERITY_RANK, type ModelDetection } from './report.js';
import { scanSafely, worthAnalysing } from './scan.js';
import type { ScanState } from './scan-types.js';

export type { ModelDetection } from './report.js';
export type { Severity } from './globals-policy.js';

export const MODEL_FILES_DETECTOR_ID = 'model-files';
export const MODEL_FILES_DETECTOR_VERSION = '1.0.0';

/** The part of FileInput the detector needs (src/collectors/types.ts FileInput fits). */
export interface ModelFileInput {
  rel: string;
  size: number;
  head(): Promise<Buffer>;
  bytes(): Promise<Buffer>;
  range(offset: number, length: number): Promise<Buffer>;
}

export interface ModelFileVerdict {
  /** The outer format recognised from the content (`pickle`, `pytorch-zip`, `npy`, `gguf`, ...). */
  format: string;
  /** Sorted by offset; `start`/`end` are byte offsets in the file (for compressed members: the member's header). */
  detections: ModelDetection[];
  /** True when any detection is high or critical: loading the file can run code or harm the machine. */
  malicious: boolean;
  /** The highest severity found, if any. */
  severity?: ModelDetection['severity'];
}

/** Opcodes simulated per file, across all its pickles: bounds the work a crafted file can cause. */
const OPCODE_BUDGET = 50_000_000;

// Extensions of formats that cannot carry code: a pickle or archive under one of them is disguised.
const SAFE_EXTENSIONS = new Set(['safetensors', 'gguf', 'onnx', 'npy', 'npz', 'json', 'h5', 'hdf5', 'tflite', 'msgpack', 'txt', 'png', 'jpg', 'jpeg']);
const CODE_FORMATS = new Set(['pickle', 'pytorch-zip', 'zip', 'gzip', 'zlib', 'tar', '7z']);

export async function analyseModelFile(input: ModelFileInput): Promise<ModelFileVerdict> {
  const src = new ByteSource({ size: input.size, range: (o, l) => input.range(o, l) });
  const st: ScanState = {
    budget: { opcodes: OPCODE_BUDGET },
    detections: [],
    formats: [],
    sniff: worthAnalysing,
    nested: (t) => scanSafely(t, st),
  };
  let format: string;
  try {
    format = await scanSafely({ src, rel: input.rel, base: 0, reportAt: 0, depth: 0 }, st);
  } catch (err) {
    // scanSafely catches read errors; anything reaching here is a bug, reported rather than thrown.
    format = 'unknown';
    st.detections.push(detection('model-file-analysis-error', 'medium', 0, 1, [`analysis failed: ${(err as Error).message}`]));
  }
  const ext = extensionOf(input.rel);
  if (SAFE_EXTENSIONS.has(ext) && CODE_FORMATS.has(format)) {
    st.detections.push(detection('format-extension-mismatch', 'medium', 0, Math.min(8, input.size), [`the extension says .${ext}, a format without code, but the content is ${format}: tools that trust the extension skip the checks it needs`]));
  }
  const detections = st.detections.sort((a, b) => a.start - b.start || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const top = detections.reduce<ModelDetection['severity'] | undefined>((s, d) => (!s || SEVERITY_RANK[d.severity] > SEVERITY_RANK[s] ? d.severity : s), undefined);
  return { format, detections, malicious: detections.some(isSevere), ...(top ? { severity: top } : {}) };
}
