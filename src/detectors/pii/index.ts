// The PII detector: finds personal and sensitive data in text and reports where it is, of what type, how
// sure it is and a type-aware mask, never the value. Structured identifiers are shapes confirmed by rules
// (Luhn, mod-97, SSA ranges, libphonenumber); names, addresses, birth dates and passports rest on
// dictionaries, layouts and context words. Health and financial vocabulary and credentials inside the data
// are reported as lower-confidence signals. Where identifiers overlap, the more specific kind wins.
import { secretsDetector } from '../secrets/index.js';
import { lineIndex, type Detection, type TextDetector } from '../types.js';
import { addressFinder } from './address.js';
import { PII_TYPES, PRIORITY, REPORT_THRESHOLD, type Candidate, type Finder, type PiiType } from './candidate.js';
import { dateOfBirthFinder } from './dates.js';
import { ibanFinder } from './iban.js';
import { maskPii } from './mask.js';
import { passportFinder } from './passport.js';
import { personFinder } from './person.js';
import { phoneFinder } from './phone.js';
import { structuredFinder } from './structured.js';
import { termsFinder } from './terms.js';
import { keepNonOverlapping } from '../overlap.js';

export { PII_TYPES, SIGNAL_TYPES, type PiiType } from './candidate.js';

/** Credentials inside data (a key pasted in a ticket, a token in a log line), as found by the secrets detector. */
const secretsFinder: Finder = {
  id: 'secrets',
  types: ['SECRET'],
  find: (text) =>
    secretsDetector.detect(text).map((d) => ({
      type: 'SECRET' as const,
      start: d.start,
      end: d.end,
      score: d.score,
      reasons: [`secret:${d.type}`],
      extra: { secretType: d.type },
    })),
};

/** In order: the date finder reads the person candidates found before it. */
export const FINDERS: readonly Finder[] = [
  structuredFinder,
  ibanFinder,
  phoneFinder,
  passportFinder,
  addressFinder,
  personFinder,
  dateOfBirthFinder,
  termsFinder,
  secretsFinder,
];

const IDENTIFIER_TYPES = new Set<PiiType>(PII_TYPES);

/** Keeps the best of overlapping candidates: higher priority, then higher score, then longer span. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  return keepNonOverlapping(
    [...candidates].sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start),
  );
}

export interface PiiOptions {
  path?: string;
  /** Skip the credential scan (when the caller runs the secrets detector itself). */
  secrets?: boolean;
  /** Skip the health and financial vocabulary. */
  terms?: boolean;
  /**
   * Report only these kinds (a guardrail that redacts emails and card numbers). The result is exactly the
   * full detection's detections of these kinds: finders that can only produce kinds which never win an
   * overlap against them are skipped, and the rest still run, so an overlap is settled as it would be.
   */
  types?: readonly string[];
}

const TYPE_BITS = new Map((Object.keys(PRIORITY) as PiiType[]).map((t, i) => [t, 1 << i]));
const bitsOf = (types: readonly string[]): number => types.reduce((m, t) => m | (TYPE_BITS.get(t as PiiType) ?? 0), 0);
const FINDER_BITS = FINDERS.map((f) => bitsOf(f.types));
const READ_BITS = FINDERS.map((f) => bitsOf(f.reads ?? []));

/** The kinds a detection restricted to `types` must look for, per `types` array (guardrails reuse theirs). */
const NEEDED = new WeakMap<readonly string[], number>();
function neededFor(types: readonly string[]): number {
  let needed = NEEDED.get(types);
  if (needed === undefined) {
    const wanted = types.filter((t): t is PiiType => t in PRIORITY);
    // a candidate only ever loses an overlap to one of higher or equal priority
    const floor = Math.min(...wanted.map((t) => PRIORITY[t]));
    needed = bitsOf(wanted) | bitsOf((Object.keys(PRIORITY) as PiiType[]).filter((t) => wanted.length && PRIORITY[t] >= floor));
    NEEDED.set(types, needed);
  }
  return needed;
}

/** The finders a detection restricted to `types` must run, or every finder. */
function findersFor(text: string, types: readonly string[] | undefined): readonly Finder[] {
  if (!types) return FINDERS;
  let needed = neededFor(types);
  if (!needed) return [];
  // backwards, so that what a finder reads is looked for by the finders before it
  const run: Finder[] = [];
  for (let i = FINDERS.length - 1; i >= 0; i--) {
    const f = FINDERS[i]!;
    if (!(FINDER_BITS[i]! & needed) || (f.mayFind && !f.mayFind(text))) continue;
    run.push(f);
    needed |= READ_BITS[i]!;
  }
  return run.reverse();
}

export function detectPii(text: string, opts: PiiOptions = {}): Detection[] {
  if (!text) return [];
  const candidates: Candidate[] = [];
  for (const finder of findersFor(text, opts.types)) {
    if (finder === secretsFinder && opts.secrets === false) continue;
    if (finder === termsFinder && opts.terms === false) continue;
    // Identifier candidates below the threshold are dropped before overlaps, so a weak guess never hides a strong one.
    for (const c of finder.find(text, candidates)) if (!IDENTIFIER_TYPES.has(c.type) || c.score >= REPORT_THRESHOLD) candidates.push(c);
  }
  const wanted = opts.types ? new Set(opts.types) : undefined;
  const lineOf = lineIndex(text);
  const kept = resolveOverlaps(candidates);
  return (wanted ? kept.filter((c) => wanted.has(c.type)) : kept).map((c) => ({
    type: c.type,
    start: c.start,
    end: c.end,
    line: lineOf(c.start),
    score: Number(c.score.toFixed(2)),
    masked: maskPii(c.type, text.slice(c.start, c.end)),
    reasons: c.reasons,
    ...c.extra,
  }));
}

export const piiDetector: TextDetector = {
  id: 'pii',
  version: '1.0.0',
  detect: (text: string, opts?: { path?: string; types?: readonly string[] }) => detectPii(text, opts),
};
