// Scores normalised text: per segment, the classifier's log-odds plus the weights of the phrase signals in
// that segment, shifted by the model's threshold so that 0.5 is the decision point. The same function
// builds training rows (train.ts) and scores at detection time, so both see identical inputs.
import { featurize, words, type SparseVector } from './features.js';
import type { LinearModel } from './model.js';
import { sigmoid } from './model.js';
import { findPhrases, type PhraseHit } from './phrases.js';
import { segments } from './segment.js';

/**
 * The classifier alone must be surer than when a phrase signal backs it: its benign training texts are
 * mostly requests, so plain prose, documentation and markup it has not seen lean towards injection.
 */
export const CLASSIFIER_ONLY_MIN = 0.8;
/**
 * Documents (a file path is given, or the text spans several segments) need a phrase signal: the classifier
 * learnt from short prompts, and documentation, markup and code listings are far from them, so there it
 * only confirms and weighs phrase evidence.
 */
export const CLASSIFIER_ONLY_IN_DOCUMENTS = false;
/** ...and needs a few words to judge at all (`badges: start` is not a sentence). */
export const CLASSIFIER_ONLY_MIN_WORDS = 4;

/** Phrase evidence is capped so that a wall of keywords cannot outweigh everything else. */
export const MAX_PHRASE_OFFSET = 6;

export interface SegmentInput {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  features: SparseVector;
  words: number;
  /** Sum of distinct phrase weights in the segment (log-odds). */
  offset: number;
  phrases: PhraseHit[];
}

export interface SegmentScore extends SegmentInput {
  /** Probability after the threshold shift: ≥ 0.5 means injection. */
  probability: number;
}

/** Segments of a normalised text with their features and phrase evidence. */
export function segmentInputs(normalized: string, model: LinearModel | { features: LinearModel['features'] }): SegmentInput[] {
  const hits = findPhrases(normalized); // sorted by start
  let next = 0;
  return segments(normalized).map(([start, end]) => {
    const from = next;
    while (next < hits.length && hits[next].start < end) next++;
    const phrases = hits.slice(from, next);
    const weights = new Map<string, number>();
    for (const h of phrases) weights.set(h.signal.id, h.signal.weight);
    let offset = 0;
    for (const w of weights.values()) offset += w;
    const slice = normalized.slice(start, end);
    return { start, end, features: featurize(slice, model.features), words: words(slice).length, offset: Math.min(offset, MAX_PHRASE_OFFSET), phrases };
  });
}

const logit = (p: number) => Math.log(p / (1 - p));

export function scoreSegments(normalized: string, model: LinearModel, document = false): SegmentScore[] {
  const backed = logit(model.threshold);
  const inputs = segmentInputs(normalized, model);
  const alone = logit(Math.max(model.threshold, CLASSIFIER_ONLY_MIN));
  const aloneAllowed = CLASSIFIER_ONLY_IN_DOCUMENTS || (!document && inputs.length === 1);
  return inputs.map((s) => {
    if (s.offset === 0 && (!aloneAllowed || s.words < CLASSIFIER_ONLY_MIN_WORDS)) return { ...s, probability: 0 };
    return { ...s, probability: sigmoid(model.logit(s.features, s.offset) - (s.offset > 0 ? backed : alone)) };
  });
}
