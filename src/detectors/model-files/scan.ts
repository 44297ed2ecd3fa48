// Recognises a file (or an archive member, or decompressed data) by its content, never by its name
// alone, and hands it to the analyser of that format. Names only decide between formats the bytes cannot
// tell apart (protocol-0 pickles, JSON configs, ONNX and TensorFlow protobufs).

import { hdf5Offset } from '../../collectors/model-files/formats/hdf5.js';
import { looksLikeOnnx } from '../../collectors/model-files/formats/onnx.js';
import { extensionOf } from '../../collectors/model-files/formats/types.js';
import { analyseCompressed, analyseOpaqueArchive, compressionOf, opaqueArchiveOf } from './formats/compressed.js';
import { analyseGguf, isGguf } from './formats/gguf.js';
import { analyseKerasH5, analyseKerasJson } from './formats/keras.js';
import { analyseNpy, isNpy } from './formats/numpy.js';
import { analyseOnnx } from './formats/onnx.js';
import { analysePickleTarget } from './formats/pickle-file.js';
import { analyseSafetensors, looksLikeSafetensors } from './formats/safetensors.js';
import { analyseSavedModel } from './formats/savedmodel.js';
import { analyseTar, isTar } from './formats/tar.js';
import { analyseZip, isZip } from './formats/zip.js';
import { looksLikePickleStart } from './pickle-analysis.js';
import { detection } from './report.js';
import { fileOffset, type ScanState, type Target } from './scan-types.js';

/** Extensions under which pickles are commonly saved (protocol-0/1 pickles have no magic number). */
export const PICKLE_EXTENSIONS = new Set(['pkl', 'pickle', 'pk', 'p', 'pt', 'pth', 'bin', 'ckpt', 'joblib', 'jbl', 'model', 'dat', 'data', 'sav', 'mar', 'pth.tar', 'npy', 'z']);

const HEAD = 512;

function isJsonStart(head: Buffer): boolean {
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b;
  }
  return false;
}

function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
}

/** Content a container member is worth analysing as: anything but raw data and plain text. */
export function worthAnalysing(head: Buffer, name: string): boolean {
  const ext = extensionOf(name);
  return (
    isZip(head) || isNpy(head) || isGguf(head) || hdf5Offset(head) >= 0 || compressionOf(head) !== undefined || opaqueArchiveOf(head) !== undefined ||
    isTar(head) || looksLikeSafetensors(head) || looksLikePickleStart(head, 0, PICKLE_EXTENSIONS.has(ext)) ||
    (isJsonStart(head) && ext === 'json') || (ext === 'onnx' && looksLikeOnnx(head)) || (ext === 'pb' && head.length > 0)
  );
}

export async function scanTarget(t: Target, st: ScanState): Promise<string> {
  const head = await t.src.read(0, HEAD);
  const ext = extensionOf(t.rel);
  if (isZip(head)) return analyseZip(t, st);
  if (isNpy(head)) return analyseNpy(t, st).then(() => 'npy');
  if (isGguf(head)) return analyseGguf(t, st).then(() => 'gguf');
  if (hdf5Offset(head) >= 0) return analyseKerasH5(t, st).then(() => 'hdf5');
  const compression = compressionOf(head);
  if (compression) return analyseCompressed(compression, t, st).then(() => compression);
  const opaque = opaqueArchiveOf(head);
  if (opaque) return analyseOpaqueArchive(opaque, t, st).then(() => opaque);
  if (isTar(head)) return analyseTar(t, st).then(() => 'tar');
  if (looksLikeSafetensors(head)) return analyseSafetensors(t, st).then(() => 'safetensors');
  if (looksLikePickleStart(head, 0, false) && (await analysePickleTarget(t, st))) return 'pickle';
  if (isJsonStart(head)) return (await analyseKerasJson(t, st)) ? 'keras-json' : 'json';
  if (looksLikeOnnx(head) || ext === 'onnx') return analyseOnnx(t, st).then(() => 'onnx');
  if (ext === 'pb' || baseName(t.rel) === 'saved_model.pb') return analyseSavedModel(t, st).then(() => 'tensorflow-graph');
  if (looksLikePickleStart(head, 0, true) && PICKLE_EXTENSIONS.has(ext) && (await analysePickleTarget(t, st))) return 'pickle';
  return 'unknown';
}

/** scanTarget that turns read errors of damaged files into a detection, so that analysis goes on. */
export async function scanSafely(t: Target, st: ScanState): Promise<string> {
  try {
    return await scanTarget(t, st);
  } catch (err) {
    st.detections.push(detection('model-file-malformed', 'medium', fileOffset(t, 0), fileOffset(t, 1), [`analysis stopped: ${(err as Error).message}`], t.entry ? { entry: t.entry } : {}));
    return 'malformed';
  }
}
