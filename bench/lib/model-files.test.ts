import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { ggufBytes, npyBytes, onnxBytes, pickleBytes, pytorchZip, safetensorsBytes } from './model-files.js';
import { Rng } from '../../src/util/rng.js';

const rng = () => new Rng('model-files-test');

test('safetensors: the header length and tensor offsets describe the data exactly', () => {
  const buf = safetensorsBytes(rng(), 200_000, 'LlamaForCausalLM');
  const n = Number(buf.readBigUInt64LE(0));
  assert.equal(n % 8, 0);
  const header = JSON.parse(buf.subarray(8, 8 + n).toString()) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  assert.deepEqual(header.__metadata__, { format: 'pt', architecture: 'LlamaForCausalLM' });
  const tensors = Object.entries(header).filter(([k]) => k !== '__metadata__');
  assert.equal(tensors.length, 4);
  const end = Math.max(...tensors.map(([, t]) => t.data_offsets[1]));
  assert.equal(buf.length, 8 + n + end);
  for (const [, t] of tensors) assert.equal(t.data_offsets[1] - t.data_offsets[0], t.shape[0] * t.shape[1] * 2);
});

test('GGUF: magic, version 3, counts and the architecture key', () => {
  const buf = ggufBytes(rng(), 50_000, 'llama', 'Acme Tuned 8B', 'Q4_K_M');
  assert.equal(buf.subarray(0, 4).toString(), 'GGUF');
  assert.equal(buf.readUInt32LE(4), 3);
  assert.equal(buf.readBigUInt64LE(8), 3n); // tensors
  assert.equal(buf.readBigUInt64LE(16), 7n); // metadata entries
  const keyLen = Number(buf.readBigUInt64LE(24));
  assert.equal(buf.subarray(32, 32 + keyLen).toString(), 'general.architecture');
  assert.equal(buf.readUInt32LE(32 + keyLen), 8); // string
  const valLen = Number(buf.readBigUInt64LE(36 + keyLen));
  assert.equal(buf.subarray(44 + keyLen, 44 + keyLen + valLen).toString(), 'llama');
});

test('numpy: magic, v1.0 and a 64-byte aligned header with the shape', () => {
  const buf = npyBytes(rng(), 70_000);
  assert.deepEqual([...buf.subarray(0, 8)], [0x93, ...Buffer.from('NUMPY'), 1, 0]);
  const hl = buf.readUInt16LE(8);
  assert.equal((10 + hl) % 64, 0);
  const header = buf.subarray(10, 10 + hl).toString('latin1');
  assert.match(header, /'descr': '<f4', 'fortran_order': False, 'shape': \(136, 128\)/);
  assert.equal(buf.length, 10 + hl + 136 * 128 * 4);
});

test('PyTorch zip: a stored archive with data.pkl, version and the tensor data', () => {
  const buf = pytorchZip(rng(), 10_000);
  assert.equal(buf.readUInt32LE(0), 0x04034b50);
  const entries = unzipSync(buf);
  assert.deepEqual(Object.keys(entries).sort(), ['archive/byteorder', 'archive/data.pkl', 'archive/data/0', 'archive/version']);
  assert.equal(Buffer.from(entries['archive/data.pkl']).subarray(0, 3).toString('latin1'), '\x80\x02c');
  assert.equal(entries['archive/data/0'].length, 9_400);
});

test('pickle: protocol 2, the class global (or os.system when unsafe), the requested size', () => {
  const safe = pickleBytes(rng(), 4096, 'sklearn.linear_model._logistic.LogisticRegression');
  assert.equal(safe.subarray(0, 3).toString('latin1'), '\x80\x02c');
  assert.ok(safe.includes('sklearn.linear_model._logistic\nLogisticRegression\n'));
  assert.equal(safe.at(-1), 0x2e); // STOP
  assert.equal(safe.length, 4096);
  const unsafe = pickleBytes(rng(), 4096, 'x.Y', true);
  assert.ok(unsafe.includes('posix\nsystem\n'));
});

test('ONNX: ir_version 8, producer pytorch and a MatMul node', () => {
  const buf = onnxBytes(rng(), 4096, 'main_graph');
  assert.deepEqual([...buf.subarray(0, 2)], [0x08, 0x08]);
  assert.equal(buf.subarray(2, 4).toString('latin1'), '\x12\x07');
  assert.equal(buf.subarray(4, 11).toString(), 'pytorch');
  assert.ok(buf.includes('MatMul'));
  assert.ok(buf.includes('main_graph'));
});
