// ONNX: a protobuf ModelProto. Walked field by field so that weights (initializer raw_data) are skipped
// by length, never read: ir_version, producer, opsets, graph name, operators, custom domains, external data.

import type { Attrs } from '../../../model/index.js';
import { maskSecrets } from '../../../util/mask.js';
import { fields, packedVarints, smallMessage, stringOf, WIRE, type WireField } from '../binary/protobuf.js';
import { MalformedError, TruncatedError, elementCount, type ByteSource } from '../binary/source.js';
import { compact, extensionOf, type FormatReader, type Warn } from './types.js';

// Field numbers from onnx.proto.
const MODEL = { IR_VERSION: 1, PRODUCER_NAME: 2, PRODUCER_VERSION: 3, DOMAIN: 4, MODEL_VERSION: 5, GRAPH: 7, OPSET_IMPORT: 8, METADATA_PROPS: 14, FUNCTIONS: 25 };
const GRAPH = { NODE: 1, NAME: 2, INITIALIZER: 5 };
const NODE = { OP_TYPE: 4, DOMAIN: 7 };
const TENSOR = { DIMS: 1, DATA_TYPE: 2, EXTERNAL_DATA: 13 };
const FUNCTION = { NAME: 1, DOMAIN: 10 };

// Domains the ONNX runtime itself implements; anything else needs a custom operator library.
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training']);
// TensorProto.DataType names.
const DATA_TYPES: Record<number, string> = { 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16', 17: 'float8e4m3fn', 18: 'float8e4m3fnuz', 19: 'float8e5m2', 20: 'float8e5m2fnuz', 21: 'uint4', 22: 'int4' };
const MAX_LIST = 50;

/** Cheap proof from the head: ir_version (field 1, small varint) first, then a known ModelProto field. */
export function looksLikeOnnx(head: Buffer): boolean {
  if (head.length < 4 || head[0] !== 0x08 || head[1]! < 1 || head[1]! > 30) return false;
  const next = head[2]!;
  return [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72].includes(next);
}

interface GraphSummary {
  name?: string;
  nodes: number;
  opTypes: Set<string>;
  nodeDomains: Set<string>;
  initializers: number;
  parameters: number;
  dtypes: Set<string>;
  externalData: Set<string>;
}

async function readGraph(src: ByteSource, g: WireField): Promise<GraphSummary> {
  const s: GraphSummary = { nodes: 0, opTypes: new Set(), nodeDomains: new Set(), initializers: 0, parameters: 0, dtypes: new Set(), externalData: new Set() };
  for await (const f of fields(src, g.offset, g.offset + g.length)) {
    if (f.wire !== WIRE.LEN) continue;
    if (f.field === GRAPH.NAME) s.name = maskSecrets(await stringOf(src, f, 200));
    else if (f.field === GRAPH.NODE) {
      s.nodes++;
      const node = await smallMessageFields(src, f, [NODE.OP_TYPE, NODE.DOMAIN]);
      const op = node.get(NODE.OP_TYPE);
      const domain = node.get(NODE.DOMAIN) ?? '';
      if (op && s.opTypes.size < 200) s.opTypes.add(domain ? `${domain}:${op}` : op);
      s.nodeDomains.add(domain);
    } else if (f.field === GRAPH.INITIALIZER) {
      s.initializers++;
      const dims: number[] = []; // repeated int64, packed or not; none for a scalar
      for await (const t of fields(src, f.offset, f.offset + f.length)) {
        if (t.field === TENSOR.DIMS) dims.push(...(await packedVarints(src, t)));
        else if (t.field === TENSOR.DATA_TYPE && t.wire === WIRE.VARINT) s.dtypes.add(DATA_TYPES[t.value] ?? `type ${t.value}`);
        else if (t.field === TENSOR.EXTERNAL_DATA && t.wire === WIRE.LEN) {
          const entry = await smallMessage(src, t);
          if (entry.get(1) === 'location' && typeof entry.get(2) === 'string' && s.externalData.size < MAX_LIST) s.externalData.add(entry.get(2) as string);
        }
      }
      s.parameters += elementCount(dims);
    }
  }
  return s;
}

/** The string fields among `wanted` of a message, reading nothing else (a node's attributes can be large). */
async function smallMessageFields(src: ByteSource, f: WireField, wanted: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for await (const g of fields(src, f.offset, f.offset + f.length)) {
    if (g.wire === WIRE.LEN && wanted.includes(g.field) && !out.has(g.field)) out.set(g.field, await stringOf(src, g, 200));
  }
  return out;
}

async function describeOnnx(src: ByteSource, _head: Buffer, rel: string, warn: Warn) {
  const attrs: Attrs = { framework: 'onnx' };
  const opsets: string[] = [];
  const opsetDomains = new Set<string>();
  const functions: string[] = [];
  const metadata: Record<string, string> = {};
  let graph: GraphSummary | undefined;
  try {
    for await (const f of fields(src, 0, src.size)) {
      switch (f.field) {
        case MODEL.IR_VERSION:
          attrs.irVersion = f.value;
          break;
        case MODEL.PRODUCER_NAME:
          attrs.producer = maskSecrets(await stringOf(src, f, 200));
          break;
        case MODEL.PRODUCER_VERSION:
          attrs.producerVersion = maskSecrets(await stringOf(src, f, 200));
          break;
        case MODEL.DOMAIN:
          attrs.domain = maskSecrets(await stringOf(src, f, 200));
          break;
        case MODEL.MODEL_VERSION:
          attrs.modelVersion = f.value;
          break;
        case MODEL.GRAPH:
          graph = await readGraph(src, f);
          break;
        case MODEL.OPSET_IMPORT: {
          const m = await smallMessage(src, f);
          const domain = typeof m.get(1) === 'string' ? (m.get(1) as string) : '';
          opsetDomains.add(domain);
          if (opsets.length < MAX_LIST) opsets.push(`${domain || 'ai.onnx'}:${m.get(2) ?? '?'}`);
          break;
        }
        case MODEL.METADATA_PROPS: {
          const m = await smallMessage(src, f);
          if (typeof m.get(1) === 'string' && Object.keys(metadata).length < MAX_LIST) metadata[m.get(1) as string] = maskSecrets(String(m.get(2) ?? '').slice(0, 200));
          break;
        }
        case MODEL.FUNCTIONS: {
          const m = await smallMessage(src, f);
          if (functions.length < MAX_LIST) functions.push(`${m.get(FUNCTION.DOMAIN) ?? ''}:${m.get(FUNCTION.NAME) ?? '?'}`);
          break;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
    warn(`ONNX model is malformed: ${e.message}`);
    attrs.malformed = true;
  }
  // Recognised by content only (a `.bin`), a protobuf with neither graph nor opsets is some other message.
  if (extensionOf(rel) !== 'onnx' && !graph && !opsets.length) return undefined;
  const customDomains = [...new Set([...opsetDomains, ...(graph?.nodeDomains ?? [])])].filter((d) => !STANDARD_DOMAINS.has(d)).sort();
  return {
    format: 'onnx',
    attrs: compact({
      ...attrs,
      opsets: opsets.length ? opsets : undefined,
      graphName: graph?.name,
      nodes: graph?.nodes,
      operators: graph ? [...graph.opTypes].sort() : undefined,
      initializers: graph?.initializers,
      parameters: graph?.parameters,
      dtypes: graph?.dtypes.size ? [...graph.dtypes].sort() : undefined,
      customDomains: customDomains.length ? customDomains : undefined,
      localFunctions: functions.length ? functions : undefined,
      externalData: graph?.externalData.size ? [...graph.externalData].sort() : undefined,
      metadata: Object.keys(metadata).length ? metadata : undefined,
    }),
  };
}

export const onnxReader: FormatReader = {
  format: 'onnx',
  extensions: ['onnx'],
  sniff: looksLikeOnnx,
  describe: describeOnnx,
};
