import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Rng } from '../../util/rng.js';
import { defaultModelCorpusDir } from './evaluate.js';
import { callPickle, memoryModelInput, stateDictPickle, zipBytes } from './fixtures.js';
import { analyseModelFile } from './index.js';
import { analysePickle } from './pickle-analysis.js';

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low']);
const MAX_MS_PER_INPUT = 2_000;

function corpusFiles(dir: string): Buffer[] {
  if (!existsSync(dir)) return [];
  const out: Buffer[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name !== 'truth.jsonl') out.push(readFileSync(p)); // bytes only, never loaded
    }
  };
  visit(dir);
  return out;
}

function mutate(rng: Rng, base: Buffer): Buffer {
  let b = Buffer.from(base);
  const edits = 1 + rng.int(0, 5);
  for (let e = 0; e < edits && b.length; e++) {
    const at = rng.int(0, b.length - 1);
    switch (rng.int(0, 4)) {
      case 0: b[at] = rng.int(0, 255); break; // flip a byte
      case 1: b = b.subarray(0, at); break; // truncate
      case 2: b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + rng.int(1, 64)), b.subarray(at)]); break; // duplicate a run
      case 3: b = Buffer.concat([b.subarray(0, at), b.subarray(at + rng.int(1, 16))]); break; // delete a run
      default: b.writeUInt8([0x80, 0x93, 0x94, 0x68, 0x28, 0x52, 0x62, 0x2e][rng.int(0, 7)]!, at); // plant an opcode
    }
  }
  return b;
}

async function check(rel: string, data: Buffer): Promise<void> {
  const t0 = Date.now();
  const v = await analyseModelFile(memoryModelInput(rel, data));
  const ms = Date.now() - t0;
  assert.ok(ms < MAX_MS_PER_INPUT, `${rel}: ${ms} ms for ${data.length} bytes`);
  assert.equal(typeof v.format, 'string');
  assert.equal(v.malicious, v.detections.some((d) => d.severity === 'critical' || d.severity === 'high'));
  for (const d of v.detections) {
    assert.ok(SEVERITIES.has(d.severity), d.type);
    assert.ok(Number.isInteger(d.start) && Number.isInteger(d.end) && d.start >= 0 && d.start < d.end, `${d.type} ${d.start}..${d.end}`);
    assert.ok(d.score > 0 && d.score <= 1);
    assert.ok(Array.isArray(d.reasons) && d.reasons.length > 0);
  }
}

test('fuzz: mutated dev-corpus files never throw and stay bounded', async () => {
  const files = corpusFiles(defaultModelCorpusDir());
  const seeds = files.length ? files : [callPickle('os', 'system', 'id'), zipBytes([{ name: 'a/data.pkl', data: stateDictPickle([{ key: 'w', numel: 2 }]) }])];
  const rng = new Rng('model-files-fuzz');
  const exts = ['pkl', 'pt', 'bin', 'npy', 'safetensors', 'gguf', 'onnx', 'json', 'zip', 'pb'];
  for (let i = 0; i < 1_500; i++) await check(`f${i}.${exts[i % exts.length]}`, mutate(rng, seeds[i % seeds.length]!));
});

test('fuzz: random bytes behind every magic number never throw', async () => {
  const rng = new Rng('model-files-random');
  const magics = ['', '\x80\x04', 'PK\x03\x04', '\x93NUMPY\x01\x00', 'GGUF\x03\x00\x00\x00', '\x89HDF\r\n\x1a\n', '\x1f\x8b', '\x78\x9c', '7z\xbc\xaf\x27\x1c', '(', 'c'];
  for (let i = 0; i < 1_000; i++) {
    const body = Buffer.alloc(rng.int(0, 2048));
    for (let j = 0; j < body.length; j++) body[j] = rng.int(0, 255);
    await check(`r${i}.bin`, Buffer.concat([Buffer.from(magics[i % magics.length]!, 'latin1'), body]));
  }
});

test('the opcode budget bounds a pickle that loops on DUP/POP', () => {
  const body = Buffer.alloc(3_000_000, 0x32); // DUP ...
  body[0] = 0x80;
  body[1] = 4;
  body[2] = 0x4e; // NONE, then 2,999,997 DUPs
  const r = analysePickle(body, { budget: { opcodes: 100_000 } });
  assert.equal(r.opcodes, 100_000);
  assert.deepEqual(r.detections.map((d) => d.type), ['pickle-opcode-limit']);
});
