// Phone numbers: a permissive shape finds candidates (international prefix, area code in parentheses,
// groups split by space, dot or dash), then libphonenumber-js decides. A number valid for its region is
// sure; a merely possible one needs a phone-like layout or a phone keyword nearby.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Candidate, Finder } from './candidate.js';
import { after, before, hasDigit, isAlnum } from './context.js';
import { digitsOf } from './validators.js';

export const PHONE_PATTERNS: readonly RegExp[] = [
  // +44 20 7946 0958, (555) 123-4567, 555.123.4567, 07911 123456, +1 (555) 123-4567, +81 3-1234-5678
  /(?<![\w+.-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}|(?:\(\d{1,4}\)[ .-]?)?\d{2,5})(?:[ .-]\d{2,8}){1,4}(?![\w-])/g,
  // +447911123456
  /(?<![\w+])\+\d{8,15}\b/g,
  // 5551234567, needs a keyword
  /\b\d{10,11}\b/g,
];

const PHONE_CONTEXT = /(?:phone|tel\b|tel\.|telephone|mobile|cell|call|text|fax|whatsapp|sms|reach|contact|number|dial|ring|\bph\b|\bm:|\bt:)/;
const DATE_SHAPE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/;
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** NANP (555) 123-4567 / 555-123-4567 layouts and UK 0xxxx xxxxxx: a human wrote these as phone numbers. */
const PHONE_LAYOUT = /^(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\) ?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|0\d{3,4} \d{6,7}|0\d{2,4} \d{3,4} \d{3,4})$/;

/** Regions tried for numbers without an international prefix: North America first, then trunk-prefix regions. */
const NATIONAL_REGIONS: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN', 'AU', 'IT', 'ES', 'NL', 'BR'];

function judgePhone(value: string): { valid: boolean; possible: boolean; country?: string } {
  const regions: readonly (CountryCode | undefined)[] = value.startsWith('+') ? [undefined] : value.startsWith('0') ? NATIONAL_REGIONS.slice(1) : ['US'];
  let possible = false;
  for (const region of regions) {
    const parsed = parsePhoneNumberFromString(value, region);
    if (!parsed) continue;
    if (parsed.isValid()) return { valid: true, possible: true, country: parsed.country };
    possible ||= parsed.isPossible();
  }
  return { valid: false, possible };
}

export const phoneFinder: Finder = {
  id: 'phone',
  types: ['PHONE'],
  mayFind: hasDigit,
  find(text) {
    const out: Candidate[] = [];
    for (const [index, pattern] of PHONE_PATTERNS.entries()) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const value = m[0];
        const start = m.index;
        const end = start + value.length;
        const digits = digitsOf(value);
        if (digits.length < 7 || digits.length > 15 || DATE_SHAPE.test(value) || DOTTED_QUAD.test(value)) continue;
        if (isAlnum(text[end]) || (text[end] === '.' && /\d/.test(text[end + 1] ?? ''))) continue;
        const ctx = PHONE_CONTEXT.test(before(text, start, 40)) || PHONE_CONTEXT.test(after(text, end, 16));
        if (index === 2 && !ctx) continue;
        const verdict = judgePhone(value);
        if (!verdict.possible) continue;
        const layout = value.startsWith('+') || PHONE_LAYOUT.test(value);
        let score: number;
        const reasons: string[] = [];
        if (verdict.valid) {
          score = layout || ctx ? 0.95 : 0.75;
          reasons.push('libphonenumber-valid');
        } else {
          score = layout && ctx ? 0.8 : layout ? 0.65 : ctx ? 0.55 : 0.3;
          reasons.push('libphonenumber-possible');
        }
        if (layout) reasons.push('phone-layout');
        if (ctx) reasons.push('phone-context');
        out.push({ type: 'PHONE', start, end, score, reasons, extra: verdict.country ? { country: verdict.country } : undefined });
      }
    }
    return out;
  },
};
