// GGUF (llama.cpp): the metadata key/values are walked to find chat templates (`tokenizer.chat_template`
// and its named variants). A template is Jinja2 that runtimes render; constructs that climb from a value
// to Python internals (`__class__`, `__subclasses__`, `__globals__`, ...) or known sandbox-escape gadgets
// execute code in renderers without a sandbox (the CVE-2024-34359 class).

import { detection } from '../report.js';
import { fileOffset, type ScanState, type Target } from '../scan-types.js';

export function isGguf(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).toString('latin1') === 'GGUF';
}

const T = { STRING: 8, ARRAY: 9 } as const;
const WIDTH: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const MAX_KV = 100_000;
const MAX_METADATA = 256 * 1024 * 1024;
const MAX_TEMPLATE = 1024 * 1024;

class NeedMore extends Error {}
class Bad extends Error {}

interface Template {
  key: string;
  offset: number;
  text: string;
}

/** Walks the metadata in `buf` (a prefix of the file); NeedMore when it runs past the prefix. */
function walkMetadata(buf: Buffer, fileSize: number): Template[] {
  let pos = 4;
  const need = (n: number) => {
    if (pos + n > buf.length) throw buf.length < fileSize ? new NeedMore() : new Bad('metadata runs past the end of the file');
  };
  const u32 = () => (need(4), (pos += 4), buf.readUInt32LE(pos - 4));
  const u64 = () => {
    need(8);
    const v = buf.readBigUInt64LE(pos);
    pos += 8;
    if (v > BigInt(fileSize)) throw new Bad(`length ${v} at byte ${pos - 8} is larger than the file`);
    return Number(v);
  };
  const version = u32();
  const wide = version >= 2;
  const count = () => (wide ? u64() : u32());
  count(); // tensors
  const kvs = count();
  if (kvs > MAX_KV) throw new Bad(`${kvs} metadata entries is implausible`);
  const templates: Template[] = [];
  const skipValue = (type: number): void => {
    const w = WIDTH[type];
    if (w !== undefined) return need(w), void (pos += w);
    if (type === T.STRING) {
      const n = count();
      need(n);
      pos += n;
      return;
    }
    if (type === T.ARRAY) {
      const itemType = u32();
      const n = count();
      const iw = WIDTH[itemType];
      if (iw !== undefined) {
        need(iw * n);
        pos += iw * n;
      } else for (let i = 0; i < n; i++) skipValue(itemType);
      return;
    }
    throw new Bad(`metadata value type ${type} at byte ${pos - 4} does not exist`);
  };
  for (let i = 0; i < kvs; i++) {
    const keyLen = count();
    need(keyLen);
    const key = buf.toString('utf8', pos, pos + keyLen);
    pos += keyLen;
    const type = u32();
    if (type === T.STRING && key.startsWith('tokenizer.chat_template')) {
      const n = count();
      need(n);
      templates.push({ key, offset: pos, text: buf.toString('utf8', pos, pos + Math.min(n, MAX_TEMPLATE)) });
      pos += n;
    } else skipValue(type);
  }
  return templates;
}

// Template constructs that execute code or reach interpreter internals, with what each one means.
const CODE_CONSTRUCTS: Array<[RegExp, string]> = [
  [/__(class|mro|subclasses|globals|builtins|import|init|base|bases|dict|getattribute|code|func|self|loader|spec|reduce|reduce_ex)__/, 'reaches Python internals through a dunder attribute'],
  [/\|\s{0,8}attr\s{0,8}\(/, 'uses the attr filter to reach attributes by computed name'],
  [/\b(lipsum|cycler|joiner|namespace)\s{0,8}\.\s{0,8}__/, 'uses a Jinja global known as a sandbox-escape gadget'],
  [/\b(popen|subprocess|importlib|os\.system)\b|\b(eval|exec)\s{0,8}\(/, 'names a code-execution primitive'],
  [/\b(self\s{0,8}\.\s{0,8}_TemplateReference__context|request\s{0,8}\.\s{0,8}application|config\s{0,8}\.\s{0,8}(items|from_)|url_for\s{0,8}\.\s{0,8}__)/, 'reaches the rendering application through a known gadget'],
];

export function templateFindings(text: string): string[] {
  return CODE_CONSTRUCTS.filter(([re]) => re.test(text)).map(([, why]) => why);
}

export async function analyseGguf(t: Target, st: ScanState): Promise<void> {
  let len = Math.min(t.src.size, 1024 * 1024);
  const entry = t.entry ? { entry: t.entry } : {};
  for (;;) {
    const buf = await t.src.read(0, len);
    try {
      for (const tpl of walkMetadata(buf, t.src.size)) {
        const why = templateFindings(tpl.text);
        if (why.length) {
          st.detections.push(detection('gguf-template-code', 'critical', fileOffset(t, tpl.offset), fileOffset(t, tpl.offset + Buffer.byteLength(tpl.text)), [`${tpl.key} ${why[0]}`, ...why.slice(1), 'runtimes that render chat templates without a sandbox execute it'], { callables: [tpl.key], ...entry }));
        }
      }
      return;
    } catch (err) {
      if (err instanceof NeedMore && len < Math.min(t.src.size, MAX_METADATA)) {
        len = Math.min(t.src.size, MAX_METADATA, len * 4);
        continue;
      }
      const message = err instanceof NeedMore ? `metadata is larger than the ${MAX_METADATA} bytes read` : (err as Error).message;
      st.detections.push(detection('gguf-invalid-metadata', 'medium', fileOffset(t, 0), fileOffset(t, 4), [message], entry));
      return;
    }
  }
}
