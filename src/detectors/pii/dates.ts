// Dates of birth: any calendar date is a candidate, but only a birth keyword just before it ("born",
// "DOB", "date of birth", ...) or its place in a person's record (right after a name, beside an SSN or a
// passport) makes it a birth date. Release dates and meeting days stay quiet.
import type { Candidate, Finder } from './candidate.js';
import { before, lineAround } from './context.js';
import { plausibleBirthDate } from './validators.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\\.?';

export const DATE_PATTERNS: readonly { pattern: RegExp; order: 'numeric' | 'month-day' | 'day-month' }[] = [
  { pattern: /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/g, order: 'numeric' },
  { pattern: new RegExp(`\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`, 'gi'), order: 'month-day' },
  { pattern: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH},? \\d{4}\\b`, 'gi'), order: 'day-month' },
];

const BIRTH_CONTEXT = /(?:born|birth|\bdob\b|d\.o\.b\.?|birthday|\bb\.|geboren|née|naissance|nacimiento|nascita)[^.;\n]{0,24}$/;
/** A record about a person: a birth date often stands in it unlabelled. */
const RECORD_CONTEXT = /(?:\bssn\b|social security|passport|patient|kyc|applicant|employee|member|customer|date of|\bage\b)/;

/** 1-12 for a month name or its abbreviation ("Sep", "Sept", "September"), 0 for any other word. */
function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  return MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september')) + 1;
}

/** Year, month and day of a matched date, trying the readings its layout allows; undefined when none is a real date. */
export function readDate(value: string, order: 'numeric' | 'month-day' | 'day-month', now = new Date()): [number, number, number] | undefined {
  const year2 = (y: number) => (y >= 100 ? y : y + (y + 2000 > now.getUTCFullYear() ? 1900 : 2000));
  if (order === 'numeric') {
    const parts = value.split(/[./-]/).map(Number);
    const [a, b, c] = parts;
    const readings: [number, number, number][] =
      value.split(/[./-]/)[0].length === 4 ? [[a, b, c]] : [[year2(c), b, a], [year2(c), a, b]]; // D/M/Y, then M/D/Y
    return readings.find(([y, m, d]) => plausibleBirthDate(y, m, d, now));
  }
  const words = value.replace(/[,.]/g, ' ').split(/\s{1,16}/).filter((w) => w && w.toLowerCase() !== 'of');
  const month = monthIndex(order === 'month-day' ? words[0] : words[1]);
  const day = parseInt(order === 'month-day' ? words[1] : words[0], 10);
  const year = parseInt(words[2], 10);
  if (!month) return undefined;
  return plausibleBirthDate(year, month, day, now) ? [year, month, day] : undefined;
}

export const dateOfBirthFinder: Finder = {
  id: 'date-of-birth',
  types: ['DATE_OF_BIRTH'],
  // a date right after a person's name counts as a birth date in a record
  reads: ['PERSON'],
  mayFind: (text) => DATE_PATTERNS.some(({ pattern }) => {
    pattern.lastIndex = 0;
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  }),
  find(text, found) {
    const out: Candidate[] = [];
    const now = new Date();
    const persons = found.filter((c) => c.type === 'PERSON');
    for (const { pattern, order } of DATE_PATTERNS) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const date = readDate(m[0], order, now);
        if (!date) continue;
        const start = m.index;
        const end = start + m[0].length;
        const age = now.getUTCFullYear() - date[0];
        if (BIRTH_CONTEXT.test(before(text, start, 48))) {
          out.push({ type: 'DATE_OF_BIRTH', start, end, score: 0.95, reasons: ['birth-context'] });
          continue;
        }
        if (age < 14 || age > 110) continue;
        // "Jane Doe, 1987-03-04, SSN ..." – a date listed right after a name in a record.
        const afterName = persons.some((p) => p.end <= start && start - p.end <= 3 && /^[,;:(\s]{0,3}$/.test(text.slice(p.end, start)));
        const inRecord = RECORD_CONTEXT.test(lineAround(text, start));
        if (afterName || inRecord) {
          out.push({ type: 'DATE_OF_BIRTH', start, end, score: afterName && inRecord ? 0.8 : afterName ? 0.6 : 0.45, reasons: [afterName ? 'after-name' : 'person-record'] });
        }
      }
    }
    return out;
  },
};
