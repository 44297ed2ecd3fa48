// Streams a log line by line with bounded memory: plain or gzip (recognised by its magic bytes, not its
// name), from a file on disk or from bytes in memory. A line longer than MAX_LINE is not kept whole; the
// callback gets it truncated with `overlong` set, so a file without newlines cannot exhaust memory.

import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

export const MAX_LINE = 16 * 1024;

export type LogSource = { path: string } | { bytes: Buffer };

/** Return false to stop reading (the rest of the file is not read). */
export type LineHandler = (text: string, lineNo: number, overlong: boolean) => boolean | void;

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

async function headOf(src: LogSource): Promise<Buffer> {
  if ('bytes' in src) return src.bytes.subarray(0, 2);
  const fh = await fs.open(src.path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function openLogStream(src: LogSource): Promise<Readable> {
  const raw = 'bytes' in src ? Readable.from([src.bytes]) : createReadStream(src.path, { highWaterMark: 256 * 1024 });
  return isGzip(await headOf(src)) ? raw.pipe(createGunzip()) : raw;
}

/** Calls `onLine` for every line (without its `\n` or `\r\n`); resolves with the number of lines read. */
export async function forEachLine(src: LogSource, onLine: LineHandler): Promise<number> {
  const stream = await openLogStream(src);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let carryOverlong = false;
  let lineNo = 0;
  let stopped = false;
  const emit = (text: string, overlong: boolean) => {
    lineNo++;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (onLine(text, lineNo, overlong) === false) stopped = true;
  };
  try {
    for await (const chunk of stream) {
      const s = carry + decoder.write(chunk as Buffer);
      let start = 0;
      let nl = s.indexOf('\n');
      while (nl >= 0 && !stopped) {
        emit(carryOverlong ? s.slice(start, Math.min(nl, start + MAX_LINE)) : s.slice(start, nl), carryOverlong || nl - start > MAX_LINE);
        carryOverlong = false;
        start = nl + 1;
        nl = s.indexOf('\n', start);
      }
      if (stopped) break;
      carry = s.slice(start);
      if (carry.length > MAX_LINE) {
        // keep only the beginning of a runaway line; the rest is dropped up to the next newline
        carry = carry.slice(0, MAX_LINE);
        carryOverlong = true;
      }
    }
    if (!stopped) {
      const rest = carry + decoder.end();
      if (rest.length) emit(rest, carryOverlong);
    }
  } finally {
    stream.destroy();
  }
  return lineNo;
}
