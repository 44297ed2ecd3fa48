// Invisible Unicode: tag characters (ASCII smuggling), runs of variation selectors (bytes hidden after an
// emoji), runs of zero-width characters (binary encodings), zero-width characters splitting words (filter
// evasion) and bidi embedding/override controls (text that renders differently from what a model reads).
import { tagToAscii } from './normalize.js';
import type { StructuralHit } from './structural.js';

const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const isVariationSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
const isZeroWidth = (cp: number) => cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0x2062 || cp === 0x2063 || cp === 0x2064;
const isBidiControl = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const isAsciiLetter = (cp: number) => (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);

/** Variation selectors carry one byte each: VS1-16 are 0-15, VS17-256 are 16-255. */
function variationSelectorByte(cp: number): number {
  return cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16;
}

interface Run {
  start: number;
  end: number;
  cps: number[];
}

/** Consecutive characters of one class, as runs with their code points. */
function runs(text: string, member: (cp: number) => boolean): Run[] {
  const out: Run[] = [];
  let current: Run | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (member(cp)) {
      if (!current) out.push((current = { start: i, end: i, cps: [] }));
      current.cps.push(cp);
      current.end = i + width;
    } else current = undefined;
    i += width;
  }
  return out;
}

const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

const FLAG_BLACK = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

/** Subdivision flags (England, Scotland, Wales) are a black flag, a few tag letters and a cancel tag. */
function isFlagSequence(text: string, run: Run): boolean {
  const before = text.codePointAt(Math.max(0, run.start - 2));
  return before === FLAG_BLACK && run.cps.length <= 7 && run.cps[run.cps.length - 1] === CANCEL_TAG;
}

export function findHiddenUnicode(text: string): StructuralHit[] {
  // Fast exit: every character of interest is at or above U+200B.
  let any = false;
  for (let i = 0; i < text.length && !any; i++) any = text.charCodeAt(i) >= 0x200b && (text.charCodeAt(i) <= 0x206f || text.charCodeAt(i) >= 0xd800);
  if (!any) return [];
  const hits: StructuralHit[] = [];
  for (const run of runs(text, isTag)) {
    if (run.cps.length < 2 || isFlagSequence(text, run)) continue;
    const payload = String.fromCharCode(...run.cps.map((cp) => tagToAscii(cp) ?? 32));
    hits.push({ type: 'hidden-unicode', signal: 'unicode-tags', start: run.start, end: run.end, base: 0.9, payload, requireInstruction: false });
  }
  for (const run of runs(text, isVariationSelector)) {
    if (run.cps.length < 4) continue; // one selector after an emoji is normal
    const payload = Buffer.from(run.cps.map(variationSelectorByte)).toString('utf8');
    hits.push({ type: 'hidden-unicode', signal: 'variation-selector-payload', start: run.start, end: run.end, base: 0.8, payload, requireInstruction: false });
  }
  for (const run of runs(text, isZeroWidth)) {
    if (run.cps.length >= 6) hits.push({ type: 'hidden-unicode', signal: 'zero-width-run', start: run.start, end: run.end, base: 0.75, requireInstruction: false });
  }
  // Zero-width characters between two letters split words so that keyword filters miss them.
  let splitCount = 0;
  let first = -1;
  let last = -1;
  for (const run of runs(text, isZeroWidth)) {
    if (run.cps.length >= 6) continue;
    const before = text.codePointAt(run.start - 1) ?? 0;
    const after = text.codePointAt(run.end) ?? 0;
    if (isAsciiLetter(before) && isAsciiLetter(after)) {
      splitCount++;
      if (first < 0) first = run.start;
      last = run.end;
    }
  }
  if (splitCount >= 2) hits.push({ type: 'hidden-unicode', signal: 'zero-width-in-words', start: first, end: last, base: 0.7, requireInstruction: false });
  // Embeddings and isolates are legitimate in right-to-left text; in text without any, they only deceive.
  const rtl = RTL_LETTER.test(text);
  for (const run of runs(text, isBidiControl)) {
    const override = run.cps.some((cp) => cp === 0x202d || cp === 0x202e);
    const base = override ? (rtl ? 0.55 : 0.7) : rtl ? 0.3 : 0.55;
    hits.push({ type: 'hidden-unicode', signal: override ? 'bidi-override' : 'bidi-control', start: run.start, end: run.end, base, requireInstruction: false });
  }
  return hits;
}
