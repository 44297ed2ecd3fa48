// safetensors: an 8-byte little-endian header length, a JSON header (tensor name → dtype, shape,
// data_offsets; optional `__metadata__` of strings), then raw tensor bytes.

import type { AttrValue } from '../../../model/index.js';
import { maskIfSecret, maskSecrets } from '../../../util/mask.js';
import { elementCount, type ByteSource } from '../binary/source.js';
import { compact, type FormatReader, type Warn } from './types.js';

const MAX_HEADER = 100 * 1024 * 1024; // the reference implementation refuses headers past 100 MB
const MAX_METADATA_KEYS = 50;
const MAX_METADATA_VALUE = 200;

interface TensorInfo {
  dtype?: unknown;
  shape?: unknown;
  data_offsets?: unknown;
}

function headerLength(head: Buffer): number | undefined {
  if (head.length < 9) return undefined;
  const n = head.readBigUInt64LE(0);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(n);
}

export function looksLikeSafetensors(head: Buffer): boolean {
  const n = headerLength(head);
  return n !== undefined && n >= 2 && n <= MAX_HEADER && head[8] === 0x7b && (head[9] === 0x22 || head[9] === 0x7d || head[9] === 0x20); // `{"`, `{}`, `{ `
}

async function describeSafetensors(src: ByteSource, head: Buffer, _rel: string, warn: Warn) {
  const n = headerLength(head);
  const fail = (why: string) => {
    warn(`safetensors header is malformed: ${why}`);
    return { format: 'safetensors', attrs: { malformed: true, ...(n !== undefined ? { headerLength: n } : {}) } };
  };
  if (n === undefined) return fail('the 8-byte header length is missing or impossible');
  if (n > src.size - 8) return fail(`header length ${n} is larger than the file (${src.size} bytes)`);
  if (n > MAX_HEADER) return fail(`header length ${n} is over the ${MAX_HEADER}-byte limit`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse((await src.read(8, n)).toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return fail(`JSON header does not parse: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('JSON header is not an object');
  const dataSize = src.size - 8 - n;
  const dtypes = new Set<string>();
  let tensors = 0;
  let parameters = 0;
  let outOfBounds = 0;
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const t = value as TensorInfo;
    if (typeof t !== 'object' || t === null || typeof t.dtype !== 'string' || !Array.isArray(t.shape)) {
      warn(`safetensors tensor ${JSON.stringify(name).slice(0, 80)} has no dtype or shape`);
      continue;
    }
    tensors++;
    dtypes.add(t.dtype);
    parameters += elementCount(t.shape.map(Number));
    const off = t.data_offsets;
    if (Array.isArray(off) && (Number(off[1]) > dataSize || Number(off[0]) > Number(off[1]))) outOfBounds++;
  }
  if (outOfBounds) warn(`${outOfBounds} safetensors tensor(s) point past the end of the data (truncated file?)`);
  return {
    format: 'safetensors',
    attrs: compact({
      tensors,
      parameters,
      dtypes: [...dtypes].sort(),
      headerLength: n,
      metadata: metadataOf(header.__metadata__),
      modelName: nameFromMetadata(header.__metadata__),
    }),
  };
}

// Metadata is free text written by whoever saved the file: bounded, and masked if it looks like a secret.
function metadataOf(meta: unknown): { [k: string]: AttrValue } | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const out: { [k: string]: AttrValue } = {};
  for (const [k, v] of Object.entries(meta).slice(0, MAX_METADATA_KEYS)) {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    out[k] = maskSecrets(maskIfSecret(k, s.slice(0, MAX_METADATA_VALUE)));
  }
  return Object.keys(out).length ? out : undefined;
}

// Only a name the file states: the keys some exporters write, never one guessed from the file name.
const NAME_KEYS = ['name', 'model_name', 'modelspec.title', 'base_model'];

function nameFromMetadata(meta: unknown): string | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const m = meta as Record<string, unknown>;
  const key = NAME_KEYS.find((k) => typeof m[k] === 'string' && (m[k] as string).trim());
  return key ? (m[key] as string).slice(0, MAX_METADATA_VALUE) : undefined;
}

export const safetensorsReader: FormatReader = {
  format: 'safetensors',
  extensions: ['safetensors'],
  sniff: looksLikeSafetensors,
  describe: describeSafetensors,
};
