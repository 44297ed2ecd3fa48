// IBANs: a country code and two check digits, then the country's fixed-length account part, written
// compact or in groups of four. The length comes from the country, the check digits must pass mod-97.
import type { Candidate, Finder } from './candidate.js';
import { before, hasDigit, isAlnum } from './context.js';
import { IBAN_LENGTHS, ibanValid } from './validators.js';

export const IBAN_ANCHOR = /\b[A-Z]{2}\d{2}/g;
const IBAN_CONTEXT = /(?:iban|account|acct|bank|transfer|wire|sepa|payee|beneficiary|konto|cuenta|compte)/;

function isIbanChar(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z');
}

/** Reads `length` IBAN characters from `start`, allowing one space between characters; returns the end offset. */
function readIban(text: string, start: number, length: number): { end: number; compact: string } | undefined {
  let compact = '';
  let i = start;
  while (compact.length < length && i < text.length) {
    const ch = text[i];
    if (isIbanChar(ch)) {
      compact += ch;
      i++;
    } else if (ch === ' ' && compact.length % 4 === 0 && isIbanChar(text[i + 1] ?? '')) i++;
    else return undefined;
  }
  if (compact.length !== length || isAlnum(text[i])) return undefined;
  return { end: i, compact };
}

export const ibanFinder: Finder = {
  id: 'iban',
  types: ['IBAN'],
  mayFind: hasDigit,
  find(text) {
    const out: Candidate[] = [];
    IBAN_ANCHOR.lastIndex = 0;
    for (let m = IBAN_ANCHOR.exec(text); m; m = IBAN_ANCHOR.exec(text)) {
      const length = IBAN_LENGTHS[m[0].slice(0, 2)];
      if (!length) continue;
      const read = readIban(text, m.index, length);
      if (!read || !ibanValid(read.compact)) continue;
      const hasContext = IBAN_CONTEXT.test(before(text, m.index, 40));
      out.push({
        type: 'IBAN',
        start: m.index,
        end: read.end,
        score: hasContext ? 0.99 : 0.95,
        reasons: hasContext ? ['mod-97', 'country-length', 'iban-context'] : ['mod-97', 'country-length'],
        extra: { country: m[0].slice(0, 2) },
      });
      IBAN_ANCHOR.lastIndex = read.end;
    }
    return out;
  },
};
