// TensorFlow SavedModel: a folder with `saved_model.pb` (protobuf SavedModel) and `variables/`. The folder
// is the asset; the .pb gives the tags and signatures of each MetaGraph and the TensorFlow version.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fields, stringOf, WIRE } from '../binary/protobuf.js';
import { MalformedError, TruncatedError } from '../binary/source.js';
import type { Attrs } from '../../../model/index.js';
import { compact, type FormatReader } from './types.js';

const SAVED_MODEL = { SCHEMA_VERSION: 1, META_GRAPHS: 2 };
const META_GRAPH = { META_INFO: 1, SIGNATURE_DEF: 5 };
const META_INFO = { TAGS: 4, TENSORFLOW_VERSION: 5 };
const MAX_LIST = 50;

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export const savedModelReader: FormatReader = {
  format: 'tensorflow-savedmodel',
  extensions: [],
  sniff: (_head, rel) => rel === 'saved_model.pb' || rel.endsWith('/saved_model.pb'),
  async describe(src, _head, rel, warn, abs) {
    const folder = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
    const tags = new Set<string>();
    const signatures = new Set<string>();
    const attrs: Attrs = { framework: 'tensorflow' };
    try {
      for await (const f of fields(src, 0, src.size)) {
        if (f.field === SAVED_MODEL.SCHEMA_VERSION && f.wire === WIRE.VARINT) attrs.schemaVersion = f.value;
        if (f.field !== SAVED_MODEL.META_GRAPHS || f.wire !== WIRE.LEN) continue;
        attrs.metaGraphs = Number(attrs.metaGraphs ?? 0) + 1;
        for await (const m of fields(src, f.offset, f.offset + f.length)) {
          if (m.wire !== WIRE.LEN) continue;
          if (m.field === META_GRAPH.META_INFO) {
            for await (const i of fields(src, m.offset, m.offset + m.length)) {
              if (i.wire !== WIRE.LEN) continue;
              if (i.field === META_INFO.TAGS && tags.size < MAX_LIST) tags.add(await stringOf(src, i, 100));
              if (i.field === META_INFO.TENSORFLOW_VERSION) attrs.tensorflowVersion = await stringOf(src, i, 50);
            }
          } else if (m.field === META_GRAPH.SIGNATURE_DEF && signatures.size < MAX_LIST) {
            // map<string, SignatureDef> entry: key is field 1.
            for await (const e of fields(src, m.offset, m.offset + m.length)) {
              if (e.field === 1 && e.wire === WIRE.LEN) signatures.add(await stringOf(src, e, 100));
            }
          }
        }
      }
    } catch (e) {
      if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
      warn(`saved_model.pb is malformed: ${e.message}`);
      attrs.malformed = true;
    }
    // The walker only gives files; the variables folder is checked beside this file, inside the scan root.
    if (abs) attrs.hasVariables = await isFolder(path.join(path.dirname(abs), 'variables'));
    return {
      format: 'tensorflow-savedmodel',
      key: folder,
      attrs: compact({ ...attrs, tags: tags.size ? [...tags].sort() : undefined, signatures: signatures.size ? [...signatures].sort() : undefined }),
    };
  },
};
