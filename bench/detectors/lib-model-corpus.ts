// Deterministic speed corpus for the model-file detector, shaped like the corpus picklescan and ModelScan
// were timed on: eight 64 MB PyTorch zip checkpoints (torch-style data.pkl + stored tensor storages),
// 300 small pickles (state dicts, vocabularies, nested configs) and 20 NumPy arrays, about 571 MB in all.
// Written once into bench/.work/model-corpus/ and reused while its manifest matches.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../src/util/rng.js';
import { PickleWriter, npyHeader, stateDictPickle, zipBytes } from '../../src/detectors/model-files/fixtures.js';

const VERSION = 2;
const MB = 1024 * 1024;
export const SHAPE = { checkpoints: 8, checkpointBytes: 64 * MB, pickles: 300, npy: 20 };

export function corpusDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.work', 'model-corpus');
}

/** A fixed pseudo-random block, repeated for tensor data (content does not matter, size does). */
function noiseBlock(rng: Rng, size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE(rng.next() >>> 0, i);
  return b;
}

function checkpoint(rng: Rng, noise: Buffer, index: number): Buffer {
  const top = index % 2 ? 'archive' : `model_${index}`;
  const tensors: Array<{ key: string; numel: number }> = [];
  let left = SHAPE.checkpointBytes - 64 * 1024;
  for (let i = 0; left > 0; i++) {
    const numel = Math.min(left / 4, rng.int(64 * 1024, 4 * MB));
    tensors.push({ key: `layers.${i}.weight`, numel });
    left -= numel * 4;
  }
  const members = [
    { name: `${top}/data.pkl`, data: stateDictPickle(tensors) },
    { name: `${top}/byteorder`, data: Buffer.from('little') },
    ...tensors.map((t, i) => ({ name: `${top}/data/${i}`, data: Buffer.concat(Array.from({ length: Math.ceil((t.numel * 4) / noise.length) }, () => noise)).subarray(0, t.numel * 4) })),
    { name: `${top}/version`, data: Buffer.from('3\n') },
    { name: `${top}/.data/serialization_id`, data: Buffer.from(String(rng.int(1e9, 9e9))) },
  ];
  return zipBytes(members);
}

function smallPickle(rng: Rng, i: number): Buffer {
  const kind = i % 3;
  if (kind === 0) return stateDictPickle(Array.from({ length: rng.int(5, 60) }, (_, k) => ({ key: `block${k}.w`, numel: rng.int(16, 4096) })));
  const w = new PickleWriter().proto(kind === 1 ? 4 : 2).raw('}').mark();
  const entries = rng.int(1_500, 9_000);
  for (let k = 0; k < entries; k++) {
    w.str(kind === 1 ? `tok_${k.toString(36)}_${rng.int(0, 1e6)}` : `param_${k}`);
    if (kind === 1) w.int(k);
    else w.mark().float(rng.float()).float(rng.float()).float(rng.float()).raw('l');
  }
  return w.raw('u').stop().toBuffer();
}

function npy(rng: Rng, noise: Buffer): Buffer {
  const n = rng.int(256 * 1024, 512 * 1024);
  return Buffer.concat([npyHeader('<f4', [n]), Buffer.concat(Array.from({ length: Math.ceil((n * 4) / noise.length) }, () => noise)).subarray(0, n * 4)]);
}

export interface CorpusFile {
  rel: string;
  size: number;
}

/** Writes the corpus if missing (or from another generator version) and lists its files. */
export function ensureModelCorpus(): { dir: string; files: CorpusFile[] } {
  const dir = corpusDir();
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: number; files: CorpusFile[] };
    if (manifest.version === VERSION) return { dir, files: manifest.files };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rng = new Rng('bench-model-files');
  const noise = noiseBlock(rng.fork('noise'), MB);
  const files: CorpusFile[] = [];
  const write = (rel: string, data: Buffer) => {
    writeFileSync(path.join(dir, rel), data);
    files.push({ rel, size: data.length });
  };
  const exts = ['pt', 'bin', 'pth', 'ckpt'];
  for (let i = 0; i < SHAPE.checkpoints; i++) write(`checkpoint_${i}.${exts[i % exts.length]}`, checkpoint(rng.fork(`ckpt-${i}`), noise, i));
  for (let i = 0; i < SHAPE.pickles; i++) write(`pickle_${i}.pkl`, smallPickle(rng.fork(`pkl-${i}`), i));
  for (let i = 0; i < SHAPE.npy; i++) write(`array_${i}.npy`, npy(rng.fork(`npy-${i}`), noise));
  const digest = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  writeFileSync(manifestPath, JSON.stringify({ version: VERSION, digest, files }, null, 1));
  return { dir, files };
}
