import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { runBatch } from '../dispatch.js';
import { DEFAULT_LIMITS, fileInput, memoryInput } from '../file-input.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import type { FileInput } from '../types.js';
import { modelFilesCollector as collector } from './index.js';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');

function onDisk(rel: string): FileInput {
  const abs = path.join(TESTDATA, rel);
  return fileInput(abs, rel, statSync(abs).size);
}

async function collect(file: FileInput) {
  const out = emptyOutput();
  await runCollectorsOnFile(file, [collector], out);
  return out;
}

/** The one asset's attrs without the hash (checked separately), and the warnings' messages. */
async function describe(rel: string) {
  const out = await collect(onDisk(rel));
  assert.ok(out.assets.length <= 1, `at most one asset for ${rel}`);
  const asset = out.assets[0];
  const { sha256, ...attrs } = asset?.attrs ?? {};
  return { asset, attrs, sha256, warnings: out.warnings.map((w) => w.message) };
}

function sniffs(rel: string): boolean {
  const head = readFileSync(path.join(TESTDATA, rel)).subarray(0, 64 * 1024);
  return collector.sniff!(head, rel);
}

test('wants model extensions and folder specs, declines other files', () => {
  for (const rel of ['a/model.safetensors', 'x.GGUF', 'm.onnx', 'w.bin', 'c.ckpt', 'p.pkl', 'saved/saved_model.pb', 'M.mlpackage/Manifest.json'])
    assert.equal(collector.wants(rel, path.basename(rel).toLowerCase()), true, rel);
  for (const rel of ['src/app.py', 'data/customers.csv', 'README.md', 'graph.pbtxt'])
    assert.equal(collector.wants(rel, path.basename(rel).toLowerCase()), false, rel);
});

test('sniffs models whose extension lies or is missing, and nothing else', () => {
  assert.equal(sniffs('weights.bin'), true); // a PyTorch zip named .bin
  assert.equal(sniffs('checkpoint'), true); // PyTorch legacy, no extension
  assert.equal(sniffs('state.dat'), true); // protocol-0 pickle named .dat
  assert.equal(sniffs('model.safetensors'), true);
  assert.equal(sniffs('notes.bin'), false);
  assert.equal(collector.sniff!(Buffer.from('(this is text, not a pickle)\n'), 'readme'), false);
  assert.equal(collector.sniff!(Buffer.from('PK\x03\x04'), 'archive.zip'), false);
});

test('safetensors: tensors, dtypes, parameters, metadata name and sha256', async () => {
  const { asset, attrs, sha256, warnings } = await describe('model.safetensors');
  assert.equal(asset?.kind, 'model-file');
  assert.equal(asset?.key, 'model.safetensors');
  assert.deepEqual(attrs, {
    format: 'safetensors',
    sizeBytes: 224,
    tensors: 2,
    parameters: 10,
    dtypes: ['F16', 'F32'],
    headerLength: 192,
    metadata: { format: 'pt', name: 'acme-sentiment-small' },
    modelName: 'acme-sentiment-small',
  });
  assert.equal(sha256, createHash('sha256').update(readFileSync(path.join(TESTDATA, 'model.safetensors'))).digest('hex'));
  assert.deepEqual(warnings, []);
});

test('safetensors whose header length is larger than the file: warning, asset marked malformed', async () => {
  const { attrs, warnings } = await describe('bad-length.safetensors');
  assert.deepEqual(attrs, { format: 'safetensors', sizeBytes: 27, malformed: true, headerLength: 4096 });
  assert.deepEqual(warnings, ['safetensors header is malformed: header length 4096 is larger than the file (27 bytes)']);
});

test('GGUF: architecture, name, quantisation, chat template, parameters from tensor shapes', async () => {
  const { attrs, warnings } = await describe('tiny.gguf');
  assert.deepEqual(attrs, {
    format: 'gguf',
    sizeBytes: 513,
    ggufVersion: 3,
    tensors: 2,
    hasChatTemplate: true,
    chatTemplateLength: 53,
    parameters: 48,
    framework: 'llama.cpp',
    architecture: 'llama',
    modelName: 'Acme Tiny Llama',
    tokenizer: 'gpt2',
    quantization: 'Q4_K_M',
  });
  assert.deepEqual(warnings, []);
});

test('truncated GGUF: what was read is kept, the cut is a warning', async () => {
  const { attrs, warnings } = await describe('truncated.gguf');
  assert.deepEqual(attrs, { format: 'gguf', sizeBytes: 90, ggufVersion: 3, tensors: 2, malformed: true, framework: 'llama.cpp', architecture: 'llama' });
  assert.deepEqual(warnings, ['GGUF header is malformed: metadata type is cut short at byte 90 (file has 90 bytes)']);
});

test('ONNX: producer, opsets, graph, custom operator domain and external data', async () => {
  const { attrs, warnings } = await describe('custom-op.onnx');
  assert.deepEqual(attrs, {
    format: 'onnx',
    sizeBytes: 189,
    framework: 'onnx',
    irVersion: 8,
    producer: 'pytorch',
    producerVersion: '2.3.0',
    modelVersion: 1,
    opsets: ['ai.onnx:17', 'com.acme:1'],
    graphName: 'acme_graph',
    nodes: 2,
    operators: ['Conv', 'com.acme:SecretGate'],
    initializers: 2,
    parameters: 9,
    dtypes: ['float32', 'int64'],
    customDomains: ['com.acme'],
    externalData: ['weights.bin'],
  });
  assert.deepEqual(warnings, []);
});

test('a .onnx that is not protobuf: asset by extension, warning with the first bytes', async () => {
  const { attrs, warnings } = await describe('fake.onnx');
  assert.deepEqual(attrs, { format: 'onnx', sizeBytes: 28, recognised: false });
  assert.deepEqual(warnings, ['content is not a recognisable onnx file (first bytes 7468697320697320)']);
});

test('ONNX with a length past the end of the model: warning, no crash', async () => {
  const bytes = readFileSync(path.join(TESTDATA, 'custom-op.onnx')).subarray(0, 120);
  const out = await collect(memoryInput('cut.onnx', bytes));
  assert.equal(out.assets[0]?.attrs?.malformed, true);
  assert.equal(out.assets[0]?.attrs?.producer, 'pytorch');
  assert.match(out.warnings[0]!.message, /^ONNX model is malformed: field 7 at byte \d+ claims \d+ bytes, past the end of its message$/);
});

test('PyTorch zip with any archive folder, named .bin: globals and protocol of data.pkl', async () => {
  const { asset, attrs } = await describe('weights.bin');
  assert.equal(asset?.key, 'weights.bin');
  assert.deepEqual(attrs, {
    format: 'pytorch-zip',
    sizeBytes: 588,
    framework: 'pytorch',
    archiveFolder: 'my_model',
    storages: 1,
    pickleProtocol: 2,
    importsGlobals: true,
    globals: ['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2'],
  });
  assert.equal((await describe('model.pt')).attrs.archiveFolder, 'archive');
});

test('PyTorch legacy checkpoint without extension', async () => {
  const { attrs } = await describe('checkpoint');
  assert.deepEqual(attrs, {
    format: 'pytorch-legacy',
    sizeBytes: 190,
    framework: 'pytorch',
    pickleProtocol: 2,
    importsGlobals: true,
    globals: ['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2'],
  });
});

test('pickles: protocol from PROTO or from the opcodes, globals noted', async () => {
  assert.deepEqual((await describe('model.pkl')).attrs, { format: 'pickle', sizeBytes: 91, pickleProtocol: 4, importsGlobals: false });
  assert.deepEqual((await describe('state.dat')).attrs, { format: 'pickle', sizeBytes: 45, pickleProtocol: 0, importsGlobals: false });
  const p1 = await collect(memoryInput('p1.pkl', Buffer.from('}q\x00X\x01\x00\x00\x00aq\x01K\x01s.', 'latin1')));
  assert.equal(p1.assets[0]?.attrs?.pickleProtocol, 1);
  const broken = await describe('broken.pkl');
  assert.deepEqual(broken.attrs, { format: 'pickle', sizeBytes: 13, malformed: true });
  assert.deepEqual(broken.warnings, ['pickle stream is malformed: byte 0xff at offset 11 is not a pickle opcode']);
});

test('zlib-compressed joblib: decompressed prefix read as a pickle', async () => {
  const { attrs } = await describe('classifier.joblib');
  assert.deepEqual(attrs, {
    format: 'joblib',
    sizeBytes: 117,
    compression: 'zlib',
    framework: 'scikit-learn',
    pickleProtocol: 4,
    importsGlobals: true,
    globals: ['sklearn.linear_model._logistic.LogisticRegression', 'joblib.numpy_pickle.NumpyArrayWrapper'],
  });
  const xz = await collect(memoryInput('m.joblib', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3])));
  assert.deepEqual({ ...xz.assets[0]?.attrs, sha256: undefined }, { format: 'joblib', sizeBytes: 9, compression: 'xz', contentsInspected: false, sha256: undefined });
});

test('NumPy .npy and .npz headers, object dtype noted', async () => {
  assert.deepEqual((await describe('arr.npy')).attrs, { format: 'npy', sizeBytes: 176, framework: 'numpy', dtype: 'float32', shape: [3, 4], parameters: 12, fortranOrder: false });
  assert.deepEqual((await describe('arrays.npz')).attrs, {
    format: 'npz',
    sizeBytes: 357,
    framework: 'numpy',
    arrayCount: 2,
    arrays: [
      { name: 'weights', dtype: 'float32', shape: [2, 3] },
      { name: 'labels', dtype: 'object', shape: [2] },
    ],
    parameters: 8,
    dtypes: ['float32', 'object'],
    objectArrays: 1,
  });
  const bad = await collect(memoryInput('bad.npy', Buffer.from('\x93NUMPY\x01\x00\xff\x00{', 'latin1')));
  assert.deepEqual(bad.warnings.map((w) => w.message), ['NumPy .npy header is malformed: header claims 255 bytes, more than the file holds']);
});

test('Keras v3 archive: config summary with Lambda layers and custom objects', async () => {
  assert.deepEqual((await describe('model.keras')).attrs, {
    format: 'keras',
    sizeBytes: 625,
    framework: 'keras',
    weights: 'model.weights.h5',
    kerasVersion: '3.3.3',
    modelClass: 'Sequential',
    modelName: 'acme_classifier',
    layers: 4,
    lambdaLayers: ['scale'],
    customObjects: ['acme>Gate'],
  });
});

test('legacy Keras HDF5 with a model_config attribute', async () => {
  assert.deepEqual((await describe('legacy.h5')).attrs, {
    format: 'hdf5',
    sizeBytes: 491,
    superblockVersion: 0,
    framework: 'keras',
    kerasModelConfig: true,
    modelClass: 'Sequential',
    modelName: 'legacy',
    layers: 2,
  });
});

test('TFLite flatbuffer and Core ML spec', async () => {
  assert.deepEqual((await describe('model.tflite')).attrs, {
    format: 'tflite',
    sizeBytes: 44,
    framework: 'tensorflow-lite',
    schemaVersion: 3,
    description: 'acme',
    subgraphs: 0,
    operatorCodes: 0,
  });
  assert.deepEqual((await describe('model.mlmodel')).attrs, {
    format: 'coreml',
    sizeBytes: 41,
    framework: 'coreml',
    specificationVersion: 4,
    description: 'Demo classifier',
    author: 'ACME ML team',
    modelType: 'neuralNetworkClassifier',
  });
  const cut = await collect(memoryInput('cut.tflite', Buffer.from('\x40\x00\x00\x00TFL3', 'latin1')));
  assert.deepEqual(cut.warnings.map((w) => w.message), ['TFLite flatbuffer is malformed: flatbuffer root offset 64 lies outside the file']);
});

test('SavedModel: the folder is the asset, tags and signatures from saved_model.pb', async () => {
  const { asset, attrs } = await describe('export/saved_model.pb');
  assert.equal(asset?.key, 'export');
  assert.equal(asset?.name, 'export');
  assert.deepEqual(attrs, {
    format: 'tensorflow-savedmodel',
    specFile: 'saved_model.pb',
    framework: 'tensorflow',
    schemaVersion: 1,
    metaGraphs: 1,
    tensorflowVersion: '2.15.0',
    hasVariables: true,
    tags: ['serve'],
    signatures: ['serving_default'],
  });
});

test('Core ML package: Manifest.json makes the .mlpackage folder the asset', async () => {
  const manifest = JSON.stringify({ fileFormatVersion: '1.0.0', itemInfoEntries: { a: { path: 'com.apple.CoreML/model.mlmodel' }, b: { path: 'com.apple.CoreML/weights' } } });
  const out = await collect(memoryInput('ios/Demo.mlpackage/Manifest.json', manifest));
  assert.equal(out.assets[0]?.key, 'ios/Demo.mlpackage');
  assert.deepEqual(out.assets[0]?.attrs, { format: 'coreml-package', specFile: 'Manifest.json', framework: 'coreml', fileFormatVersion: '1.0.0', items: 2, weights: 'com.apple.CoreML/weights' });
});

test('a generic extension whose content is no model yields nothing', async () => {
  const out = await collect(onDisk('notes.bin'));
  assert.deepEqual(out.assets, []);
  assert.deepEqual(out.warnings, []);
});

test('llamafile: the stored GGUF member is described in place', async () => {
  const { attrs } = await describe('acme.llamafile');
  assert.deepEqual(attrs, {
    format: 'llamafile',
    sizeBytes: 838,
    ggufVersion: 3,
    tensors: 2,
    hasChatTemplate: true,
    chatTemplateLength: 53,
    parameters: 48,
    framework: 'llama.cpp',
    architecture: 'llama',
    modelName: 'Acme Llamafile',
    tokenizer: 'gpt2',
    quantization: 'Q4_K_M',
    embeddedWeights: 'acme.gguf',
  });
});

test('a file over the hashing limit gets no sha256 but a note, and is still described', async () => {
  const abs = path.join(TESTDATA, 'tiny.gguf');
  const out = await collect(fileInput(abs, 'tiny.gguf', statSync(abs).size, { maxContentBytes: 100, maxHashBytes: 100 }));
  const attrs = out.assets[0]!.attrs!;
  assert.equal(attrs.sha256, undefined);
  assert.deepEqual(attrs.notes, ['sha256 not computed: 513 bytes is over the 100-byte hashing limit']);
  assert.equal(attrs.quantization, 'Q4_K_M');
});

test('through the dispatcher: extensions and sniffing together find every model and nothing else', async () => {
  const files: Array<{ abs: string; rel: string; size: number }> = [];
  const visit = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path.join(dir, e.name), rel);
      else files.push({ abs: path.join(dir, e.name), rel, size: statSync(path.join(dir, e.name)).size });
    }
  };
  visit(TESTDATA, '');
  const { output } = await runBatch(files, [collector], DEFAULT_LIMITS);
  // the collector's own drafts (the content stage adds safety facts to the same keys)
  const found = Object.fromEntries(output.assets.filter((a) => a.evidence?.[0]?.collector === 'model-files').map((a) => [a.key, a.attrs?.format]));
  assert.deepEqual(found, {
    'acme.llamafile': 'llamafile',
    'arr.npy': 'npy',
    'arrays.npz': 'npz',
    'bad-length.safetensors': 'safetensors',
    'broken.pkl': 'pickle',
    checkpoint: 'pytorch-legacy', // no extension: found by sniffing
    'classifier.joblib': 'joblib',
    'custom-op.onnx': 'onnx',
    export: 'tensorflow-savedmodel',
    'fake.onnx': 'onnx',
    'legacy.h5': 'hdf5',
    'model.keras': 'keras',
    'model.mlmodel': 'coreml',
    'model.pkl': 'pickle',
    'model.pt': 'pytorch-zip',
    'model.safetensors': 'safetensors',
    'model.tflite': 'tflite',
    'state.dat': 'pickle',
    'tiny.gguf': 'gguf',
    'truncated.gguf': 'gguf',
    'weights.bin': 'pytorch-zip',
  });
});

test('GGUF: metadata after a vocabulary larger than one read chunk is still found', async () => {
  const str = (s: string) => {
    const b = Buffer.from(s);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(b.length));
    return Buffer.concat([len, b]);
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };
  const tokens = Array.from({ length: 150_000 }, (_, i) => str(`token-${i}`)); // ~2.4 MB
  const gguf = Buffer.concat([
    Buffer.from('GGUF'), u32(3), u64(0), u64(3),
    str('general.architecture'), u32(8), str('qwen2'),
    str('tokenizer.ggml.tokens'), u32(9), u32(8), u64(tokens.length), ...tokens,
    str('general.file_type'), u32(4), u32(7),
  ]);
  const out = await collect(memoryInput('vocab.gguf', gguf));
  assert.deepEqual(out.warnings, []);
  assert.equal(out.assets[0]?.attrs?.architecture, 'qwen2');
  assert.equal(out.assets[0]?.attrs?.quantization, 'Q8_0');
});
