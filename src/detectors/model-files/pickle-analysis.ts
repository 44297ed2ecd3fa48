// Turns the simulator's record of a pickle into detections: every stream in the data (concatenated
// pickles, legacy torch.save files), every nested pickle handed to a deserialiser, every imported or
// dynamically reached name judged against the policy, and the structural tricks scanners have been
// bypassed with (unresolvable STACK_GLOBAL, BUILD on globals, missing memo keys, broken streams).

import { judgeGlobal } from './globals-policy.js';
import { detection, type ModelDetection } from './report.js';
import { simulateStream, type AnomalyKind, type Budget, type StreamResult } from './pickle-vm.js';
import type { Severity } from './globals-policy.js';

export interface PickleAnalysis {
  detections: ModelDetection[];
  /** True when the data parsed as a pickle for at least one opcode past its start. */
  isPickle: boolean;
  streams: number;
  opcodes: number;
  /** Every name the data imports or reaches, in order of first appearance. */
  globals: string[];
}

export interface PickleOptions {
  /** File offset of `buf[0]`, so that detections point into the file. */
  base?: number;
  budget: Budget;
  /** Nesting depth (pickles inside pickles, archives); bounded. */
  depth?: number;
  entry?: string;
  /** Where to report detections of payloads that are not literal bytes of the file. */
  reportAt?: number;
  context?: string;
}

const MAX_STREAMS = 64;
const MAX_NESTED_DEPTH = 4;
const LEGACY_TORCH_STREAMS = 5; // magic, protocol, sys_info, the object, storage keys; raw storages follow

const ANOMALY: Record<AnomalyKind, { type: string; severity: Severity }> = {
  'unresolved-global': { type: 'pickle-unresolved-global', severity: 'high' },
  'global-mutation': { type: 'pickle-global-mutation', severity: 'high' },
  'missing-memo': { type: 'pickle-missing-memo', severity: 'medium' },
  'ext-opcode': { type: 'pickle-extension-opcode', severity: 'medium' },
  'broken-stream': { type: 'pickle-broken-stream', severity: 'medium' },
  'opcode-limit': { type: 'pickle-opcode-limit', severity: 'medium' },
};

/** True when the bytes at `at` can start a pickle: PROTO 0-5, or (for protocol 0/1) a plausible first opcode. */
export function looksLikePickleStart(buf: Buffer, at = 0, allowProtocol0 = true): boolean {
  const b = buf[at];
  if (b === undefined) return false;
  if (b === 0x80) return (buf[at + 1] ?? 0xff) <= 5;
  return allowProtocol0 && PROTOCOL0_STARTS.has(b);
}
const PROTOCOL0_STARTS = new Set([...'(c}])ISVNKJFGLXUTdlipM'].map((c) => c.charCodeAt(0)));

export function analysePickle(buf: Buffer, opts: PickleOptions): PickleAnalysis {
  const base = opts.base ?? 0;
  const depth = opts.depth ?? 0;
  const out: PickleAnalysis = { detections: [], isPickle: false, streams: 0, opcodes: 0, globals: [] };
  const streams: StreamResult[] = [];
  let pos = 0;
  let legacy = false;
  while (pos < buf.length && streams.length < MAX_STREAMS && opts.budget.opcodes > 0) {
    const first = streams.length === 0;
    if (!first) {
      if (legacy && streams.length >= LEGACY_TORCH_STREAMS) break;
      if (!looksLikePickleStart(buf, pos, streams[streams.length - 1]!.protocol < 2)) break; // trailing data
    }
    const s = simulateStream(buf, pos, base, opts.budget, depth);
    // A later "stream" that breaks without importing anything is trailing data, not a pickle.
    if (!first && !s.stopped && s.globals.length === 0) break;
    streams.push(s);
    out.opcodes += s.opcodes;
    if (first) legacy = s.legacyTorchMagic;
    if (!s.stopped) break;
    pos = s.end - base;
  }
  out.streams = streams.length;
  out.isPickle = streams.some((s) => s.stopped || s.opcodes > 1 || s.globals.length > 0);
  if (!out.isPickle) return out;

  const where = (at: number) => (opts.reportAt !== undefined ? opts.reportAt : at);
  const ctx = opts.context ? [opts.context] : [];
  const seen = new Map<string, ModelDetection>();
  streams.forEach((s, index) => {
    const streamNote = streams.length > 1 ? [`in pickle stream ${index + 1} of ${streams.length}${index > 0 ? ' (scanners that stop at the first STOP miss it)' : ''}`] : [];
    for (const g of s.globals) {
      if (!out.globals.includes(g.name)) out.globals.push(g.name);
      const prior = seen.get(g.name);
      if (prior) continue;
      const j = judgeGlobal(g.name);
      if (j.verdict === 'safe') continue;
      const calls = s.calls.filter((c) => c.callee === g.name).slice(0, 3);
      const reasons = [j.reason, g.via === 'GLOBAL' || g.via === 'STACK_GLOBAL' || g.via === 'INST' ? `imported by ${g.via} at byte ${g.at}` : `reached at load time through ${g.via} at byte ${g.at}`, ...calls.map((c) => `called by ${c.op} at byte ${c.at}`), ...streamNote, ...ctx];
      const d = detection(j.verdict === 'dangerous' ? 'pickle-dangerous-global' : 'pickle-unknown-global', j.severity!, where(g.at), where(g.at) + 1, reasons, {
        callables: [g.name],
        category: j.category,
        ...(opts.entry ? { entry: opts.entry } : {}),
      });
      seen.set(g.name, d);
      out.detections.push(d);
    }
    const byKind = new Map<AnomalyKind, ModelDetection>();
    for (const a of s.anomalies) {
      const prior = byKind.get(a.kind);
      if (prior) {
        if (prior.reasons!.length < 6 && !prior.reasons!.includes(a.message)) prior.reasons!.push(a.message);
        continue;
      }
      const { type, severity } = ANOMALY[a.kind];
      // A break on the very first byte means "not a pickle", not a truncated one.
      const d = detection(type, severity, where(a.at), where(a.at) + 1, [a.message, ...streamNote, ...ctx], opts.entry ? { entry: opts.entry } : {});
      byKind.set(a.kind, d);
      out.detections.push(d);
    }
    for (const n of s.nested) {
      if (depth >= MAX_NESTED_DEPTH) {
        out.detections.push(detection('archive-deep-nesting', 'medium', where(n.at), where(n.at) + 1, [`pickle nested ${depth + 1} levels deep is not analysed further`]));
        continue;
      }
      const literal = n.dataAt >= 0 && opts.reportAt === undefined;
      const inner = analysePickle(n.bytes, {
        base: literal ? n.dataAt : 0,
        budget: opts.budget,
        depth: depth + 1,
        entry: opts.entry,
        reportAt: literal ? undefined : where(n.at),
        context: `inside a nested pickle passed to ${n.via} at byte ${where(n.at)}`,
      });
      out.opcodes += inner.opcodes;
      for (const g of inner.globals) if (!out.globals.includes(g)) out.globals.push(g);
      out.detections.push(...inner.detections);
    }
  });
  return out;
}
