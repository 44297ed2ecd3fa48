import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { BinaryContentError, TooLargeError, type FileInput } from './types.js';

export interface ReadLimits {
  /** Largest file read whole as text or bytes for content analysis. */
  maxContentBytes: number;
  /** Largest file hashed (model files can be many GB); larger ones get no sha256. */
  maxHashBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxContentBytes: 16 * 1024 * 1024,
  maxHashBytes: 8 * 1024 * 1024 * 1024,
};

const HEAD_BYTES = 64 * 1024;

/**
 * A FileInput over a file on disk; every read is cached so collectors sharing a file read it once.
 * Reads are synchronous on purpose: the scan reads tens of thousands of small files one after another in a
 * worker that has nothing else to do, and a synchronous read costs a fraction of the four thread-pool round
 * trips of an asynchronous one (measured: the difference is most of a large scan's time). Only the
 * streamed hash of large files stays asynchronous.
 */
export function fileInput(abs: string, rel: string, size: number, limits: ReadLimits = DEFAULT_LIMITS): FileInput {
  let headP: Promise<Buffer> | undefined;
  let bytesP: Promise<Buffer> | undefined;
  let textP: Promise<string> | undefined;
  let shaP: Promise<string> | undefined;
  const bytes = () => {
    if (size > limits.maxContentBytes) return Promise.reject(new TooLargeError(rel, size, limits.maxContentBytes));
    if (!bytesP) {
      try {
        bytesP = Promise.resolve(readFileSync(abs));
      } catch (e) {
        bytesP = Promise.reject(e);
      }
    }
    return bytesP;
  };
  const range = async (offset: number, length: number) => {
    if (bytesP) return (await bytesP).subarray(offset, offset + length);
    const fd = openSync(abs, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const bytesRead = readSync(fd, buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      closeSync(fd);
    }
  };
  return {
    rel,
    abs,
    size,
    head: () => (headP ??= bytesP ? bytesP.then((b) => b.subarray(0, HEAD_BYTES)) : range(0, HEAD_BYTES)),
    bytes,
    text: () => (textP ??= bytes().then((b) => decodeText(rel, b))),
    range,
    sha256: () =>
      (shaP ??=
        size > limits.maxHashBytes
          ? Promise.reject(new TooLargeError(rel, size, limits.maxHashBytes))
          : bytesP
            ? bytesP.then((b) => createHash('sha256').update(b).digest('hex'))
            : new Promise<string>((resolve, reject) => {
                const h = createHash('sha256');
                createReadStream(abs, { highWaterMark: 1 << 20 })
                  .on('data', (c) => h.update(c))
                  .on('error', reject)
                  .on('end', () => resolve(h.digest('hex')));
              })),
  };
}

/** UTF-8 text of a file, refusing binary content (a NUL byte in the first 8 KiB, as git decides). */
export function decodeText(rel: string, b: Buffer): string {
  // Windows tools write UTF-16 with a byte-order mark; that is text, not binary.
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1))).swap16().toString('utf16le');
  if (b.subarray(0, 8192).includes(0)) throw new BinaryContentError(rel);
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3).toString('utf8') : b.toString('utf8');
}

/** A FileInput over bytes in memory, for tests and for content nested in other files. */
export function memoryInput(rel: string, content: string | Buffer): FileInput {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    rel,
    abs: rel,
    size: buf.length,
    head: async () => buf.subarray(0, HEAD_BYTES),
    bytes: async () => buf,
    text: async () => decodeText(rel, buf),
    range: async (o, l) => buf.subarray(o, o + l),
    sha256: async () => createHash('sha256').update(buf).digest('hex'),
  };
}
