// llamafile: an Actually Portable Executable (starts `MZqFpD`) with a zip appended; the weights are a
// GGUF member stored uncompressed, which is described in place.

import { entryDataOffset, readZipEntries } from '../binary/zip.js';
import { MalformedError, TruncatedError } from '../binary/source.js';
import { describeGgufSource } from './gguf.js';
import { compact, type FormatReader } from './types.js';

export const llamafileReader: FormatReader = {
  format: 'llamafile',
  extensions: ['llamafile'],
  sniff: (head, rel) => head.subarray(0, 6).toString('latin1') === 'MZqFpD' && (rel.toLowerCase().endsWith('.llamafile') || head.includes('llamafile')),
  async describe(src, _head, _rel, warn) {
    try {
      const entries = await readZipEntries(src);
      const gguf = entries.find((e) => e.name.toLowerCase().endsWith('.gguf'));
      if (!gguf) return { format: 'llamafile', attrs: { framework: 'llama.cpp', embeddedWeights: false } };
      if (gguf.method !== 0) {
        warn(`llamafile member ${gguf.name} is compressed; its GGUF header was not read`);
        return { format: 'llamafile', attrs: { framework: 'llama.cpp', embeddedWeights: gguf.name } };
      }
      const start = await entryDataOffset(src, gguf);
      const inner = src.sub(start, gguf.size);
      const attrs = await describeGgufSource(inner, warn);
      return { format: 'llamafile', attrs: compact({ ...attrs, embeddedWeights: gguf.name }) };
    } catch (e) {
      if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
      warn(`llamafile archive is malformed: ${e.message}`);
      return { format: 'llamafile', attrs: { framework: 'llama.cpp', malformed: true } };
    }
  },
};
