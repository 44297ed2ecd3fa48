// Scores the model-file detector on a labelled corpus (the project's shared dev corpus by default):
// a malicious file is "detected" when it yields any detection, and "flagged" when the verdict calls it
// malicious (a high or critical detection); a benign file must yield nothing high or critical.
// Files are read by range only; nothing is loaded.
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseModelFile, type ModelFileInput, type ModelFileVerdict } from './index.js';

export interface ModelTruth {
  file: string;
  malicious: boolean;
  technique: string;
  format: string;
  dangerous_callables?: string[];
}

export interface ModelEvaluation {
  files: number;
  malicious: number;
  benign: number;
  /** Malicious files with at least one detection. */
  detected: number;
  /** Malicious files whose verdict is malicious. */
  flagged: number;
  /** Benign files with a high or critical detection. */
  falseSevere: number;
  /** Benign files with any detection (medium/low notes included). */
  benignWithNotes: number;
  precision: number;
  recall: number;
  f1: number;
  bytes: number;
  seconds: number;
  missed: Array<{ file: string; technique: string; detections: string[] }>;
  unflagged: Array<{ file: string; technique: string; detections: string[] }>;
  falseAlarms: Array<{ file: string; technique: string; detections: string[] }>;
}

/** The dev corpus sits next to the repository: `<repo>/../shared/eval/models`. */
export function defaultModelCorpusDir(): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'models');
}

export async function readModelTruth(dir: string): Promise<ModelTruth[]> {
  return (await readFile(path.join(dir, 'truth.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ModelTruth);
}

/** A range-reading input over a file on disk (bytes only; the file is never opened as code). */
export async function fileInput(abs: string, rel: string): Promise<ModelFileInput & { close(): Promise<void> }> {
  const size = (await stat(abs)).size;
  const fh = await open(abs, 'r');
  const range = async (offset: number, length: number) => {
    const len = Math.max(0, Math.min(length, size - offset));
    const buf = Buffer.allocUnsafe(len);
    const { bytesRead } = await fh.read(buf, 0, len, offset);
    return buf.subarray(0, bytesRead);
  };
  return { rel, size, range, head: () => range(0, 65536), bytes: () => range(0, size), close: () => fh.close() };
}

export async function analysePath(abs: string, rel: string): Promise<ModelFileVerdict> {
  const input = await fileInput(abs, rel);
  try {
    return await analyseModelFile(input);
  } finally {
    await input.close();
  }
}

const summary = (v: ModelFileVerdict) => v.detections.map((d) => `${d.severity}:${d.type}${d.callables?.length ? `(${d.callables.join(',')})` : ''}`);

export async function evaluateModelFiles(dir = defaultModelCorpusDir()): Promise<ModelEvaluation & { verdicts: Map<string, ModelFileVerdict> }> {
  const truth = await readModelTruth(dir);
  const r: ModelEvaluation & { verdicts: Map<string, ModelFileVerdict> } = { files: truth.length, malicious: 0, benign: 0, detected: 0, flagged: 0, falseSevere: 0, benignWithNotes: 0, precision: 1, recall: 1, f1: 1, bytes: 0, seconds: 0, missed: [], unflagged: [], falseAlarms: [], verdicts: new Map() };
  for (const t of truth) {
    const abs = path.join(dir, t.file);
    r.bytes += (await stat(abs)).size;
    const t0 = process.hrtime.bigint();
    const v = await analysePath(abs, t.file);
    r.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    r.verdicts.set(t.file, v);
    const row = { file: t.file, technique: t.technique, detections: summary(v) };
    if (t.malicious) {
      r.malicious++;
      if (v.detections.length) r.detected++;
      else r.missed.push(row);
      if (v.malicious) r.flagged++;
      else r.unflagged.push(row);
    } else {
      r.benign++;
      if (v.malicious) {
        r.falseSevere++;
        r.falseAlarms.push(row);
      }
      if (v.detections.length) r.benignWithNotes++;
    }
  }
  // Precision and recall of the verdict (malicious = a high or critical detection).
  r.precision = r.flagged + r.falseSevere ? r.flagged / (r.flagged + r.falseSevere) : 1;
  r.recall = r.malicious ? r.flagged / r.malicious : 1;
  r.f1 = r.precision + r.recall ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0;
  return r;
}
