import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdxgenModels } from './peer-cdxgen.js';
import { median, medianRun, scoreModels } from './metrics.js';
import { Rng } from '../../src/util/rng.js';
import type { Truth } from './truth.js';

const truth: Pick<Truth, 'models'> = {
  models: [
    { id: 'gpt-4o', provider: 'openai', contexts: { python: 2 }, count: 2, examples: [] },
    { id: 'claude-3-5-haiku-20241022', provider: 'anthropic', contexts: { typescript: 1, env: 1 }, count: 2, examples: [] },
    { id: 'meta-llama/Llama-3.1-8B-Instruct', provider: 'huggingface', contexts: { notebook: 1 }, count: 1, examples: [] },
    { id: 'gemini-2.0-flash', provider: 'google-gemini', contexts: { python: 1 }, count: 1, examples: [] },
  ],
};

test('precision counts reported models, recall counts planted ids; ids compare case-insensitively', () => {
  const s = scoreModels(
    [
      { id: 'gpt-4o', provider: 'openai', key: 'openai/gpt-4o' },
      { id: 'gpt-4o', provider: 'azure-openai', key: 'azure-openai/gpt-4o' },
      { id: 'META-LLAMA/llama-3.1-8b-instruct', provider: 'huggingface', key: 'huggingface/x' },
      { id: 'models/gemini-2.0-flash', provider: 'google-gemini', key: 'google-gemini/x' },
      { id: 'mockModel', key: 'x/mockModel' },
    ],
    truth,
  );
  assert.equal(s.reported, 5);
  assert.equal(s.truePositives, 4);
  assert.equal(s.precision, 0.8);
  assert.equal(s.planted, 4);
  assert.equal(s.found, 3);
  assert.equal(s.recall, 0.75);
  assert.deepEqual(s.falsePositives, ['mockModel']);
  assert.deepEqual(s.missed, ['claude-3-5-haiku-20241022']);
  assert.deepEqual(s.byContext, { env: { planted: 1, found: 0 }, notebook: { planted: 1, found: 1 }, python: { planted: 2, found: 2 }, typescript: { planted: 1, found: 0 } });
});

test('no reported models: precision is undefined, recall 0', () => {
  const s = scoreModels([], truth);
  assert.equal(s.precision, undefined);
  assert.equal(s.recall, 0);
  assert.equal(s.missed.length, 4);
});

test('median and the median run', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.deepEqual(medianRun([{ wallMs: 30 }, { wallMs: 10 }, { wallMs: 20 }]), { wallMs: 20 });
});

test('cdxgen models: hub ids get their organisation, hosted ones their name, local weight files are left out', () => {
  const bom = {
    components: [
      { type: 'machine-learning-model', group: 'openai', name: 'gpt-4o', properties: [{ name: 'cdx:ai:provider', value: 'openai' }] },
      { type: 'machine-learning-model', group: 'google', name: 'flan-t5-base', properties: [{ name: 'cdx:ai:provider', value: 'huggingface' }] },
      { type: 'machine-learning-model', group: 'local', name: 'Acme Tuned 8B', properties: [{ name: 'cdx:ai:provider', value: 'local' }] },
      { type: 'file', name: 'x.py', components: [{ type: 'machine-learning-model', group: 'ai', name: 'openai' }] },
    ],
  };
  assert.deepEqual(cdxgenModels(bom), [
    { id: 'openai', key: 'ai/openai' },
    { id: 'google/flan-t5-base', provider: 'huggingface', key: 'google/flan-t5-base' },
    { id: 'gpt-4o', provider: 'openai', key: 'openai/gpt-4o' },
  ]);
});

test('the PRNG is deterministic, forks are independent of use, and ranges hold', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  assert.deepEqual([a.next(), a.next(), a.next()], [b.next(), b.next(), b.next()]);
  const fresh = new Rng(42).fork('x').next();
  const used = new Rng(42);
  used.next();
  assert.equal(used.fork('x').next(), fresh);
  assert.notEqual(new Rng(42).fork('y').next(), fresh);
  const r = new Rng('ranges');
  for (let i = 0; i < 1000; i++) {
    const n = r.int(3, 7);
    assert.ok(n >= 3 && n <= 7);
    const l = r.logUniform(1024, 30 * 1024);
    assert.ok(l >= 1024 && l <= 30 * 1024);
  }
  assert.deepEqual(new Rng(1).fill(Buffer.alloc(16)), new Rng(1).fill(Buffer.alloc(16)));
});
