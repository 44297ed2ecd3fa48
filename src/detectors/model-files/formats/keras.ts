// Keras model configurations (config.json of a .keras archive, model_from_json JSON, the model_config
// attribute of a legacy .h5). Lambda layers carry marshalled Python bytecode or source that runs when the
// model loads (CVE-2024-3660 class); a `module`/`class_name` pair outside Keras makes the loader import
// and call anything (CVE-2025-1550 class); registered custom objects need user code but carry none.

import { judgeGlobal } from '../globals-policy.js';
import { detection } from '../report.js';
import { fileOffset, type ScanState, type Target } from '../scan-types.js';
import { jsonObjectTextAt } from '../../../util/json-scan.js';

const KERAS_MODULES = ['keras', 'keras_core', 'keras_nlp', 'keras_cv', 'keras_hub', 'tf_keras', 'tensorflow.keras', 'tensorflow.python.keras', 'tensorflow'];
const MAX_CONFIG = 64 * 1024 * 1024;
const MAX_NODES = 1_000_000;
// Identifiers in marshalled bytecode that tell what a Lambda does.
const CODE_NAMES = ['__import__', 'system', 'popen', 'subprocess', 'exec', 'eval', 'compile', 'open', 'socket', 'getattr', 'builtins', 'os'];

const isKerasModule = (m: string) => KERAS_MODULES.some((k) => m === k || m.startsWith(k + '.'));

/** Identifiers found in base64-marshalled bytecode, for explaining what a Lambda would run. */
function bytecodeNames(encoded: unknown): string[] {
  if (typeof encoded !== 'string' || encoded.length > 4 * 1024 * 1024) return [];
  const text = Buffer.from(encoded, 'base64').toString('latin1');
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]{1,40}/g)) if (CODE_NAMES.includes(m[0])) found.add(m[0]);
  return [...found];
}

interface Finding {
  type: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  reasons: string[];
  callables: string[];
}

/** Findings in a parsed Keras configuration (any nesting: layers, functional graphs, initializers). */
export function kerasConfigFindings(config: unknown): Finding[] {
  const out: Finding[] = [];
  const stack: unknown[] = [config];
  let visited = 0;
  while (stack.length && visited++ < MAX_NODES) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    const cls = typeof o.class_name === 'string' ? o.class_name : undefined;
    const module = typeof o.module === 'string' ? o.module : undefined;
    if (cls === 'Lambda') {
      const cfg = (o.config ?? {}) as Record<string, unknown>;
      const fn = cfg.function;
      // Keras 2 stores [code, defaults, closure]; Keras 3 {class_name: '__lambda__', config: {code}}.
      let code: unknown = fn;
      if (Array.isArray(fn)) code = fn[0];
      else if (fn && typeof fn === 'object') code = (fn as { config?: { code?: unknown } }).config?.code;
      const names = bytecodeNames(code);
      out.push({
        type: 'keras-lambda',
        severity: 'critical',
        reasons: [`Lambda layer ${JSON.stringify(cfg.name ?? '?').slice(0, 60)} carries Python code that runs when the model loads (unless safe_mode)`, ...(names.length ? [`its bytecode names ${names.join(', ')}`] : [])],
        callables: ['keras.layers.Lambda'],
      });
    } else if (cls && module && !isKerasModule(module)) {
      const name = `${module}.${cls}`;
      const j = judgeGlobal(name);
      out.push(
        j.verdict === 'dangerous'
          ? { type: 'keras-module-injection', severity: 'critical', reasons: [`config asks the loader to import ${name}: ${j.reason}`], callables: [name] }
          : { type: 'keras-custom-object', severity: j.verdict === 'safe' ? 'low' : 'medium', reasons: [`config imports ${name} from outside Keras`], callables: [name] },
      );
    } else if (cls && o.registered_name && typeof o.registered_name === 'string' && !module) {
      out.push({ type: 'keras-custom-object', severity: 'low', reasons: [`custom object ${o.registered_name.slice(0, 80)} needs user code (custom_objects); the file carries none`], callables: [o.registered_name.slice(0, 80)] });
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') stack.push(v);
  }
  return out;
}

/** Parses `text` as a Keras config and reports; false when it is not JSON with Keras classes. */
export function analyseKerasConfigText(text: string, t: Target, st: ScanState, start = 0): boolean {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return false;
  }
  if (!text.includes('"class_name"')) return false;
  for (const f of kerasConfigFindings(config)) {
    st.detections.push(detection(f.type, f.severity, fileOffset(t, start), fileOffset(t, start + Buffer.byteLength(text)), f.reasons, { callables: f.callables, ...(t.entry ? { entry: t.entry } : {}) }));
  }
  return true;
}

export async function analyseKerasJson(t: Target, st: ScanState): Promise<boolean> {
  if (t.src.size > MAX_CONFIG) return false;
  return analyseKerasConfigText((await t.src.read(0, t.src.size)).toString('utf8'), t, st);
}


/** Legacy HDF5 Keras files keep the architecture as a JSON string attribute (`model_config`). */
export async function analyseKerasH5(t: Target, st: ScanState): Promise<void> {
  const buf = await t.src.read(0, Math.min(t.src.size, MAX_CONFIG));
  const needle = Buffer.from('{"class_name"', 'latin1');
  for (let at = buf.indexOf(needle), n = 0; at >= 0 && n < 16; at = buf.indexOf(needle, at + 1), n++) {
    const json = jsonObjectTextAt(buf, at);
    if (json && analyseKerasConfigText(json, t, st, at)) return;
  }
}
