// Passport numbers have no checksum outside the machine-readable zone, so they are taken only right after
// a passport keyword (in a few languages): the first document-number-shaped token within a short window.
import type { Candidate, Finder } from './candidate.js';

export const PASSPORT_KEYWORD = /\b(?:passport|passeport|pasaporte|passaporto|reisepass|paspoort|travel document)s?\b/gi;
/** Words that may stand between the keyword and the number: "number", "no.", "#", ":", "id". */
const FILLERS = new Set(['number', 'num', 'no', 'nr', 'n°', 'id', '#', ':', '=', 'is', 'was', 'no:', 'number:', '#:', 'no.:']);
const WORD = /\S{1,40}/g;
export const PASSPORT_NUMBER = /^[A-Z0-9]{6,9}$/;

/** The first token after the keyword, past the fillers, with its offsets in `tail`. */
function numberAfterKeyword(tail: string): { value: string; at: number } | undefined {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(tail), seen = 0; m && seen < 5; m = WORD.exec(tail), seen++) {
    let word = m[0];
    while (word.length && '.,;:)('.includes(word[word.length - 1])) word = word.slice(0, -1);
    const lead = word.startsWith('#') || word.startsWith(':') ? 1 : 0;
    const core = word.slice(lead);
    if (!core || FILLERS.has(word.toLowerCase()) || FILLERS.has(core.toLowerCase())) continue;
    return PASSPORT_NUMBER.test(core) ? { value: core, at: m.index + lead } : undefined;
  }
  return undefined;
}

export const passportFinder: Finder = {
  id: 'passport',
  types: ['PASSPORT'],
  find(text) {
    const out: Candidate[] = [];
    PASSPORT_KEYWORD.lastIndex = 0;
    for (let m = PASSPORT_KEYWORD.exec(text); m; m = PASSPORT_KEYWORD.exec(text)) {
      const from = m.index + m[0].length;
      const tail = text.slice(from, from + 48);
      const n = numberAfterKeyword(tail);
      if (!n) continue;
      const value = n.value;
      const hasDigit = /\d/.test(value);
      // All-letter tokens are numbers only when written in capitals and long (a word like "holder" is not).
      if (!hasDigit && (value !== value.toUpperCase() || value.length < 8)) continue;
      const start = from + n.at;
      out.push({ type: 'PASSPORT', start, end: start + value.length, score: hasDigit ? 0.9 : 0.6, reasons: ['passport-context'] });
    }
    return out;
  },
};
