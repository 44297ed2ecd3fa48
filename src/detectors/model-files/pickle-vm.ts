// A pickle virtual machine that simulates the opcode stream without executing anything: a real stack,
// memo and metastack (MARK) over every opcode of protocols 0-5, with symbolic values. It records every
// name the stream imports (GLOBAL, INST, STACK_GLOBAL with operands built anywhere on the stack or in
// the memo), every call site (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD), names reached at run time
// through getattr/import/locate chains, attributes planted on globals by BUILD, and byte strings handed
// to deserialisers (nested pickles). Broken streams stop where CPython would fail, keeping what came before.

import { OPCODES } from './opcodes.js';
import { applyCall, getAttr, type CallRecorder } from './pickle-calls.js';
import { NONE, describe, itemsOf, opaque, strOf, type PyValue } from './pickle-values.js';

export interface GlobalEvent {
  name: string;
  /** File offset of the opcode (or call) that reached the name. */
  at: number;
  /** GLOBAL, INST, STACK_GLOBAL, or the dynamic route (getattr, import, locate, attrgetter, ...). */
  via: string;
}

export interface CallEvent {
  callee: string;
  at: number;
  op: string;
}

export type AnomalyKind =
  | 'unresolved-global'
  | 'missing-memo'
  | 'global-mutation'
  | 'ext-opcode'
  | 'broken-stream'
  | 'opcode-limit';

export interface Anomaly {
  kind: AnomalyKind;
  at: number;
  message: string;
}

export interface NestedPayload {
  bytes: Buffer;
  /** File offset of the payload's bytes when it is a literal of this file, else -1. */
  dataAt: number;
  at: number;
  via: string;
}

export interface StreamResult {
  start: number;
  /** Offset just past STOP, or where the stream broke. */
  end: number;
  stopped: boolean;
  protocol: number;
  opcodes: number;
  globals: GlobalEvent[];
  calls: CallEvent[];
  anomalies: Anomaly[];
  nested: NestedPayload[];
  /** The first value of a legacy torch.save file is this magic number. */
  legacyTorchMagic: boolean;
}

/** Work shared by all streams of one file, so that a crafted file cannot make the analysis unbounded. */
export interface Budget {
  opcodes: number;
}

class Broken extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LEGACY_TORCH_MAGIC = 0x1950a86a20f9469cfc6cn;
const JOBLIB_WRAPPER = 'joblib.numpy_pickle.NumpyArrayWrapper';

/** Protocol-0 UNICODE lines use raw-unicode-escape: latin-1 plus \uXXXX and \UXXXXXXXX escapes. */
function rawUnicodeEscape(b: Buffer): string {
  const s = b.toString('latin1');
  if (!s.includes('\\u') && !s.includes('\\U')) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, a: string | undefined, b8: string | undefined) => {
    const cp = parseInt(a ?? b8!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Protocol-0 STRING: a quoted Python literal with backslash escapes. */
function pyStringLiteral(line: string): string {
  const q = line[0];
  if ((q !== "'" && q !== '"') || line.length < 2 || line[line.length - 1] !== q) throw new Broken('STRING argument is not a quoted literal');
  const body = line.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : SIMPLE_ESCAPES[e] ?? `\\${e}`));
}

/** Bytes of a little-endian two's-complement integer (LONG1/LONG4) as a bigint. */
function decodeLong(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return v;
}

/** Byte width of a NumPy dtype string such as `<f4`, `i8`, `|b1`; undefined for object or unknown. */
function dtypeWidth(descr: string): number | undefined {
  const m = /^[<>|=]?([biufcmMSUV])(\d{1,4})$/.exec(descr);
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === 'U' ? n * 4 : n;
}

export function simulateStream(buf: Buffer, start: number, base: number, budget: Budget, depth = 0): StreamResult {
  const r: StreamResult = { start: base + start, end: base + start, stopped: false, protocol: 0, opcodes: 0, globals: [], calls: [], anomalies: [], nested: [], legacyTorchMagic: false };
  let stack: PyValue[] = [];
  const metastack: PyValue[][] = [];
  const memo = new Map<number, PyValue>();
  const planted = new Map<string, Map<string, PyValue>>();
  let pos = start;
  let opAt = start;

  const rec: CallRecorder = {
    dynamicGlobal: (name, at, via) => r.globals.push({ name, at, via }),
    nested: (bytes, dataAt, at, via) => r.nested.push({ bytes, dataAt, at, via }),
    attrOverride: (owner, attr) => planted.get(owner)?.get(attr),
  };

  const need = (n: number): void => {
    if (n < 0 || pos + n > buf.length) throw new Broken(`argument runs past the end of the data (${n} bytes at ${base + pos})`);
  };
  const take = (n: number): Buffer => {
    need(n);
    const b = buf.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  // Direct reads: no subarray allocation per opcode argument.
  const u8 = (): number => (need(1), buf[pos++]!);
  const u16 = (): number => (need(2), (pos += 2), buf.readUInt16LE(pos - 2));
  const i32 = (): number => (need(4), (pos += 4), buf.readInt32LE(pos - 4));
  const u32 = (): number => (need(4), (pos += 4), buf.readUInt32LE(pos - 4));
  // Buffer.toString is several times cheaper per call than TextDecoder for short strings.
  const utf8At = (n: number): string => {
    need(n);
    pos += n;
    return buf.toString('utf8', pos - n, pos);
  };
  const line = (): Buffer => {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) throw new Broken('newline-terminated argument runs past the end of the data');
    const b = buf.subarray(pos, nl);
    pos = nl + 1;
    return b;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined) throw new Broken('stack underflow');
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined) throw new Broken('stack underflow');
    return v;
  };
  const popMark = (): PyValue[] => {
    const items = stack;
    const prev = metastack.pop();
    if (!prev) throw new Broken('MARK expected but none is open');
    stack = prev;
    return items;
  };
  const memoGet = (index: number): PyValue => {
    const v = memo.get(index);
    if (v === undefined) {
      r.anomalies.push({ kind: 'missing-memo', at: base + opAt, message: `memo key ${index} is read but never written` });
      // CPython raises here; what ran before already ran. Keep going to show what the stream tries next.
      return opaque(`missing memo ${index}`);
    }
    return v;
  };
  const resolve = (module: string, qual: string, via: string): PyValue => {
    const name = `${module}.${qual}`;
    r.globals.push({ name, at: base + opAt, via });
    const parts = qual.split('.');
    let v: PyValue = { t: 'global', name: module };
    for (const part of parts) {
      const plantedValue: PyValue | undefined = v.t === 'global' ? planted.get(v.name)?.get(part) : undefined;
      if (plantedValue) {
        r.anomalies.push({ kind: 'global-mutation', at: base + opAt, message: `${v.t === 'global' ? v.name : '?'}.${part} was replaced by BUILD earlier in the stream (now ${describe(plantedValue)})` });
        v = plantedValue;
      } else v = v.t === 'global' ? { t: 'global', name: `${v.name}.${part}` } : opaque(`attribute ${part}`);
    }
    return v;
  };
  const call = (fn: PyValue, args: PyValue[], op: string): PyValue => {
    const { result, callee } = applyCall(fn, args, base + opAt, rec);
    if (callee) r.calls.push({ callee, at: base + opAt, op });
    return result;
  };
  const build = (target: PyValue, state: PyValue): void => {
    if (target.t === 'global' || target.t === 'module') {
      // Setting attributes on an imported function, class or module changes what later imports resolve to.
      r.anomalies.push({ kind: 'global-mutation', at: base + opAt, message: `BUILD sets attributes on ${target.name} itself, not on an instance` });
      let owner = planted.get(target.name);
      if (!owner) planted.set(target.name, (owner = new Map()));
      const dicts = state.t === 'tuple' ? state.items : [state];
      for (const d of dicts) if (d.t === 'dict') for (const [k, v] of d.entries) { const key = strOf(k); if (key !== undefined) owner.set(key, v); }
      return;
    }
    if (target.t === 'obj') {
      target.state = state;
      if (target.cls === JOBLIB_WRAPPER) skipJoblibArray(state);
    }
  };
  // joblib writes each NumPy array's bytes right after its wrapper's BUILD, inside the pickle stream;
  // object arrays are a pickle of their own there. Skip the bytes (never read them as opcodes).
  const skipJoblibArray = (state: PyValue): void => {
    if (state.t !== 'dict') return;
    const field = (k: string) => state.entries.find(([ek]) => strOf(ek) === k)?.[1];
    const dtype = field('dtype');
    const code = dtype?.t === 'obj' ? strOf(dtype.args?.[0]) : undefined;
    const aligned = field('numpy_array_alignment_bytes')?.t === 'num';
    if (aligned) {
      need(1);
      const padding = buf[pos]!;
      pos += 1 + padding;
    }
    if (code === 'O' || code === '|O') {
      const inner = simulateStream(buf, pos, base, budget, depth + 1);
      r.globals.push(...inner.globals);
      r.calls.push(...inner.calls);
      r.anomalies.push(...inner.anomalies);
      r.nested.push(...inner.nested);
      pos = inner.end - base;
      return;
    }
    const width = code ? dtypeWidth(code) : undefined;
    const shape = itemsOf(field('shape')).map((s) => (s.t === 'num' ? s.v : NaN));
    const count = shape.reduce((a, b) => a * b, 1);
    if (width === undefined || !Number.isFinite(count) || count < 0) return;
    const after = pos + width * count;
    // Writers older than joblib 1.2 (no alignment field) and some tools put the array after STOP instead:
    // keep reading opcodes here when this byte is one and the byte past the array is not.
    if (!aligned && OPCODES[buf[pos] ?? 0] && !OPCODES[buf[after] ?? 0]) return;
    need(width * count);
    pos = after;
  };

  try {
    for (;;) {
      if (budget.opcodes-- <= 0) {
        r.anomalies.push({ kind: 'opcode-limit', at: base + pos, message: 'opcode budget for this file is spent; the rest was not simulated' });
        break;
      }
      opAt = pos;
      if (pos >= buf.length) throw new Broken('the data ends before STOP');
      const code = buf[pos++]!;
      const info = OPCODES[code];
      if (!info) throw new Broken(`byte 0x${code.toString(16).padStart(2, '0')} is not a pickle opcode`);
      r.opcodes++;
      // Literal case values (named in comments) let V8 compile the switch to a jump table.
      switch (code) {
        case 0x80: { // PROTO
          const p = u8();
          if (p > 5) throw new Broken(`unsupported pickle protocol ${p}`);
          r.protocol = p;
          break;
        }
        case 0x95: // FRAME
          take(8);
          break;
        case 0x2e: // STOP
          r.stopped = true;
          r.end = base + pos;
          if (stack.length === 1) r.legacyTorchMagic = isLegacyMagic(stack[0]!);
          return r;
        case 0x28: // MARK
          metastack.push(stack);
          stack = [];
          break;
        case 0x30: // POP
          if (stack.length) stack.pop();
          else popMark(); // CPython pops a MARK when the stack is empty
          break;
        case 0x31: // POP_MARK
          popMark();
          break;
        case 0x32: // DUP
          stack.push(top());
          break;
        // --- numbers and constants
        case 0x49: { // INT
          const s = line().toString('latin1');
          stack.push(s === '00' ? { t: 'bool', v: false } : s === '01' ? { t: 'bool', v: true } : { t: 'num', v: Number(s) });
          break;
        }
        case 0x4c: // LONG
          stack.push({ t: 'num', v: Number.parseInt(line().toString('latin1'), 10) });
          break;
        case 0x46: // FLOAT
          stack.push({ t: 'num', v: Number(line().toString('latin1')) });
          break;
        case 0x4a: // BININT
          stack.push({ t: 'num', v: i32() });
          break;
        case 0x4b: // BININT1
          stack.push({ t: 'num', v: u8() });
          break;
        case 0x4d: // BININT2
          stack.push({ t: 'num', v: u16() });
          break;
        case 0x47: // BINFLOAT
          need(8);
          stack.push({ t: 'num', v: buf.readDoubleBE(pos) });
          pos += 8;
          break;
        case 0x8a: { // LONG1
          const n = u8();
          stack.push(longValue(take(n)));
          break;
        }
        case 0x8b: { // LONG4
          const n = i32();
          if (n < 0) throw new Broken('LONG4 with a negative length');
          stack.push(longValue(take(n)));
          break;
        }
        case 0x4e: // NONE
          stack.push(NONE);
          break;
        case 0x88: // NEWTRUE
          stack.push({ t: 'bool', v: true });
          break;
        case 0x89: // NEWFALSE
          stack.push({ t: 'bool', v: false });
          break;
        // --- strings and bytes
        case 0x53: // STRING
          stack.push({ t: 'str', v: pyStringLiteral(line().toString('latin1')) });
          break;
        case 0x54: { // BINSTRING
          const n = i32();
          if (n < 0) throw new Broken('BINSTRING with a negative length');
          stack.push({ t: 'str', v: take(n).toString('latin1') }); // a Python 2 str loads as str
          break;
        }
        case 0x55: { // SHORT_BINSTRING
          const n = u8();
          stack.push({ t: 'str', v: take(n).toString('latin1') }); // a Python 2 str loads as str
          break;
        }
        case 0x56: // UNICODE
          stack.push({ t: 'str', v: rawUnicodeEscape(line()) });
          break;
        case 0x58: { // BINUNICODE
          const n = u32();
          stack.push({ t: 'str', v: utf8At(n) });
          break;
        }
        case 0x8c: { // SHORT_BINUNICODE
          const n = u8();
          stack.push({ t: 'str', v: utf8At(n) });
          break;
        }
        case 0x8d: { // BINUNICODE8
          const n = u64(take(8));
          stack.push({ t: 'str', v: utf8At(n) });
          break;
        }
        case 0x42: { // BINBYTES
          const n = u32();
          stack.push(bytesValue(take(n), base + pos - n));
          break;
        }
        case 0x43: { // SHORT_BINBYTES
          const n = u8();
          stack.push(bytesValue(take(n), base + pos - n));
          break;
        }
        case 0x8e: // BINBYTES8
        case 0x96: { // BYTEARRAY8
          const n = u64(take(8));
          stack.push(bytesValue(take(n), base + pos - n));
          break;
        }
        case 0x97: // NEXT_BUFFER
          stack.push(opaque('out-of-band buffer'));
          break;
        case 0x98: // READONLY_BUFFER
          top();
          break;
        // --- containers
        case 0x29: // EMPTY_TUPLE
          stack.push({ t: 'tuple', items: [] });
          break;
        case 0x74: { // TUPLE
          const items = popMark(); // first: popMark replaces `stack`
          stack.push({ t: 'tuple', items });
          break;
        }
        case 0x85: // TUPLE1
          stack.push({ t: 'tuple', items: [pop()] });
          break;
        case 0x86: { // TUPLE2
          const b = pop();
          stack.push({ t: 'tuple', items: [pop(), b] });
          break;
        }
        case 0x87: { // TUPLE3
          const c = pop();
          const b = pop();
          stack.push({ t: 'tuple', items: [pop(), b, c] });
          break;
        }
        case 0x5d: // EMPTY_LIST
          stack.push({ t: 'list', items: [] });
          break;
        case 0x6c: { // LIST
          const items = popMark();
          stack.push({ t: 'list', items });
          break;
        }
        case 0x61: { // APPEND
          const v = pop();
          appendTo(top(), [v]);
          break;
        }
        case 0x65: { // APPENDS
          const items = popMark();
          appendTo(top(), items);
          break;
        }
        case 0x7d: // EMPTY_DICT
          stack.push({ t: 'dict', entries: [] });
          break;
        case 0x64: { // DICT
          const items = popMark();
          const d: PyValue = { t: 'dict', entries: [] };
          for (let i = 0; i + 1 < items.length; i += 2) d.entries.push([items[i]!, items[i + 1]!]);
          stack.push(d);
          break;
        }
        case 0x73: { // SETITEM
          const v = pop();
          const k = pop();
          setItems(top(), [k, v]);
          break;
        }
        case 0x75: { // SETITEMS
          const items = popMark();
          setItems(top(), items);
          break;
        }
        case 0x8f: // EMPTY_SET
          stack.push({ t: 'set', items: [] });
          break;
        case 0x90: { // ADDITEMS
          const items = popMark();
          appendTo(top(), items);
          break;
        }
        case 0x91: { // FROZENSET
          const items = popMark();
          stack.push({ t: 'set', items });
          break;
        }
        // --- memo
        case 0x70: // PUT
          memo.set(Number.parseInt(line().toString('latin1'), 10), top());
          break;
        case 0x71: // BINPUT
          memo.set(u8(), top());
          break;
        case 0x72: // LONG_BINPUT
          memo.set(u32(), top());
          break;
        case 0x94: // MEMOIZE
          memo.set(memo.size, top());
          break;
        case 0x67: // GET
          stack.push(memoGet(Number.parseInt(line().toString('latin1'), 10)));
          break;
        case 0x68: // BINGET
          stack.push(memoGet(u8()));
          break;
        case 0x6a: // LONG_BINGET
          stack.push(memoGet(u32()));
          break;
        // --- imports and calls
        case 0x63: { // GLOBAL
          const module = textLine(line());
          const qual = textLine(line());
          stack.push(resolve(module, qual, 'GLOBAL'));
          break;
        }
        case 0x93: { // STACK_GLOBAL
          const qualV = pop();
          const moduleV = pop();
          const module = moduleV.t === 'str' ? moduleV.v : undefined;
          const qual = qualV.t === 'str' ? qualV.v : undefined;
          if (module === undefined || qual === undefined) {
            r.anomalies.push({ kind: 'unresolved-global', at: base + opAt, message: `STACK_GLOBAL operands are not two strings (${describe(moduleV)}, ${describe(qualV)})` });
            stack.push(opaque('unresolved global'));
          } else stack.push(resolve(module, qual, 'STACK_GLOBAL'));
          break;
        }
        case 0x69: { // INST
          const module = textLine(line());
          const qual = textLine(line());
          const cls = resolve(module, qual, 'INST');
          const args = popMark();
          stack.push(call(cls, args, 'INST'));
          break;
        }
        case 0x6f: { // OBJ
          const items = popMark();
          const cls = items.shift();
          if (!cls) throw new Broken('OBJ without a class');
          stack.push(call(cls, items, 'OBJ'));
          break;
        }
        case 0x52: { // REDUCE
          const args = pop();
          const fn = pop();
          stack.push(call(fn, itemsOf(args), 'REDUCE'));
          break;
        }
        case 0x81: { // NEWOBJ
          const args = pop();
          const cls = pop();
          stack.push(newObject(cls, itemsOf(args), 'NEWOBJ'));
          break;
        }
        case 0x92: { // NEWOBJ_EX
          pop(); // kwargs
          const args = pop();
          const cls = pop();
          stack.push(newObject(cls, itemsOf(args), 'NEWOBJ_EX'));
          break;
        }
        case 0x62: { // BUILD
          const state = pop();
          build(top(), state);
          break;
        }
        case 0x50: // PERSID
          line();
          stack.push(opaque('persistent object'));
          break;
        case 0x51: // BINPERSID
          pop();
          stack.push(opaque('persistent object'));
          break;
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: { // EXT4
          const n = code === 0x82 ? u8() : code === 0x83 ? u16() : i32();
          r.anomalies.push({ kind: 'ext-opcode', at: base + opAt, message: `${info.name} imports extension-registry code ${n}, a name this file does not show` });
          stack.push(opaque(`extension ${n}`));
          break;
        }
        default:
          throw new Broken(`opcode ${info.name} is not handled`);
      }
    }
  } catch (err) {
    if (!(err instanceof Broken)) throw err;
    r.anomalies.push({ kind: 'broken-stream', at: base + opAt, message: `stream breaks at byte ${base + opAt}: ${err.message}` });
  }
  r.end = base + Math.min(pos, buf.length);
  return r;

  function newObject(cls: PyValue, args: PyValue[], op: string): PyValue {
    const v = call(cls, args, op);
    return v.t === 'opaque' && cls.t === 'global' ? { t: 'obj', cls: cls.name, args } : v;
  }

  function u64(b: Buffer): number {
    const v = b.readBigUInt64LE(0);
    if (v > BigInt(buf.length)) throw new Broken(`length ${v} is larger than the data`);
    return Number(v);
  }
}

function textLine(b: Buffer): string {
  try {
    return utf8.decode(b);
  } catch {
    throw new Broken('module or name is not valid UTF-8');
  }
}

function longValue(b: Buffer): PyValue {
  const v = decodeLong(b);
  return v === LEGACY_TORCH_MAGIC ? { t: 'opaque', what: 'legacy torch magic' } : { t: 'num', v: Number(v) };
}

function isLegacyMagic(v: PyValue): boolean {
  return v.t === 'opaque' && v.what === 'legacy torch magic';
}

function bytesValue(b: Buffer, at: number): PyValue {
  return { t: 'bytes', v: b, at };
}

function appendTo(target: PyValue, items: PyValue[]): void {
  if (target.t === 'list' || target.t === 'set') for (const i of items) target.items.push(i);
}

function setItems(target: PyValue, items: PyValue[]): void {
  if (target.t !== 'dict') return;
  for (let i = 0; i + 1 < items.length; i += 2) target.entries.push([items[i]!, items[i + 1]!]);
}
