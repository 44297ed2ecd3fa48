// A reader of the protobuf wire format (varints and length-delimited fields) over a ByteSource. Enough to
// walk ONNX, Core ML and SavedModel messages field by field, skipping the large ones (weights) unread.

import { MalformedError, TruncatedError, type ByteSource } from './source.js';

export const WIRE = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

export interface WireField {
  field: number;
  wire: number;
  /** The value of a varint field (as a number; 64-bit values past 2^53 lose precision, fine for counts). */
  value: number;
  /** Where the payload of a LEN / I32 / I64 field starts, and its length. */
  offset: number;
  length: number;
}

/** Reads a varint at `pos`; returns the value and the position after it. */
export async function readVarint(src: ByteSource, pos: number, end: number): Promise<[number, number]> {
  const b = await src.read(pos, Math.min(10, end - pos));
  let value = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, pos + i + 1];
  }
  if (b.length < 10) throw new TruncatedError(`varint at byte ${pos} runs past the end of its message`);
  throw new MalformedError(`varint at byte ${pos} is longer than 10 bytes`);
}

/**
 * Iterates over the fields of the message stored in [start, end). Throws MalformedError on a wire type
 * that does not exist or a length that runs past the message, which is how a non-protobuf file shows.
 */
export async function* fields(src: ByteSource, start: number, end: number): AsyncGenerator<WireField> {
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = await readVarint(src, pos, end);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new MalformedError(`field number 0 at byte ${pos}`);
    switch (wire) {
      case WIRE.VARINT: {
        const [value, next] = await readVarint(src, afterTag, end);
        yield { field, wire, value, offset: afterTag, length: next - afterTag };
        pos = next;
        break;
      }
      case WIRE.LEN: {
        const [length, payload] = await readVarint(src, afterTag, end);
        if (payload + length > end) throw new MalformedError(`field ${field} at byte ${pos} claims ${length} bytes, past the end of its message`);
        yield { field, wire, value: 0, offset: payload, length };
        pos = payload + length;
        break;
      }
      case WIRE.I64:
      case WIRE.I32: {
        const length = wire === WIRE.I64 ? 8 : 4;
        if (afterTag + length > end) throw new MalformedError(`fixed-width field ${field} at byte ${pos} runs past the end of its message`);
        yield { field, wire, value: 0, offset: afterTag, length };
        pos = afterTag + length;
        break;
      }
      default:
        throw new MalformedError(`wire type ${wire} at byte ${pos} does not exist (not a protobuf message)`);
    }
  }
}

/** The UTF-8 string payload of a LEN field, cut to `max` bytes. */
export async function stringOf(src: ByteSource, f: WireField, max = 4096): Promise<string> {
  return (await src.read(f.offset, Math.min(f.length, max))).toString('utf8');
}

/** The values of a repeated int64 field, packed (LEN) or one per field (VARINT). */
export async function packedVarints(src: ByteSource, f: WireField): Promise<number[]> {
  if (f.wire === WIRE.VARINT) return [f.value];
  const out: number[] = [];
  let pos = f.offset;
  const end = f.offset + f.length;
  while (pos < end) {
    const [v, next] = await readVarint(src, pos, end);
    out.push(v);
    pos = next;
  }
  return out;
}

/** Reads a small message into a map of field number → first string / varint value. */
export async function smallMessage(src: ByteSource, f: WireField): Promise<Map<number, string | number>> {
  const out = new Map<number, string | number>();
  for await (const g of fields(src, f.offset, f.offset + f.length)) {
    if (out.has(g.field)) continue;
    out.set(g.field, g.wire === WIRE.LEN ? await stringOf(src, g) : g.value);
  }
  return out;
}
