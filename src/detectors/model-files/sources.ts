// ByteSources over data that is not a file: decompressed members and streams.

import { ByteSource } from '../../collectors/model-files/binary/source.js';

export function bufferSource(buf: Buffer): ByteSource {
  return new ByteSource({ size: buf.length, range: async (o, l) => buf.subarray(o, o + l) });
}
