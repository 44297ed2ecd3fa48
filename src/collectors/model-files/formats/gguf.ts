// GGUF (llama.cpp): magic `GGUF`, version, tensor count, metadata key/value pairs, tensor infos. Read
// sequentially with range reads; the tokenizer vocabulary (often MBs of strings) is skipped, not kept.

import type { Attrs } from '../../../model/index.js';
import { maskSecrets } from '../../../util/mask.js';
import { Cursor, MalformedError, TruncatedError, elementCount, type ByteSource } from '../binary/source.js';
import { compact, type FormatReader, type Warn } from './types.js';

// llama_ftype (general.file_type) → the quantisation names llama.cpp uses.
const FILE_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 4: 'Q4_1_SOME_F16', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K',
  11: 'Q3_K_S', 12: 'Q3_K_M', 13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K',
  19: 'IQ2_XXS', 20: 'IQ2_XS', 21: 'Q2_K_S', 22: 'IQ3_XS', 23: 'IQ3_XXS', 24: 'IQ1_S', 25: 'IQ4_NL', 26: 'IQ3_S',
  27: 'IQ3_M', 28: 'IQ2_S', 29: 'IQ2_M', 30: 'IQ4_XS', 31: 'IQ1_M', 32: 'BF16', 36: 'TQ1_0', 37: 'TQ2_0',
};

// Metadata value types and the byte width of the fixed-size ones.
const T = { U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10, I64: 11, F64: 12 } as const;
const WIDTH: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

const MAX_KV = 100_000;
const MAX_TENSORS = 1_000_000;
const MAX_KEY = 65_536;
const MAX_STRING = 64 * 1024 * 1024;
const KEPT_STRING = 200;
// Keys copied into attrs (strings bounded and masked); everything else is read past.
const KEPT_KEYS = new Set(['general.architecture', 'general.name', 'general.basename', 'general.parameter_count', 'general.file_type', 'general.size_label', 'general.license', 'general.quantization_version', 'general.source.url', 'general.source.huggingface.repository', 'tokenizer.ggml.model']);

type Value = string | number | boolean | bigint | undefined;

export function isGguf(head: Buffer): boolean {
  return head.subarray(0, 4).toString('latin1') === 'GGUF';
}

/** Reads one metadata value; arrays are skipped (their length is returned) unless they are tiny. */
async function readValue(c: Cursor, type: number, keep: boolean): Promise<Value> {
  const width = WIDTH[type];
  if (width !== undefined) {
    const b = await c.bytes(width, 'metadata value');
    switch (type) {
      case T.U8: return b.readUInt8(0);
      case T.I8: return b.readInt8(0);
      case T.U16: return b.readUInt16LE(0);
      case T.I16: return b.readInt16LE(0);
      case T.U32: return b.readUInt32LE(0);
      case T.I32: return b.readInt32LE(0);
      case T.F32: return b.readFloatLE(0);
      case T.BOOL: return b[0] !== 0;
      case T.U64: return Number(b.readBigUInt64LE(0));
      case T.I64: return Number(b.readBigInt64LE(0));
      default: return b.readDoubleLE(0);
    }
  }
  if (type === T.STRING) {
    const len = await c.u64('string length');
    if (len > MAX_STRING) throw new MalformedError(`string of ${len} bytes at offset ${c.pos - 8} is implausible`);
    const s = keep ? (await c.src.need(c.pos, Math.min(len, KEPT_STRING), 'string')).toString('utf8') : undefined;
    c.skip(len);
    if (c.pos > c.src.size) throw new TruncatedError(`string at offset ${c.pos - len} runs past the end of the file`);
    return keep ? s : len;
  }
  if (type === T.ARRAY) {
    const itemType = await c.u32('array item type');
    const count = await c.u64('array length');
    const w = WIDTH[itemType];
    if (w !== undefined) c.skip(w * count);
    else if (itemType === T.STRING) await skipStrings(c, count);
    else for (let i = 0; i < count; i++) await readValue(c, itemType, false);
    if (c.pos > c.src.size) throw new TruncatedError(`array at offset ${c.pos} runs past the end of the file`);
    return count;
  }
  throw new MalformedError(`metadata value type ${type} at offset ${c.pos - 4} does not exist`);
}

/**
 * Skips `count` length-prefixed strings (a tokenizer vocabulary has 100k+) reading 1 MiB at a time and
 * walking the lengths synchronously: one await per chunk instead of two per string.
 */
async function skipStrings(c: Cursor, count: number): Promise<void> {
  const CHUNK = 1024 * 1024;
  let left = count;
  while (left > 0) {
    const buf = await c.src.read(c.pos, CHUNK);
    if (buf.length < 8) throw new TruncatedError(`string array at offset ${c.pos} runs past the end of the file`);
    let at = 0;
    while (left > 0 && at + 8 <= buf.length) {
      const len = buf.readBigUInt64LE(at);
      if (len > BigInt(MAX_STRING)) throw new MalformedError(`string of ${len} bytes at offset ${c.pos + at} is implausible`);
      const next = at + 8 + Number(len);
      if (next > buf.length && at > 0) break; // continue from this string in the next chunk
      at = next;
      left--;
    }
    c.skip(at);
    if (c.pos > c.src.size) throw new TruncatedError(`string array runs past the end of the file`);
  }
}

export async function describeGgufSource(src: ByteSource, warn: Warn): Promise<Attrs> {
  const c = new Cursor(src, 4);
  const attrs: Attrs = {};
  const meta = new Map<string, Value>();
  try {
    const version = await c.u32('version');
    attrs.ggufVersion = version;
    if (version < 1 || version > 3) throw new MalformedError(`GGUF version ${version} is unknown`);
    // Version 1 stored counts and lengths as uint32; later versions as uint64 (the cursor follows v2+).
    if (version === 1) throw new MalformedError('GGUF version 1 (pre-release layout) is not read');
    const tensorCount = await c.u64('tensor count');
    const kvCount = await c.u64('metadata count');
    if (tensorCount > MAX_TENSORS || kvCount > MAX_KV) throw new MalformedError(`header claims ${tensorCount} tensors and ${kvCount} metadata entries`);
    attrs.tensors = tensorCount;
    let chatTemplateLength: number | undefined;
    for (let i = 0; i < kvCount; i++) {
      const keyLen = await c.u64('metadata key length');
      if (keyLen > MAX_KEY) throw new MalformedError(`metadata key ${i} claims ${keyLen} bytes`);
      const key = (await c.bytes(keyLen, 'metadata key')).toString('utf8');
      const type = await c.u32('metadata type');
      if (key === 'tokenizer.chat_template' && type === T.STRING) {
        chatTemplateLength = (await readValue(c, type, false)) as number;
        continue;
      }
      const value = await readValue(c, type, KEPT_KEYS.has(key));
      if (KEPT_KEYS.has(key)) meta.set(key, value);
    }
    attrs.hasChatTemplate = chatTemplateLength !== undefined;
    if (chatTemplateLength !== undefined) attrs.chatTemplateLength = chatTemplateLength;
    let derived = 0;
    for (let i = 0; i < tensorCount; i++) {
      c.skip(await c.u64('tensor name length'));
      const dims = await c.u32('tensor dimension count');
      if (dims > 8) throw new MalformedError(`tensor ${i} claims ${dims} dimensions`);
      const shape: number[] = [];
      for (let d = 0; d < dims; d++) shape.push(await c.u64('tensor dimension'));
      c.skip(4 + 8); // ggml type, data offset
      derived += elementCount(shape);
    }
    if (tensorCount > 0) attrs.parameters = derived;
  } catch (e) {
    if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
    warn(`GGUF header is malformed: ${e.message}`);
    attrs.malformed = true;
  }
  const str = (k: string) => (typeof meta.get(k) === 'string' ? maskSecrets(meta.get(k) as string) : undefined);
  const fileType = meta.get('general.file_type');
  const declaredParams = meta.get('general.parameter_count');
  return compact({
    ...attrs,
    framework: 'llama.cpp',
    architecture: str('general.architecture'),
    modelName: str('general.name'),
    basename: str('general.basename'),
    sizeLabel: str('general.size_label'),
    license: str('general.license'),
    sourceRepository: str('general.source.huggingface.repository') ?? str('general.source.url'),
    tokenizer: str('tokenizer.ggml.model'),
    parameters: typeof declaredParams === 'number' ? declaredParams : attrs.parameters,
    quantization: typeof fileType === 'number' ? (FILE_TYPES[fileType] ?? `file_type ${fileType}`) : undefined,
  });
}

export const ggufReader: FormatReader = {
  format: 'gguf',
  extensions: ['gguf'],
  sniff: isGguf,
  describe: async (src, _head, _rel, warn) => ({ format: 'gguf', attrs: await describeGgufSource(src, warn) }),
};
