import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { TooLargeError, type FileInput } from './types.js';

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

/** A FileInput over a file on disk; every read is cached so collectors sharing a file read it once. */
export function fileInput(abs: string, rel: string, size: number, limits: ReadLimits = DEFAULT_LIMITS): FileInput {
  let headP: Promise<Buffer> | undefined;
  let bytesP: Promise<Buffer> | undefined;
  let textP: Promise<string> | undefined;
  let shaP: Promise<string> | undefined;
  const bytes = () => {
    if (size > limits.maxContentBytes) return Promise.reject(new TooLargeError(rel, size, limits.maxContentBytes));
    return (bytesP ??= fs.readFile(abs));
  };
  const range = async (offset: number, length: number) => {
    if (bytesP) return (await bytesP).subarray(offset, offset + length);
    const fh = await fs.open(abs, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  };
  return {
    rel,
    abs,
    size,
    head: () => (headP ??= bytesP ? bytesP.then((b) => b.subarray(0, HEAD_BYTES)) : range(0, HEAD_BYTES)),
    bytes,
    text: () => (textP ??= bytes().then((b) => b.toString('utf8'))),
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

/** A FileInput over bytes in memory, for tests and for content nested in other files. */
export function memoryInput(rel: string, content: string | Buffer): FileInput {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    rel,
    abs: rel,
    size: buf.length,
    head: async () => buf.subarray(0, HEAD_BYTES),
    bytes: async () => buf,
    text: async () => buf.toString('utf8'),
    range: async (o, l) => buf.subarray(o, o + l),
    sha256: async () => createHash('sha256').update(buf).digest('hex'),
  };
}
