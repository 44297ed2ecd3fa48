// Span-level scoring of the PII detector on a labelled corpus (the shared dev corpus by default): a
// detection is true when a truth span of the same type overlaps it, and a truth span is found when a
// detection of its type overlaps it. Exact-match numbers (same start and end) are reported beside.
// Only the labelled identifier types are scored; signal types (HEALTH, FINANCIAL, SECRET) are counted apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection, TextDetector } from '../types.js';
import { PII_TYPES } from './candidate.js';
import { piiDetector } from './index.js';

export interface TruthSpan {
  start: number;
  end: number;
  type: string;
}

export interface PiiRecord {
  id: string;
  text: string;
  spans: TruthSpan[];
  source?: string;
}

export interface TypeScore {
  truth: number;
  found: number;
  detections: number;
  trueDetections: number;
  exact: number;
  precision: number;
  recall: number;
  f1: number;
  exactPrecision: number;
  exactRecall: number;
  exactF1: number;
}

export interface PiiEvaluation {
  perType: Record<string, TypeScore>;
  overall: TypeScore;
  /** Detections of the signal types, which the corpus does not label. */
  signals: Record<string, number>;
  bytes: number;
  seconds: number;
  missed: { id: string; type: string; start: number; end: number }[];
  /** False detections, masked: record id, type, offsets and mask. */
  falseDetections: { id: string; type: string; start: number; end: number; masked?: string }[];
  /** Overlapping but not exact: offsets of both, for span-convention work. */
  inexact: { id: string; type: string; truth: [number, number]; detected: [number, number] }[];
}

/** The dev corpus sits next to the repository: `<repo>/../shared/eval/pii/dev.jsonl`. */
export function defaultCorpusPath(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'pii', 'dev.jsonl');
}

export function readCorpus(file = defaultCorpusPath()): PiiRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PiiRecord);
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

function finish(s: Omit<TypeScore, 'precision' | 'recall' | 'f1' | 'exactPrecision' | 'exactRecall' | 'exactF1'>): TypeScore {
  const precision = s.detections ? s.trueDetections / s.detections : 1;
  const recall = s.truth ? s.found / s.truth : 1;
  const exactPrecision = s.detections ? s.exact / s.detections : 1;
  const exactRecall = s.truth ? s.exact / s.truth : 1;
  return { ...s, precision, recall, f1: f1(precision, recall), exactPrecision, exactRecall, exactF1: f1(exactPrecision, exactRecall) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && a.end > b.start;

export function evaluatePii(records: PiiRecord[] = readCorpus(), detector: TextDetector = piiDetector): PiiEvaluation {
  const scored = new Set<string>(PII_TYPES);
  const raw = new Map<string, { truth: number; found: number; detections: number; trueDetections: number; exact: number }>();
  const bucket = (t: string) => {
    if (!raw.has(t)) raw.set(t, { truth: 0, found: 0, detections: 0, trueDetections: 0, exact: 0 });
    return raw.get(t)!;
  };
  for (const t of PII_TYPES) bucket(t);
  const signals: Record<string, number> = {};
  const result: Pick<PiiEvaluation, 'missed' | 'falseDetections' | 'inexact'> = { missed: [], falseDetections: [], inexact: [] };
  let bytes = 0;
  let seconds = 0;
  for (const record of records) {
    bytes += Buffer.byteLength(record.text);
    const t0 = process.hrtime.bigint();
    const detections: Detection[] = detector.detect(record.text);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    const scoredDetections = detections.filter((d) => {
      if (scored.has(d.type)) return true;
      signals[d.type] = (signals[d.type] ?? 0) + 1;
      return false;
    });
    for (const span of record.spans) {
      const b = bucket(span.type);
      b.truth++;
      const same = scoredDetections.filter((d) => d.type === span.type && overlaps(d, span));
      if (same.length) b.found++;
      else result.missed.push({ id: record.id, type: span.type, start: span.start, end: span.end });
      if (same.some((d) => d.start === span.start && d.end === span.end)) b.exact++;
      else if (same.length) result.inexact.push({ id: record.id, type: span.type, truth: [span.start, span.end], detected: [same[0].start, same[0].end] });
    }
    for (const d of scoredDetections) {
      const b = bucket(d.type);
      b.detections++;
      if (record.spans.some((s) => s.type === d.type && overlaps(d, s))) b.trueDetections++;
      else result.falseDetections.push({ id: record.id, type: d.type, start: d.start, end: d.end, masked: d.masked });
    }
  }
  const perType: Record<string, TypeScore> = {};
  const total = { truth: 0, found: 0, detections: 0, trueDetections: 0, exact: 0 };
  for (const [t, s] of raw) {
    perType[t] = finish(s);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
  }
  return { perType, overall: finish(total), signals, bytes, seconds, ...result };
}
