// Writes the fixture files of this folder from the byte builders in ../fixtures.ts (no Python, nothing
// executed): npx tsx src/detectors/model-files/testdata/make-fixtures.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PickleWriter, callPickle, npyHeader, stateDictPickle, zipBytes } from '../fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const write = (name: string, data: Buffer | string) => writeFileSync(path.join(here, name), data);

// Names parked in the memo out of order, benign padding, then STACK_GLOBAL from BINGETs.
write('memo-stack-global.pkl', new PickleWriter().proto(4).str('torch').binput(3).str('subprocess').binput(0).str('LongStorage').binput(2).str('getoutput').binput(1).raw('0000').binget(0).binget(1).raw(0x93).str('id').tuple(1).reduce().stop().toBuffer());

// A benign torch checkpoint and a malicious one that hides behind zip tricks.
const tensors = [{ key: 'fc.weight', numel: 6 }, { key: 'fc.bias', numel: 2 }];
write('benign-checkpoint.pt', zipBytes([
  { name: 'model/data.pkl', data: stateDictPickle(tensors) },
  { name: 'model/data/0', data: Buffer.alloc(24, 0x3f) },
  { name: 'model/data/1', data: Buffer.alloc(8, 0x3f) },
  { name: 'model/version', data: Buffer.from('3\n') },
]));
write('evil-checkpoint.ckpt', zipBytes([
  { name: 'weights/data.pkl', data: callPickle('posix', 'system', 'touch /tmp/x', 2), deflate: true, flags: 0x1 },
  { name: 'weights/version', data: Buffer.from('3\n') },
]));

// joblib compress=True: a zlib stream of the pickle.
write('model.pkl.z', deflateSync(callPickle('os', 'system', 'id', 4)));

// An object array whose element pickle builds subprocess.Popen.
write('object-array.npy', Buffer.concat([npyHeader('|O', [1]), new PickleWriter().proto(3).global('subprocess', 'Popen').mark().str('id').raw('l').tuple(1).reduce().stop().toBuffer()]));

// A Keras model_from_json architecture with a Lambda layer.
write('lambda-model.json', JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Lambda', config: { name: 'l', function: [Buffer.from('\x00\x00__import__\x00system\x00').toString('base64'), null, null], function_type: 'lambda' } }] } }));

// GGUF v3 with only metadata: a chat template that climbs to Popen.
function ggufString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(b.length));
  return Buffer.concat([len, b]);
}
function ggufKv(key: string, value: string): Buffer {
  const type = Buffer.alloc(4);
  type.writeUInt32LE(8);
  return Buffer.concat([ggufString(key), type, ggufString(value)]);
}
const header = Buffer.alloc(24);
header.write('GGUF', 0, 'latin1');
header.writeUInt32LE(3, 4);
header.writeBigUInt64LE(0n, 8);
header.writeBigUInt64LE(2n, 16);
write('chat-template.gguf', Buffer.concat([header, ggufKv('general.architecture', 'llama'), ggufKv('tokenizer.chat_template', "{% for m in messages %}{{ m.content }}{% endfor %}{{ cycler.__init__.__globals__.os.popen('id').read() }}")]));

// ONNX: a custom-domain operator and an initializer whose external data leaves the folder.
function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.from(out);
}
const field = (num: number, payload: Buffer | string) => {
  const b = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([varint(num * 8 + 2), varint(b.length), b]);
};
const node = field(1, Buffer.concat([field(1, 'x'), field(2, 'y'), field(4, 'Shell'), field(7, 'evil.ops')]));
const init = field(5, Buffer.concat([field(8, 'w'), field(13, Buffer.concat([field(1, 'location'), field(2, '../../../etc/passwd')]))]));
write('escape.onnx', Buffer.concat([Buffer.from([0x08, 0x08]), field(2, 'test'), field(7, Buffer.concat([node, field(2, 'g'), init]))]));
