// Model formats that are zip archives, told apart by their members: PyTorch (`<folder>/data.pkl` and
// `<folder>/version`), Keras v3 (`config.json` + `model.weights.h5`) and NumPy `.npz` (all `.npy`).

import type { Attrs, AttrValue } from '../../../model/index.js';
import { elementCount, MalformedError, TruncatedError, type ByteSource } from '../binary/source.js';
import { looksLikeZip, readEntryPrefix, readZipEntries, type ZipEntry } from '../binary/zip.js';
import { frameworkFromGlobals } from './frameworks.js';
import { summariseKerasConfig } from './keras-config.js';
import { parseNpyHeader } from './numpy.js';
import { walkPickle } from './pickle-walk.js';
import { compact, extensionOf, type Described, type FormatReader, type Warn } from './types.js';

const PICKLE_BYTES = 1024 * 1024;
const CONFIG_BYTES = 8 * 1024 * 1024;
const MAX_ARRAYS = 50;
const ZIP_FORMAT_BY_EXTENSION = new Map([
  ['pt', 'pytorch-zip'],
  ['pth', 'pytorch-zip'],
  ['keras', 'keras'],
  ['npz', 'npz'],
]);

// The first member's name is enough to tell a model archive from any other zip when sniffing.
const FIRST_MEMBER = /(?:^|\/)(?:data\.pkl|version|metadata\.json|config\.json)$|\.npy$/;

function firstMemberName(head: Buffer): string | undefined {
  if (!looksLikeZip(head) || head.length < 30) return undefined;
  const len = head.readUInt16LE(26);
  return head.toString('utf8', 30, Math.min(head.length, 30 + len));
}

function torchFolder(entries: ZipEntry[]): string | undefined {
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    const m = /^(.*\/)?data\.pkl$/.exec(e.name);
    if (!m) continue;
    const folder = m[1] ?? '';
    if (names.has(`${folder}version`) || names.has(`${folder}.data/version`)) return folder;
  }
  return undefined;
}

async function describeTorchZip(src: ByteSource, entries: ZipEntry[], folder: string, warn: Warn): Promise<Described> {
  const pkl = entries.find((e) => e.name === `${folder}data.pkl`)!;
  const storages = entries.filter((e) => e.name.startsWith(`${folder}data/`)).length;
  const attrs: Attrs = { framework: 'pytorch', archiveFolder: folder.replace(/\/$/, '') || undefined, storages };
  try {
    const walk = walkPickle(await readEntryPrefix(src, pkl, PICKLE_BYTES));
    Object.assign(attrs, {
      pickleProtocol: walk.protocol,
      importsGlobals: walk.complete || walk.importsGlobals ? walk.importsGlobals : undefined,
      globals: walk.globals.length ? walk.globals : undefined,
    });
    const fw = frameworkFromGlobals(walk.globals.filter((g) => !g.startsWith('torch.') && !g.startsWith('collections.')));
    if (fw && fw !== 'numpy') attrs.wraps = fw;
  } catch (e) {
    warn(`PyTorch archive ${pkl.name} is malformed: ${(e as Error).message}`);
  }
  return { format: 'pytorch-zip', attrs: compact(attrs) };
}

async function describeKeras(src: ByteSource, entries: ZipEntry[], warn: Warn): Promise<Described> {
  const attrs: Attrs = { framework: 'keras', weights: entries.find((e) => /^model\.weights\./.test(e.name))?.name };
  const meta = entries.find((e) => e.name === 'metadata.json');
  if (meta) {
    try {
      const m = JSON.parse((await readEntryPrefix(src, meta, 64 * 1024)).toString('utf8')) as { keras_version?: unknown };
      if (typeof m.keras_version === 'string') attrs.kerasVersion = m.keras_version;
    } catch (e) {
      warn(`Keras metadata.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  const config = entries.find((e) => e.name === 'config.json')!;
  if (config.size > CONFIG_BYTES) warn(`Keras config.json is ${config.size} bytes; only configs up to ${CONFIG_BYTES} bytes are read`);
  else {
    try {
      Object.assign(attrs, summariseKerasConfig(JSON.parse((await readEntryPrefix(src, config, CONFIG_BYTES)).toString('utf8'))));
    } catch (e) {
      warn(`Keras config.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  return { format: 'keras', attrs: compact(attrs) };
}

async function describeNpz(src: ByteSource, entries: ZipEntry[], warn: Warn): Promise<Described> {
  const arrays: Array<{ [k: string]: AttrValue }> = [];
  let parameters = 0;
  let objectArrays = 0;
  for (const e of entries.slice(0, MAX_ARRAYS)) {
    try {
      const h = parseNpyHeader(await readEntryPrefix(src, e, 64 * 1024));
      arrays.push({ name: e.name.replace(/\.npy$/, ''), dtype: h.dtype, shape: h.shape });
      parameters += elementCount(h.shape);
      if (h.objectDtype) objectArrays++;
    } catch (err) {
      warn(`array ${e.name} in the .npz has a malformed header: ${(err as Error).message}`);
    }
  }
  return {
    format: 'npz',
    attrs: compact({
      framework: 'numpy',
      arrayCount: entries.length,
      arrays,
      parameters,
      dtypes: [...new Set(arrays.map((a) => a.dtype as string))].sort(),
      objectArrays: objectArrays || undefined,
    }),
  };
}

async function describeZip(src: ByteSource, _head: Buffer, rel: string, warn: Warn): Promise<Described | undefined> {
  let entries: ZipEntry[];
  try {
    entries = await readZipEntries(src);
  } catch (e) {
    if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
    warn(`zip archive is malformed: ${e.message}`);
    const declared = ZIP_FORMAT_BY_EXTENSION.get(extensionOf(rel));
    return declared ? { format: declared, attrs: { malformed: true } } : undefined;
  }
  const folder = torchFolder(entries);
  if (folder !== undefined) return describeTorchZip(src, entries, folder, warn);
  const names = new Set(entries.map((e) => e.name));
  if (names.has('config.json') && entries.some((e) => /^model\.weights\.(?:h5|npz)$/.test(e.name))) return describeKeras(src, entries, warn);
  if (entries.length && entries.every((e) => e.name.endsWith('.npy'))) return describeNpz(src, entries, warn);
  const declared = ZIP_FORMAT_BY_EXTENSION.get(extensionOf(rel));
  if (declared) warn(`zip archive has none of the members a ${declared} file holds`);
  return declared ? { format: declared, attrs: { unrecognisedArchive: true, members: entries.length } } : undefined;
}


export const zipFamilyReader: FormatReader = {
  format: 'zip',
  extensions: ['pt', 'pth', 'bin', 'ckpt', 'keras', 'npz'],
  sniff: (head, rel) => {
    const first = firstMemberName(head);
    return first !== undefined && (FIRST_MEMBER.test(first) || ZIP_FORMAT_BY_EXTENSION.get(extensionOf(rel)) !== undefined);
  },
  describe: describeZip,
};
