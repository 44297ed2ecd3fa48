// Check-digit and validity rules for the structured identifiers. Pure functions over the matched text; the
// finders call them to turn a shape into a confident detection (and to drop look-alikes: order numbers,
// build versions, invalid SSN ranges).
import { isIPv4, isIPv6 } from 'node:net';

export function digitsOf(s: string): string {
  let out = '';
  for (const ch of s) if (ch >= '0' && ch <= '9') out += ch;
  return out;
}

/** The Luhn (mod-10) check used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Card networks by issuer prefix range and allowed lengths (ISO/IEC 7812 IIN ranges of the major schemes). */
const CARD_NETWORKS: readonly { name: string; from: number; to: number; prefixLength: number; lengths: number[] }[] = [
  { name: 'visa', from: 4, to: 4, prefixLength: 1, lengths: [13, 16, 19] },
  { name: 'mastercard', from: 51, to: 55, prefixLength: 2, lengths: [16] },
  { name: 'mastercard', from: 2221, to: 2720, prefixLength: 4, lengths: [16] },
  { name: 'amex', from: 34, to: 34, prefixLength: 2, lengths: [15] },
  { name: 'amex', from: 37, to: 37, prefixLength: 2, lengths: [15] },
  { name: 'discover', from: 6011, to: 6011, prefixLength: 4, lengths: [16, 19] },
  { name: 'discover', from: 644, to: 649, prefixLength: 3, lengths: [16, 19] },
  { name: 'discover', from: 65, to: 65, prefixLength: 2, lengths: [16, 19] },
  { name: 'jcb', from: 3528, to: 3589, prefixLength: 4, lengths: [16, 17, 18, 19] },
  { name: 'diners', from: 300, to: 305, prefixLength: 3, lengths: [14, 16, 19] },
  { name: 'diners', from: 36, to: 36, prefixLength: 2, lengths: [14, 16, 19] },
  { name: 'diners', from: 38, to: 39, prefixLength: 2, lengths: [14, 16, 19] },
  { name: 'unionpay', from: 62, to: 62, prefixLength: 2, lengths: [16, 17, 18, 19] },
  { name: 'maestro', from: 50, to: 50, prefixLength: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
  { name: 'maestro', from: 56, to: 69, prefixLength: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/** The card network whose prefix and length fit the digits, or undefined. */
export function cardNetwork(digits: string): string | undefined {
  for (const n of CARD_NETWORKS) {
    const prefix = Number(digits.slice(0, n.prefixLength));
    if (prefix >= n.from && prefix <= n.to && n.lengths.includes(digits.length)) return n.name;
  }
  return undefined;
}

/** IBAN lengths per country (ISO 13616 registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 7064 mod-97-10 over an IBAN without spaces: move the first four characters to the end, letters to numbers. */
export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    if (value < 0 || value > 35) return false;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

export function ibanValid(compact: string): boolean {
  return IBAN_LENGTHS[compact.slice(0, 2)] === compact.length && ibanChecksumValid(compact);
}

/**
 * US Social Security Number rules (SSA): area 000, 666 and 900-999 are never issued, group 00 and serial 0000
 * neither; a few numbers were published in advertising and are void.
 */
const VOID_SSNS = new Set(['078051120', '219099999', '123456789']);
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  if (new Set(digits).size === 1) return false;
  return !VOID_SSNS.has(digits);
}

/** IPv4 with four octets in range and no leading zeros (which read as octal or as version numbers). */
export function ipv4Valid(s: string): boolean {
  return isIPv4(s) && !s.split('.').some((o) => o.length > 1 && o.startsWith('0'));
}

export function ipv6Valid(s: string): boolean {
  return isIPv6(s);
}

/** Calendar validity of a day, month and year, with years a living person could be born in. */
export function plausibleBirthDate(year: number, month: number, day: number, now = new Date()): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > now.getUTCFullYear()) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}
