// Collector `model-files`: recognises serialised models by their bytes (the extension may lie or say
// nothing) and describes them: format, size, hash, architecture, parameters, quantisation. It reads
// headers with bounded range reads and never loads, unpickles or executes a model.

import path from 'node:path';
import type { Attrs } from '../../model/index.js';
import { TooLargeError, type Collector } from '../types.js';
import { ByteSource } from './binary/source.js';
import { extensionOf, type Described } from './formats/types.js';
import { declaredFormats, DECLARED, GENERIC, READERS } from './readers.js';

const WANTED = new Set([...Object.keys(DECLARED), ...GENERIC]);

function safeSniff(head: Buffer, rel: string) {
  return READERS.find((r) => {
    try {
      return r.sniff(head, rel);
    } catch {
      return false;
    }
  });
}

export const modelFilesCollector: Collector = {
  id: 'model-files',
  version: '1.0.0',
  wants: (rel, base) => WANTED.has(extensionOf(base)) || base === 'saved_model.pb' || /\.mlpackage\/manifest\.json$/i.test(rel),
  sniff: (head, rel) => safeSniff(head, rel) !== undefined,
  async collect(file, ctx) {
    if (file.size === 0) return;
    const head = await file.head();
    const ext = extensionOf(file.rel);
    const warn = (m: string) => ctx.warn(m);
    const reader = safeSniff(head, file.rel);
    let found: Described | undefined = reader ? await reader.describe(new ByteSource(file), head, file.rel, warn, file.abs) : undefined;
    const declared = declaredFormats(ext);
    if (!found) {
      // A model extension with content that is none of the formats: still a model file, described as such.
      if (!declared) return;
      ctx.warn(`content is not a recognisable ${declared[0]} file (first bytes ${head.subarray(0, 8).toString('hex')})`);
      found = { format: declared[0]!, attrs: { recognised: false } };
    }
    const folderFormat = found.key !== undefined;
    const attrs: Attrs = { format: found.format };
    if (declared && !declared.includes(found.format)) attrs.declaredFormat = declared[0];
    if (folderFormat) attrs.specFile = path.posix.basename(file.rel);
    else {
      attrs.sizeBytes = file.size;
      try {
        attrs.sha256 = await file.sha256();
      } catch (e) {
        if (!(e instanceof TooLargeError)) throw e;
        attrs.notes = [`sha256 not computed: ${e.size} bytes is over the ${e.limit}-byte hashing limit`];
      }
    }
    Object.assign(attrs, found.attrs);
    const key = found.key ?? file.rel;
    ctx.asset({ kind: 'model-file', key, name: key === '.' ? '.' : path.posix.basename(key), attrs });
  },
};

export default modelFilesCollector;
