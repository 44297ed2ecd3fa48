import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryInput } from '../file-input.js';
import { emptyOutput, makeContext } from '../run.js';
import type { CollectorOutput } from '../types.js';
import { notebookCollector, notebookOutputs, pythonProgram } from './index.js';
import { parseNotebook } from './ipynb.js';

const read = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

async function collect(name: string): Promise<CollectorOutput> {
  const out = emptyOutput();
  const input = memoryInput(`nb/${name}`, read(name));
  await notebookCollector.collect(input, makeContext(input, notebookCollector, out));
  return out;
}

test('notebook: wants .ipynb files', () => {
  assert.equal(notebookCollector.wants('x/a.ipynb', 'a.ipynb'), true);
  assert.equal(notebookCollector.wants('x/a.py', 'a.py'), false);
});

test('notebook: notebook asset with kernel, language, cell counts and outputs', async () => {
  const out = await collect('eval.ipynb');
  const nb = out.assets.find((a) => a.kind === 'notebook')!;
  assert.equal(nb.key, 'nb/eval.ipynb');
  assert.deepEqual(nb.attrs, { kernel: 'python3', language: 'python', nbformat: 4, cells: 4, codeCells: 3, markdownCells: 1, hasOutputs: true, outputChars: 29 });
});

test('notebook: code cells analysed as Python with lines mapped to the .ipynb file', async () => {
  const out = await collect('eval.ipynb');
  const model = out.assets.find((a) => a.kind === 'model')!;
  assert.equal(model.key, 'huggingface/bert-base-uncased');
  assert.equal(model.attrs?.trustRemoteCode, true);
  // the cell's source is one JSON string: both of its lines are on line 35 of the file
  assert.equal(model.evidence![0].line, 35);
  assert.equal(model.evidence![0].file, 'nb/eval.ipynb');
  const unsafe = out.appFacts.flatMap((f) => (f.attrs.unsafeLoads as Array<Record<string, unknown>>) ?? []);
  assert.deepEqual(unsafe, [{ file: 'nb/eval.ipynb', line: 35, loader: 'torch.load', target: 'ckpt/head.pt' }]);
  // `%%bash` cells and `!pip` lines are not Python: nothing from them, no syntax warning
  assert.equal(out.warnings.length, 0);
  assert.equal(out.assets.filter((a) => a.kind === 'model').length, 1);
});

test('notebook: magics are blanked line for line', () => {
  const { source, lineMap } = pythonProgram(parseNotebook(read('eval.ipynb')));
  const lines = source.split('\n');
  assert.equal(lines[0], '');
  assert.equal(lines[1], '');
  assert.equal(lines[2], 'import torch');
  assert.equal(lineMap[2], 18);
  assert.ok(!source.includes('echo'));
});

test('notebook: text outputs with cell index and line', () => {
  assert.deepEqual(notebookOutputs(read('eval.ipynb')), [
    { cell: 2, line: 31, text: 'contact: ops@example.com\n' },
    { cell: 3, line: 48, text: '0.93' },
  ]);
});

test('notebook: malformed JSON warns with the line and emits nothing', async () => {
  const out = await collect('broken.ipynb');
  assert.equal(out.assets.length, 0);
  assert.equal(out.warnings.length, 1);
  assert.equal(out.warnings[0].line, 4);
  assert.match(out.warnings[0].message, /malformed notebook JSON/);
});
