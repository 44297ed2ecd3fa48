// The pickle opcodes of protocols 0-5 and how each one's argument is encoded, as a table the simulator
// decodes from. Names follow CPython's pickletools so that reports read like its disassembly.

export type ArgKind =
  | 'none'
  | 'u1' // unsigned byte
  | 'u2' // unsigned 16-bit little-endian
  | 'i4' // signed 32-bit little-endian
  | 'u4' // unsigned 32-bit little-endian
  | 'u8' // unsigned 64-bit little-endian
  | 'f8' // big-endian double (BINFLOAT)
  | 'line' // text up to a newline
  | 'line2' // two newline-terminated lines (module, name)
  | 'bytes1' // length in one byte, then data
  | 'bytes4' // unsigned 32-bit length, then data
  | 'sbytes4' // signed 32-bit length, then data (BINSTRING, LONG4)
  | 'bytes8'; // unsigned 64-bit length, then data

export interface OpcodeInfo {
  name: string;
  arg: ArgKind;
  protocol: number;
}

const TABLE: Array<[string, string | number, ArgKind, number]> = [
  ['MARK', '(', 'none', 0],
  ['STOP', '.', 'none', 0],
  ['POP', '0', 'none', 0],
  ['POP_MARK', '1', 'none', 1],
  ['DUP', '2', 'none', 0],
  ['FLOAT', 'F', 'line', 0],
  ['INT', 'I', 'line', 0],
  ['BININT', 'J', 'i4', 1],
  ['BININT1', 'K', 'u1', 1],
  ['LONG', 'L', 'line', 0],
  ['BININT2', 'M', 'u2', 1],
  ['NONE', 'N', 'none', 0],
  ['PERSID', 'P', 'line', 0],
  ['BINPERSID', 'Q', 'none', 1],
  ['REDUCE', 'R', 'none', 0],
  ['STRING', 'S', 'line', 0],
  ['BINSTRING', 'T', 'sbytes4', 1],
  ['SHORT_BINSTRING', 'U', 'bytes1', 1],
  ['UNICODE', 'V', 'line', 0],
  ['BINUNICODE', 'X', 'bytes4', 1],
  ['APPEND', 'a', 'none', 0],
  ['BUILD', 'b', 'none', 0],
  ['GLOBAL', 'c', 'line2', 0],
  ['DICT', 'd', 'none', 0],
  ['EMPTY_DICT', '}', 'none', 1],
  ['APPENDS', 'e', 'none', 1],
  ['GET', 'g', 'line', 0],
  ['BINGET', 'h', 'u1', 1],
  ['INST', 'i', 'line2', 0],
  ['LONG_BINGET', 'j', 'u4', 1],
  ['LIST', 'l', 'none', 0],
  ['EMPTY_LIST', ']', 'none', 1],
  ['OBJ', 'o', 'none', 1],
  ['PUT', 'p', 'line', 0],
  ['BINPUT', 'q', 'u1', 1],
  ['LONG_BINPUT', 'r', 'u4', 1],
  ['SETITEM', 's', 'none', 0],
  ['TUPLE', 't', 'none', 0],
  ['EMPTY_TUPLE', ')', 'none', 1],
  ['SETITEMS', 'u', 'none', 1],
  ['BINFLOAT', 'G', 'f8', 1],
  ['PROTO', 0x80, 'u1', 2],
  ['NEWOBJ', 0x81, 'none', 2],
  ['EXT1', 0x82, 'u1', 2],
  ['EXT2', 0x83, 'u2', 2],
  ['EXT4', 0x84, 'i4', 2],
  ['TUPLE1', 0x85, 'none', 2],
  ['TUPLE2', 0x86, 'none', 2],
  ['TUPLE3', 0x87, 'none', 2],
  ['NEWTRUE', 0x88, 'none', 2],
  ['NEWFALSE', 0x89, 'none', 2],
  ['LONG1', 0x8a, 'bytes1', 2],
  ['LONG4', 0x8b, 'sbytes4', 2],
  ['BINBYTES', 'B', 'bytes4', 3],
  ['SHORT_BINBYTES', 'C', 'bytes1', 3],
  ['SHORT_BINUNICODE', 0x8c, 'bytes1', 4],
  ['BINUNICODE8', 0x8d, 'bytes8', 4],
  ['BINBYTES8', 0x8e, 'bytes8', 4],
  ['EMPTY_SET', 0x8f, 'none', 4],
  ['ADDITEMS', 0x90, 'none', 4],
  ['FROZENSET', 0x91, 'none', 4],
  ['NEWOBJ_EX', 0x92, 'none', 4],
  ['STACK_GLOBAL', 0x93, 'none', 4],
  ['MEMOIZE', 0x94, 'none', 4],
  ['FRAME', 0x95, 'u8', 4],
  ['BYTEARRAY8', 0x96, 'bytes8', 5],
  ['NEXT_BUFFER', 0x97, 'none', 5],
  ['READONLY_BUFFER', 0x98, 'none', 5],
];

/** Opcode byte → info; undefined for bytes that are no opcode. */
export const OPCODES: ReadonlyArray<OpcodeInfo | undefined> = (() => {
  const byCode: Array<OpcodeInfo | undefined> = new Array(256).fill(undefined);
  for (const [name, code, arg, protocol] of TABLE) {
    byCode[typeof code === 'string' ? code.charCodeAt(0) : code] = { name, arg, protocol };
  }
  return byCode;
})();

/** Opcode byte values by name, for the simulator's dispatch. */
export const OP: Readonly<Record<string, number>> = Object.fromEntries(
  TABLE.map(([name, code]) => [name, typeof code === 'string' ? code.charCodeAt(0) : code]),
);
