// Walks a pickle opcode stream to learn its protocol and which globals it imports. It decodes argument
// lengths only: nothing is executed, constructed or resolved. (The safety verdict on those globals is
// the model-file detector's job.)

import { MalformedError } from '../binary/source.js';

type Arg =
  | 'none'
  | 'u1'
  | 'u2'
  | 'u4'
  | 'u8'
  | 'line'
  | 'intline' // protocol-0 INT / LONG / GET / PUT: digits on one line
  | 'strline' // protocol-0 STRING: a quoted literal on one line
  | 'twolines' // GLOBAL / INST: module and name, one line each
  | 'len1'
  | 'len4'
  | 'len8';

interface Op {
  arg: Arg;
  /** The protocol that introduced the opcode (a stream without PROTO is protocol 0 or 1 by its opcodes). */
  proto: number;
  pushesString?: boolean;
  memoGet?: boolean;
  memoPut?: boolean;
  global?: 'line' | 'stack';
}

// The opcode table of CPython's pickletools (name in the comment).
const OPS: Record<string, Op> = {
  '(': { arg: 'none', proto: 0 }, // MARK
  '.': { arg: 'none', proto: 0 }, // STOP
  '0': { arg: 'none', proto: 0 }, // POP
  '1': { arg: 'none', proto: 1 }, // POP_MARK
  '2': { arg: 'none', proto: 0 }, // DUP
  F: { arg: 'line', proto: 0 }, // FLOAT
  I: { arg: 'intline', proto: 0 }, // INT
  J: { arg: 'u4', proto: 1 }, // BININT
  K: { arg: 'u1', proto: 1 }, // BININT1
  L: { arg: 'intline', proto: 0 }, // LONG
  M: { arg: 'u2', proto: 1 }, // BININT2
  N: { arg: 'none', proto: 0 }, // NONE
  P: { arg: 'line', proto: 0 }, // PERSID
  Q: { arg: 'none', proto: 1 }, // BINPERSID
  R: { arg: 'none', proto: 0 }, // REDUCE
  S: { arg: 'strline', proto: 0, pushesString: true }, // STRING
  T: { arg: 'len4', proto: 1, pushesString: true }, // BINSTRING
  U: { arg: 'len1', proto: 1, pushesString: true }, // SHORT_BINSTRING
  V: { arg: 'line', proto: 0, pushesString: true }, // UNICODE
  X: { arg: 'len4', proto: 1, pushesString: true }, // BINUNICODE
  a: { arg: 'none', proto: 0 }, // APPEND
  b: { arg: 'none', proto: 0 }, // BUILD
  c: { arg: 'twolines', proto: 0, global: 'line' }, // GLOBAL
  d: { arg: 'none', proto: 0 }, // DICT
  '}': { arg: 'none', proto: 1 }, // EMPTY_DICT
  e: { arg: 'none', proto: 1 }, // APPENDS
  g: { arg: 'intline', proto: 0, memoGet: true }, // GET
  h: { arg: 'u1', proto: 1, memoGet: true }, // BINGET
  i: { arg: 'twolines', proto: 0, global: 'line' }, // INST
  j: { arg: 'u4', proto: 1, memoGet: true }, // LONG_BINGET
  l: { arg: 'none', proto: 0 }, // LIST
  ']': { arg: 'none', proto: 1 }, // EMPTY_LIST
  o: { arg: 'none', proto: 1 }, // OBJ
  p: { arg: 'intline', proto: 0, memoPut: true }, // PUT
  q: { arg: 'u1', proto: 1, memoPut: true }, // BINPUT
  r: { arg: 'u4', proto: 1, memoPut: true }, // LONG_BINPUT
  s: { arg: 'none', proto: 0 }, // SETITEM
  t: { arg: 'none', proto: 0 }, // TUPLE
  ')': { arg: 'none', proto: 1 }, // EMPTY_TUPLE
  u: { arg: 'none', proto: 1 }, // SETITEMS
  G: { arg: 'u8', proto: 1 }, // BINFLOAT
  '\x80': { arg: 'u1', proto: 2 }, // PROTO
  '\x81': { arg: 'none', proto: 2 }, // NEWOBJ
  '\x82': { arg: 'u1', proto: 2 }, // EXT1
  '\x83': { arg: 'u2', proto: 2 }, // EXT2
  '\x84': { arg: 'u4', proto: 2 }, // EXT4
  '\x85': { arg: 'none', proto: 2 }, // TUPLE1
  '\x86': { arg: 'none', proto: 2 }, // TUPLE2
  '\x87': { arg: 'none', proto: 2 }, // TUPLE3
  '\x88': { arg: 'none', proto: 2 }, // NEWTRUE
  '\x89': { arg: 'none', proto: 2 }, // NEWFALSE
  '\x8a': { arg: 'len1', proto: 2 }, // LONG1
  '\x8b': { arg: 'len4', proto: 2 }, // LONG4
  B: { arg: 'len4', proto: 3 }, // BINBYTES
  C: { arg: 'len1', proto: 3 }, // SHORT_BINBYTES
  '\x8c': { arg: 'len1', proto: 4, pushesString: true }, // SHORT_BINUNICODE
  '\x8d': { arg: 'len8', proto: 4, pushesString: true }, // BINUNICODE8
  '\x8e': { arg: 'len8', proto: 4 }, // BINBYTES8
  '\x8f': { arg: 'none', proto: 4 }, // EMPTY_SET
  '\x90': { arg: 'none', proto: 4 }, // ADDITEMS
  '\x91': { arg: 'none', proto: 4 }, // FROZENSET
  '\x92': { arg: 'none', proto: 4 }, // NEWOBJ_EX
  '\x93': { arg: 'none', proto: 4, global: 'stack' }, // STACK_GLOBAL
  '\x94': { arg: 'none', proto: 4, memoPut: true }, // MEMOIZE
  '\x95': { arg: 'u8', proto: 4 }, // FRAME
  '\x96': { arg: 'len8', proto: 5 }, // BYTEARRAY8
  '\x97': { arg: 'none', proto: 5 }, // NEXT_BUFFER
  '\x98': { arg: 'none', proto: 5 }, // READONLY_BUFFER
};

const OP_BY_BYTE: Array<Op | undefined> = Array.from({ length: 256 }, (_, b) => OPS[String.fromCharCode(b)]);
const FIXED: Partial<Record<Arg, number>> = { none: 0, u1: 1, u2: 2, u4: 4, u8: 8 };
const LEN_WIDTH: Partial<Record<Arg, number>> = { len1: 1, len4: 4, len8: 8 };
const INT_LINE = /^[-+]?\d+L?$|^0[0-7]*$|^0[xX][0-9a-fA-F]+$/;
const STR_LINE = /^(?:'.*'|".*")$/s;
const DOTTED_NAME = /^[A-Za-z_][\w.]*$/;
const MAX_GLOBALS = 50;
const MAX_STRING = 256;

export interface PickleWalk {
  /** PROTO's argument, else 0 or 1 from the opcodes used. */
  protocol: number;
  importsGlobals: boolean;
  /** `module.name` of each global imported (first ones, unique); `?` where STACK_GLOBAL's names came from elsewhere. */
  globals: string[];
  opcodes: number;
  /** STOP was reached inside the bytes given. */
  complete: boolean;
  /** Offset just after STOP (or where the walk ended). */
  end: number;
}

/**
 * Walks the pickle starting at `start` in `buf` (a prefix of the stream). Throws MalformedError at the
 * first byte that is not an opcode or an argument that breaks its encoding; running out of bytes is not
 * an error (the walk is then incomplete).
 */
export function walkPickle(buf: Buffer, start = 0, maxOpcodes = 2_000_000): PickleWalk {
  let pos = start;
  let protocol = -1;
  let maxProto = 0;
  let opcodes = 0;
  const globals = new Set<string>();
  let importsGlobals = false;
  // The last two values pushed, when they were strings (for STACK_GLOBAL's module and name).
  let recent: Array<string | undefined> = [];
  const memo = new Map<number, string>();
  let memoNext = 0; // MEMOIZE stores at the next free index, whatever the value
  const push = (v: string | undefined) => {
    recent = [recent[recent.length - 1], v];
  };
  const addGlobal = (name: string) => {
    if (globals.size < MAX_GLOBALS) globals.add(name);
  };

  while (pos < buf.length && opcodes < maxOpcodes) {
    const at = pos;
    const code = buf[pos]!;
    const op = OP_BY_BYTE[code];
    if (!op) throw new MalformedError(`byte 0x${code.toString(16).padStart(2, '0')} at offset ${at} is not a pickle opcode`);
    pos++;
    opcodes++;
    maxProto = Math.max(maxProto, op.proto);
    let argValue: number | undefined;
    let text: string | undefined;
    const fixed = FIXED[op.arg];
    const lenWidth = LEN_WIDTH[op.arg];
    if (fixed !== undefined) {
      if (pos + fixed > buf.length) return done(false);
      if (fixed === 1) argValue = buf[pos];
      else if (fixed === 4) argValue = buf.readUInt32LE(pos);
      pos += fixed;
    } else if (lenWidth !== undefined) {
      if (pos + lenWidth > buf.length) return done(false);
      const len = lenWidth === 1 ? buf[pos]! : lenWidth === 4 ? buf.readInt32LE(pos) : Number(buf.readBigUInt64LE(pos));
      if (len < 0) throw new MalformedError(`negative length ${len} at offset ${at}`);
      pos += lenWidth;
      if (op.pushesString) text = buf.toString('utf8', pos, Math.min(buf.length, pos + Math.min(len, MAX_STRING)));
      pos += len;
      if (pos > buf.length) return done(false);
    } else {
      const lines = op.arg === 'twolines' ? 2 : 1;
      const parts: string[] = [];
      for (let k = 0; k < lines; k++) {
        const nl = buf.indexOf(0x0a, pos);
        if (nl < 0) return done(false);
        parts.push(buf.toString('latin1', pos, nl));
        pos = nl + 1;
      }
      checkLineArg(op.arg, parts, at);
      if (op.arg === 'intline') argValue = Number.parseInt(parts[0]!, 10);
      if (op.pushesString) text = parts[0]!.slice(0, MAX_STRING);
      if (op.global === 'line') {
        importsGlobals = true;
        addGlobal(`${parts[0]}.${parts[1]}`);
      }
    }

    if (code === 0x80) {
      protocol = argValue!;
      if (protocol > 5) throw new MalformedError(`pickle protocol ${protocol} does not exist`);
    }
    if (code === 0x2e) return done(true); // STOP
    if (op.global === 'stack') {
      importsGlobals = true;
      const [mod, name] = recent;
      addGlobal(mod !== undefined && name !== undefined ? `${mod}.${name}` : '?');
      push(undefined);
    } else if (op.pushesString) push(text);
    else if (op.memoGet) push(argValue !== undefined ? memo.get(argValue) : undefined);
    else if (op.memoPut) {
      const last = recent[recent.length - 1];
      const index = code === 0x94 ? memoNext++ : argValue;
      if (last !== undefined && index !== undefined) memo.set(index, last);
    } else if (code !== 0x95) push(undefined); // FRAME pushes nothing
  }
  return done(false);

  function done(complete: boolean): PickleWalk {
    return {
      protocol: protocol >= 0 ? protocol : maxProto >= 1 ? 1 : 0,
      importsGlobals,
      globals: [...globals],
      opcodes,
      complete,
      end: pos,
    };
  }
}

function checkLineArg(arg: Arg, parts: string[], at: number): void {
  const ok =
    arg === 'intline' ? INT_LINE.test(parts[0]!) : arg === 'strline' ? STR_LINE.test(parts[0]!) : arg === 'twolines' ? parts.every((p) => DOTTED_NAME.test(p)) : true;
  if (!ok) throw new MalformedError(`opcode at offset ${at} has a malformed argument line`);
}

/** True when the bytes are a plausible pickle: PROTO 2-5, or a protocol 0/1 stream that decodes cleanly. */
export function looksLikePickle(head: Buffer): boolean {
  if (head.length < 2) return false;
  try {
    // PROTO 2-5 followed by an opcode is specific enough; the walk in `describe` reports what follows.
    if (head[0] === 0x80) return head[1]! >= 2 && head[1]! <= 5 && head.length > 2 && OP_BY_BYTE[head[2]!] !== undefined;
    const first = OP_BY_BYTE[head[0]!];
    if (!first || !PROTO01_OPENERS.has(head[0]!)) return false;
    const w = walkPickle(head, 0, 4096);
    return (w.complete && w.opcodes >= 3) || w.opcodes >= 64;
  } catch {
    return false;
  }
}

// How protocol 0/1 pickles of real objects begin: a mark, a container, or a global.
const PROTO01_OPENERS = new Set([0x28, 0x7d, 0x5d, 0x29, 0x63, 0x64, 0x6c]); // ( } ] ) c d l
