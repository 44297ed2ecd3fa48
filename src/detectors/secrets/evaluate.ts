// Scores the secrets detector on a labelled corpus (the project's shared dev corpus by default): a truth
// entry is found when a detection on its line overlaps its `match`; precision counts every detection over
// positive and negative files, so a detection that matches no truth entry is a false one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Detection, TextDetector } from '../types.js';
import { secretsDetector } from './index.js';

export interface TruthEntry {
  file: string;
  line: number;
  kind: string;
  match: string;
  placeholder_like?: boolean;
}

export interface EvaluationResult {
  truth: number;
  found: number;
  detections: number;
  trueDetections: number;
  precision: number;
  recall: number;
  f1: number;
  bytes: number;
  seconds: number;
  /** Truth entries no detection overlapped. */
  missed: TruthEntry[];
  /** Detections that overlap no truth entry (masked; never the raw value). */
  falseDetections: { file: string; line?: number; type: string; masked?: string }[];
}

/** The dev corpus sits next to the repository: `<repo>/../shared/eval/secrets`. */
export function defaultCorpusDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'secrets');
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out;
}

function readTruth(dir: string): TruthEntry[] {
  return readFileSync(path.join(dir, 'truth.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TruthEntry);
}

/** Offsets of a truth entry: its match within the text from the start of its line, else the whole line. */
function truthSpan(text: string, lineStarts: number[], t: TruthEntry): [number, number] {
  const lineStart = lineStarts[t.line - 1] ?? text.length;
  const lineEnd = lineStarts[t.line] !== undefined ? lineStarts[t.line] - 1 : text.length;
  const at = text.indexOf(t.match, lineStart);
  if (at !== -1 && at <= lineEnd) return [at, at + t.match.length];
  return [lineStart, lineEnd];
}

export function evaluateSecrets(corpusDir = defaultCorpusDir(), detector: TextDetector = secretsDetector): EvaluationResult {
  const truth = readTruth(corpusDir);
  const byFile = new Map<string, TruthEntry[]>();
  for (const t of truth) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t]);
  const files = [...listFiles(corpusDir, 'positives').map((f) => f), ...listFiles(corpusDir, 'negatives')];
  const found = new Set<TruthEntry>();
  const falseDetections: EvaluationResult['falseDetections'] = [];
  let detections = 0;
  let trueDetections = 0;
  let bytes = 0;
  let seconds = 0;
  for (const file of files) {
    const text = readFileSync(path.join(corpusDir, file), 'utf8');
    bytes += Buffer.byteLength(text);
    const t0 = process.hrtime.bigint();
    const result: Detection[] = detector.detect(text, { path: file });
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const entries = (byFile.get(file) ?? []).map((t) => ({ t, span: truthSpan(text, lineStarts, t) }));
    for (const d of result) {
      detections++;
      const hits = entries.filter(({ t, span }) => d.line === t.line && d.start < span[1] && d.end > span[0]);
      if (hits.length) {
        trueDetections++;
        for (const h of hits) found.add(h.t);
      } else falseDetections.push({ file, line: d.line, type: d.type, masked: d.masked });
    }
  }
  const precision = detections ? trueDetections / detections : 1;
  const recall = truth.length ? found.size / truth.length : 1;
  return {
    truth: truth.length,
    found: found.size,
    detections,
    trueDetections,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    bytes,
    seconds,
    missed: truth.filter((t) => !found.has(t)),
    falseDetections,
  };
}
