// The hidden-instruction / prompt-injection detector. Three layers of evidence, all explained in `reasons`:
//   1. phrase signals (phrases.ts) over normalised text, where obfuscation has been undone;
//   2. a hashed n-gram logistic-regression classifier (model.ts, weights trained by
//      scripts/train-injection.ts), scored per segment with the phrase weights as an offset;
//   3. structural finders (heuristics.ts) for hidden Unicode, hidden HTML, encoded payloads and
//      exfiltration images; hidden or decoded payloads are scored by layers 1 and 2 in turn.
// A detection is reported when its score reaches 0.5 (the model's threshold is folded into the score).
import { maskSecrets } from '../../util/mask.js';
import { lineIndex, type Detection, type TextDetector } from '../types.js';
import { STRUCTURAL_SIGNALS, type StructuralHit } from './heuristics.js';
import { decodeModel, type LinearModel, type ModelFile } from './model.js';
import { normalize, type Normalized } from './normalize.js';
import type { PhraseHit } from './phrases.js';
import { scoreSegments, type SegmentScore } from './scorer.js';
import weightsFile from './weights/injection-lr.json' with { type: 'json' };

export const REPORT_THRESHOLD = 0.5;
const SNIPPET = 80;

const round = (x: number) => Number(x.toFixed(2));

/** Original [start, end) of a normalised range, trimmed of surrounding white space. */
function originalSpan(text: string, norm: Normalized, start: number, end: number): [number, number] {
  let s = norm.offsets[start];
  let e = end < norm.text.length ? norm.offsets[end] : text.length;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [s, e];
}

/** The matched phrase as evidence (phrases come from the signal table, not from personal data), masked. */
function phraseSnippet(normalized: string, hits: PhraseHit[]): string | undefined {
  const best = [...hits].sort((a, b) => b.signal.weight - a.signal.weight)[0];
  return best ? maskSecrets(normalized.slice(best.start, Math.min(best.end, best.start + SNIPPET))) : undefined;
}

interface PayloadVerdict {
  probability: number;
  reasons: string[];
  snippet?: string;
}

function scorePayload(payload: string, model: LinearModel): PayloadVerdict {
  const norm = normalize(payload);
  const scored = scoreSegments(norm.text, model);
  const best = scored.reduce((a, b) => (b.probability > a.probability ? b : a), scored[0]);
  // Hidden or decoded text must read as an instruction by its wording: comments and hidden markup are
  // common in documents, and the classifier alone is not trusted there.
  if (!best || best.phrases.length === 0) return { probability: 0, reasons: [] };
  const ids = [...new Set(best.phrases.map((p) => p.signal.id))];
  return { probability: best.probability, reasons: [...ids, `classifier:${round(best.probability)}`], snippet: phraseSnippet(norm.text, best.phrases) };
}

function segmentDetections(text: string, norm: Normalized, scored: SegmentScore[], lineOf: (o: number) => number): Detection[] {
  const out: Detection[] = [];
  let run: SegmentScore[] = [];
  const flush = () => {
    if (!run.length) return;
    const [start, end] = originalSpan(text, norm, run[0].start, run[run.length - 1].end);
    const phrases = run.flatMap((s) => s.phrases);
    const probability = Math.max(...run.map((s) => s.probability));
    out.push({
      type: 'prompt-injection',
      start,
      end: Math.max(end, start + 1),
      line: lineOf(start),
      score: round(probability),
      masked: phraseSnippet(norm.text, phrases) ?? `[${end - start} chars]`,
      reasons: [...new Set(phrases.map((p) => p.signal.id)), `classifier:${round(probability)}`],
      signals: phrases.map((p) => {
        const [s, e] = originalSpan(text, norm, p.start, p.end);
        return { id: p.signal.id, start: s, end: e };
      }),
    });
    run = [];
  };
  for (const s of scored) {
    if (s.probability >= REPORT_THRESHOLD) run.push(s);
    else flush();
  }
  flush();
  return out;
}

function structuralDetection(hit: StructuralHit, model: LinearModel, lineOf: (o: number) => number): Detection | undefined {
  const reasons = [hit.signal, ...(hit.reasons ?? [])];
  let score = hit.base;
  let snippet: string | undefined;
  if (hit.payload !== undefined) {
    const verdict = scorePayload(hit.payload, model);
    if (verdict.probability >= REPORT_THRESHOLD) {
      reasons.push('payload-is-instruction', ...verdict.reasons);
      score = Math.max(score, verdict.probability);
      snippet = verdict.snippet;
    } else if (hit.requireInstruction) return undefined;
  }
  if (score < REPORT_THRESHOLD) return undefined;
  return {
    type: hit.type,
    start: hit.start,
    end: Math.max(hit.end, hit.start + 1),
    line: lineOf(hit.start),
    score: round(score),
    masked: snippet ?? `[${hit.end - hit.start} chars]`,
    reasons,
    technique: hit.signal,
  };
}

export function createInjectionDetector(model: LinearModel): TextDetector {
  return {
    id: 'injection',
    version: '1.0.0',
    detect(text: string, opts?: { path?: string }): Detection[] {
      if (!text) return [];
      const lineOf = lineIndex(text);
      const norm = normalize(text);
      // A path means a file read by the scanner (a document); without one the text is a prompt or message.
      const found = segmentDetections(text, norm, scoreSegments(norm.text, model, opts?.path !== undefined), lineOf);
      for (const signal of STRUCTURAL_SIGNALS) {
        for (const hit of signal.find(text)) {
          const d = structuralDetection(hit, model, lineOf);
          if (d) found.push(d);
        }
      }
      return found.sort((a, b) => a.start - b.start || b.score - a.score);
    },
  };
}

export const shippedModel: LinearModel = decodeModel(weightsFile as ModelFile);

export const injectionDetector: TextDetector = createInjectionDetector(shippedModel);
