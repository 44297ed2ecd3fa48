// Person names without a model: runs of capitalised words are scored by dictionaries of given names and
// surnames, by their shape (given + surname, middle initials, particles) and by the words around them
// ("Dear", "Mr", "name:", "patient", "'s", a signature dash). Unknown words can still be names when the
// context vouches for them, which is how surnames outside the lists are found.
import { REPORT_THRESHOLD, type Candidate, type Finder } from './candidate.js';
import { before, isLetterCode, isLowerCode, isUpperCode } from './context.js';
import { NOT_NAME_WORDS } from './common-words.js';
import { AMBIGUOUS_GIVEN, AMBIGUOUS_SURNAMES, GIVEN_NAMES, SURNAMES } from './names-data.js';

const toSet = (list: string) => new Set(list.split(/\s{1,16}/).filter(Boolean));
const GIVEN = toSet(GIVEN_NAMES);
const SURNAME = toSet(SURNAMES);
const AMBIGUOUS = toSet(AMBIGUOUS_GIVEN);
const AMBIGUOUS_SURNAME = toSet(AMBIGUOUS_SURNAMES);
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'le', 'la', 'bin', 'binti', 'ibn', 'al', 'el', 'dos', 'das', 'ter', 'ten', 'y']);
/** Particles written capitalised inside a name: "Siobhán Ní Bhriain", "Ludwig Van Beethoven". */
const CAPITALISED_PARTICLES = new Set([...PARTICLES, 'ní', 'ni', 'nic', 'mac', 'ó', 'ap', 'ben', 'bat', 'abu']);

type TokenClass = 'given' | 'surname' | 'both' | 'ambiguous' | 'word-surname' | 'unknown' | 'initial' | 'particle' | 'stop';

interface Token {
  start: number;
  end: number;
  cls: TokenClass;
}

/** Context just before a name that vouches for it strongly (titles, greetings, labels, role nouns). */
export const STRONG_BEFORE =
  /(?:\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|madam|dear|hi|hello|hey|greetings|thanks|thank you|regards|sincerely|cheers|name|name is|named|called|i am|i'm|this is|holder|patient|employee|customer|client|applicant|traveler|traveller|passenger|tenant|candidate|member|user is|recipient|sender|contact|signed|approved by|authored by|written by|assigned to|reported by|requested by|submitted by|attn|friend|colleague|wife|husband|partner|son|daughter|mother|father|brother|sister|boss|manager|director|ceo|cto|cfo|president|senator|minister|officer|agent|nurse|doctor|lawyer|teacher|student)\.?\s{0,3}[:=,]?\s{0,2}|\n[-–—~]\s{0,2}|[.!?]\s{0,2}[-–—~]\s{0,2})$/;
/** Weaker context: a preposition or list position that often introduces a person. */
export const WEAK_BEFORE = /(?:\b(?:by|from|to|for|with|and|cc|of|at|is|about|between|met|ask|tell|call|email|ping)\s{1,2}|[(/]\s?)$/;
/** Context after a name: possessive, reporting verbs, a parenthesised detail. */
export const AFTER = /^(?:['’]s\b|\s(?:wrote|said|says|told|asked|replied|called|emailed|lives|works|joined|signed|confirmed|requested|reported|born)\b|\s?\((?:born|b\.|dob|ssn|age|[a-z0-9._%+-]{1,40}@))/;

function classify(word: string): TokenClass {
  const lower = word.toLowerCase();
  if (NOT_NAME_WORDS.has(lower)) return 'stop';
  if (CAPITALISED_PARTICLES.has(lower)) return 'particle';
  // Hyphenated given names and double-barrelled surnames count by their parts: "Jean-Luc", "Smith-Jones".
  if (lower.includes('-')) {
    const parts = lower.split('-').map((p) => classify(p));
    if (parts.includes('stop')) return 'stop';
    return parts.find((c) => c !== 'unknown' && c !== 'particle') ?? 'unknown';
  }
  const given = GIVEN.has(lower);
  const surname = SURNAME.has(lower) || SURNAME.has(lower.replace(/[’]/g, "'"));
  if (given && AMBIGUOUS.has(lower)) return 'ambiguous';
  if (given && surname) return 'both';
  if (given) return 'given';
  if (surname) return AMBIGUOUS_SURNAME.has(lower) ? 'word-surname' : 'surname';
  return 'unknown';
}

const APOSTROPHES = new Set([39, 0x2019]);
const HYPHEN = 45;
const SPACE = 32;
const DOT = 46;

/**
 * Reads one word from `i`: letters with inner apostrophes or hyphens ("O'Brien", "Jean-Luc"), but not a
 * possessive "'s" at the end, which belongs to the sentence.
 */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const code = text.charCodeAt(j);
    if (isLetterCode(code)) j++;
    else if ((APOSTROPHES.has(code) || code === HYPHEN) && j > i && isLetterCode(text.charCodeAt(j + 1))) {
      const possessive = APOSTROPHES.has(code) && (text[j + 1] === 's' || text[j + 1] === 'S') && !isLetterCode(text.charCodeAt(j + 2));
      if (possessive) break;
      j++;
    } else break;
  }
  return j;
}

/** A capitalised word: an upper-case letter then at least one lower-case one somewhere ("McDonald", "O'Brien"). */
function isCapitalised(text: string, start: number, end: number): boolean {
  if (!isUpperCode(text.charCodeAt(start))) return false;
  for (let k = start + 1; k < end; k++) if (isLowerCode(text.charCodeAt(k))) return true;
  return false;
}

/** Joined tokens are separated by one or two spaces only. */
function joinedBySpaces(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) !== SPACE) return false;
  return true;
}

/** Runs of name-like tokens separated by single spaces, handed to `visit` one at a time. */
function forEachRun(text: string, visit: (run: Token[]) => void): void {
  let run: Token[] = [];
  const flush = () => {
    if (run.length) visit(run);
    run = [];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    // Lower-case ASCII words are skipped whole unless a run is open (where they may be particles).
    if (code >= 97 && code <= 122 && !run.length) {
      i++;
      while (i < n && isLetterCode(text.charCodeAt(i))) i++;
      continue;
    }
    if (code < 65 || (code > 90 && code < 97) || (code > 122 && code < 128) || !isLetterCode(code)) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    if (run.length && !joinedBySpaces(text, run[run.length - 1].end, i)) flush();
    if (isUpperCode(code) && end - i === 1) {
      // An initial, with its dot when there is one: "B." in "Mateo B. Müller".
      run.push({ start: i, end: text.charCodeAt(end) === DOT ? end + 1 : end, cls: 'initial' });
    } else if (isUpperCode(code) && isCapitalised(text, i, end)) {
      run.push({ start: i, end, cls: classify(text.slice(i, end)) });
    } else if (run.length && PARTICLES.has(text.slice(i, end))) {
      run.push({ start: i, end, cls: 'particle' });
    } else flush();
    i = end;
  }
  flush();
}

const FIRST_WEIGHT: Record<TokenClass, number> = { given: 0.45, both: 0.4, ambiguous: 0.25, surname: 0.2, 'word-surname': 0.1, unknown: 0.1, initial: 0.2, particle: -1, stop: -1 };
const LAST_WEIGHT: Record<TokenClass, number> = { surname: 0.4, both: 0.35, given: 0.25, ambiguous: 0.2, 'word-surname': 0.25, unknown: 0.2, initial: -1, particle: -1, stop: -1 };
const ALONE_WEIGHT: Record<TokenClass, number> = { given: 0.3, both: 0.3, surname: 0.2, 'word-surname': 0.1, ambiguous: 0.15, unknown: 0.05, initial: -1, particle: -1, stop: -1 };
/** A capitalised word right after the span makes it part of a title-case phrase ("Region Price Service"). */
const TITLE_PHRASE_PENALTY = 0.15;

function contextBonus(text: string, start: number, end: number): { bonus: number; reasons: string[] } {
  const ctx = before(text, start, 32);
  const reasons: string[] = [];
  let bonus = 0;
  if (STRONG_BEFORE.test(ctx)) {
    bonus += 0.35;
    reasons.push('name-context');
  } else if (WEAK_BEFORE.test(ctx)) {
    bonus += 0.1;
    reasons.push('weak-context');
  }
  if (AFTER.test(text.slice(end, end + 48).toLowerCase())) {
    bonus += 0.15;
    reasons.push('after-context');
  }
  return { bonus, reasons };
}

function scoreSpan(tokens: Token[]): number {
  if (tokens.some((t) => t.cls === 'stop')) return -1;
  if (tokens.length === 1) return ALONE_WEIGHT[tokens[0].cls];
  const first = FIRST_WEIGHT[tokens[0].cls];
  const last = LAST_WEIGHT[tokens[tokens.length - 1].cls];
  if (first < 0 || last < 0) return -1;
  let score = first + last;
  // Two unknown capitalised words ("Sunset Boulevard", "West Yorkshire") are a name only with context.
  if (tokens.every((t) => t.cls === 'unknown' || t.cls === 'initial' || t.cls === 'particle')) score -= 0.1;
  return score;
}

/** The most any context can add; spans whose base score cannot reach the threshold with it are skipped. */
const MAX_BONUS = 0.5;

function bestInRun(text: string, run: Token[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (let i = 0; i < run.length; i++) {
    for (let j = i; j < Math.min(run.length, i + 4); j++) {
      const span = run.slice(i, j + 1);
      const following = run[j + 1];
      const base = scoreSpan(span) - (following && following.cls !== 'particle' && following.cls !== 'initial' ? TITLE_PHRASE_PENALTY : 0);
      if (base < 0 || base + MAX_BONUS < REPORT_THRESHOLD) continue;
      const start = span[0].start;
      const end = span[span.length - 1].end;
      const { bonus, reasons } = contextBonus(text, start, end);
      const score = Math.min(0.98, base + bonus);
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && end - start > best.end - best.start)) {
        best = { type: 'PERSON', start, end, score, reasons: [...span.map((t) => t.cls), ...reasons] };
      }
    }
  }
  return best;
}

export const personFinder: Finder = {
  id: 'person',
  types: ['PERSON'],
  find(text) {
    const out: Candidate[] = [];
    forEachRun(text, (run) => {
      const best = bestInRun(text, run);
      if (best) out.push(best);
    });
    return out;
  },
};
