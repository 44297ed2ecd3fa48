// The format readers in the order they are tried: exact magic numbers first, then container formats,
// then the pickle family, then protobuf formats whose first bytes prove least.

import { coremlReader, mlpackageReader } from './formats/coreml.js';
import { ggufReader } from './formats/gguf.js';
import { hdf5Reader } from './formats/hdf5.js';
import { llamafileReader } from './formats/llamafile.js';
import { npyReader } from './formats/numpy.js';
import { onnxReader } from './formats/onnx.js';
import { compressedJoblibReader, pickleReader } from './formats/pickle.js';
import { safetensorsReader } from './formats/safetensors.js';
import { savedModelReader } from './formats/savedmodel.js';
import { tfliteReader } from './formats/tflite.js';
import type { FormatReader } from './formats/types.js';
import { zipFamilyReader } from './formats/zip-family.js';

export const READERS: FormatReader[] = [
  savedModelReader,
  mlpackageReader,
  ggufReader,
  llamafileReader,
  hdf5Reader,
  tfliteReader,
  npyReader,
  safetensorsReader,
  zipFamilyReader,
  pickleReader,
  compressedJoblibReader,
  coremlReader,
  onnxReader,
];

/** Extensions that declare a model format, and the formats their content may turn out to be. */
export const DECLARED: Record<string, string[]> = {
  pkl: ['pickle', 'joblib', 'pytorch-legacy', 'pytorch-zip'],
  pickle: ['pickle', 'joblib'],
  joblib: ['joblib', 'pickle'],
  pt: ['pytorch-zip', 'pytorch-legacy', 'pickle'],
  pth: ['pytorch-zip', 'pytorch-legacy', 'pickle'],
  npy: ['npy'],
  npz: ['npz'],
  h5: ['hdf5'],
  hdf5: ['hdf5'],
  keras: ['keras'],
  onnx: ['onnx'],
  safetensors: ['safetensors'],
  gguf: ['gguf'],
  tflite: ['tflite'],
  mlmodel: ['coreml'],
  llamafile: ['llamafile'],
};

/** Extensions worth a look whose content decides (weights, checkpoints, or anything at all). */
export const GENERIC = ['bin', 'ckpt', 'dat', 'model', 'msgpack', 'pb', 'ggml'];

/** The formats an extension declares, if it declares any (own keys only: `x.constructor` declares nothing). */
export function declaredFormats(ext: string): string[] | undefined {
  return Object.hasOwn(DECLARED, ext) ? DECLARED[ext] : undefined;
}
