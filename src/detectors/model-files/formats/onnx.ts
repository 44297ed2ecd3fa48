// ONNX: the ModelProto is walked by protobuf fields (weights are skipped by length, never read). Reported:
// operators from domains the runtime does not implement (a native custom-op library must be loaded),
// and external-data locations that leave the model's folder (absolute paths, `..`), which make a loader
// read arbitrary files (the CVE-2024-27318 / CVE-2024-5187 class).

import { fields, stringOf, WIRE } from '../../../collectors/model-files/binary/protobuf.js';
import type { ByteSource } from '../../../collectors/model-files/binary/source.js';
import { detection } from '../report.js';
import { fileOffset, type ScanState, type Target } from '../scan-types.js';

const MODEL = { GRAPH: 7, OPSET_IMPORT: 8, FUNCTIONS: 25 };
const GRAPH = { NODE: 1, INITIALIZER: 5, SPARSE_INITIALIZER: 15 };
const NODE = { OP_TYPE: 4, DOMAIN: 7, ATTRIBUTE: 5 };
const ATTRIBUTE = { G: 6, GRAPHS: 11 };
const TENSOR = { NAME: 8, EXTERNAL_DATA: 13 };
const SPARSE = { VALUES: 1, INDICES: 2 };
const ENTRY = { KEY: 1, VALUE: 2 };
const FUNCTION = { NODE: 4, DOMAIN: 10 };
const OPSET = { DOMAIN: 1 };
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.mlfeaturizers', 'ai.onnx.contrib', 'com.ms.internal.nhwc']);
const MAX_GRAPH_DEPTH = 8;

/** True when an external-data location leaves the folder of the model. */
export function escapesFolder(location: string): boolean {
  const p = location.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('//')) return true;
  let depth = 0;
  for (const seg of p.split('/')) {
    if (seg === '..') depth--;
    else if (seg && seg !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

interface Found {
  domains: Map<string, string>; // domain → an operator using it
  escapes: Array<{ location: string; tensor: string; at: number }>;
}

async function tensorExternal(src: ByteSource, start: number, end: number, found: Found): Promise<void> {
  let name = '';
  for await (const f of fields(src, start, end)) {
    if (f.field === TENSOR.NAME && f.wire === WIRE.LEN) name = await stringOf(src, f, 200);
    if (f.field === TENSOR.EXTERNAL_DATA && f.wire === WIRE.LEN) {
      let key = '';
      let value = '';
      for await (const g of fields(src, f.offset, f.offset + f.length)) {
        if (g.wire !== WIRE.LEN) continue;
        if (g.field === ENTRY.KEY) key = await stringOf(src, g, 100);
        if (g.field === ENTRY.VALUE) value = await stringOf(src, g, 4096);
      }
      if (key === 'location' && escapesFolder(value)) found.escapes.push({ location: value, tensor: name, at: f.offset });
    }
  }
}

async function node(src: ByteSource, start: number, end: number, found: Found, depth: number): Promise<void> {
  let op = '';
  let domain = '';
  for await (const f of fields(src, start, end)) {
    if (f.wire !== WIRE.LEN) continue;
    if (f.field === NODE.OP_TYPE) op = await stringOf(src, f, 200);
    else if (f.field === NODE.DOMAIN) domain = await stringOf(src, f, 200);
    else if (f.field === NODE.ATTRIBUTE && depth < MAX_GRAPH_DEPTH) {
      for await (const a of fields(src, f.offset, f.offset + f.length)) {
        if (a.wire === WIRE.LEN && (a.field === ATTRIBUTE.G || a.field === ATTRIBUTE.GRAPHS)) await graph(src, a.offset, a.offset + a.length, found, depth + 1);
      }
    }
  }
  if (!STANDARD_DOMAINS.has(domain) && !found.domains.has(domain)) found.domains.set(domain, op);
}

async function graph(src: ByteSource, start: number, end: number, found: Found, depth: number): Promise<void> {
  for await (const f of fields(src, start, end)) {
    if (f.wire !== WIRE.LEN) continue;
    if (f.field === GRAPH.NODE) await node(src, f.offset, f.offset + f.length, found, depth);
    else if (f.field === GRAPH.INITIALIZER) await tensorExternal(src, f.offset, f.offset + f.length, found);
    else if (f.field === GRAPH.SPARSE_INITIALIZER) {
      for await (const s of fields(src, f.offset, f.offset + f.length)) {
        if (s.wire === WIRE.LEN && (s.field === SPARSE.VALUES || s.field === SPARSE.INDICES)) await tensorExternal(src, s.offset, s.offset + s.length, found);
      }
    }
  }
}

export async function analyseOnnx(t: Target, st: ScanState): Promise<boolean> {
  const found: Found = { domains: new Map(), escapes: [] };
  const entry = t.entry ? { entry: t.entry } : {};
  try {
    for await (const f of fields(t.src, 0, t.src.size)) {
      if (f.wire !== WIRE.LEN) continue;
      if (f.field === MODEL.GRAPH) await graph(t.src, f.offset, f.offset + f.length, found, 0);
      else if (f.field === MODEL.FUNCTIONS) {
        for await (const g of fields(t.src, f.offset, f.offset + f.length)) {
          if (g.wire === WIRE.LEN && g.field === FUNCTION.NODE) await node(t.src, g.offset, g.offset + g.length, found, 1);
        }
      } else if (f.field === MODEL.OPSET_IMPORT) {
        for await (const g of fields(t.src, f.offset, f.offset + f.length)) {
          if (g.wire === WIRE.LEN && g.field === OPSET.DOMAIN) {
            const d = await stringOf(t.src, g, 200);
            if (!STANDARD_DOMAINS.has(d) && !found.domains.has(d)) found.domains.set(d, '');
          }
        }
      }
    }
  } catch (err) {
    st.detections.push(detection('onnx-malformed', 'medium', fileOffset(t, 0), fileOffset(t, 1), [`protobuf structure is damaged: ${(err as Error).message}`], entry));
  }
  for (const e of found.escapes) {
    st.detections.push(detection('onnx-external-data-escape', 'high', fileOffset(t, e.at), fileOffset(t, e.at + 1), [`initializer ${JSON.stringify(e.tensor).slice(0, 80)} reads external data from ${JSON.stringify(e.location).slice(0, 200)}, outside the model's folder`], entry));
  }
  for (const [domain, op] of found.domains) {
    st.detections.push(detection('onnx-custom-domain', 'medium', fileOffset(t, 0), fileOffset(t, 1), [`operator domain ${JSON.stringify(domain).slice(0, 80)}${op ? ` (e.g. ${op.slice(0, 60)})` : ''} is not implemented by the ONNX runtime: a native custom-operator library must be loaded`], { callables: [`${domain}${op ? '.' + op : ''}`], ...entry }));
  }
  return true;
}
