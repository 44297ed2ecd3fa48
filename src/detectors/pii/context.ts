// Context words around a match: the text just before (or after) a span, lower-cased, tested against a
// keyword pattern. Windows are short so that a keyword vouches only for its own neighbourhood.

export function before(text: string, start: number, window: number): string {
  return text.slice(Math.max(0, start - window), start).toLowerCase();
}

export function after(text: string, end: number, window: number): string {
  return text.slice(end, end + window).toLowerCase();
}

/** The line holding `offset`, lower-cased (bounded to 400 characters either side for very long lines). */
export function lineAround(text: string, offset: number): string {
  const from = Math.max(text.lastIndexOf('\n', offset - 1) + 1, offset - 400);
  let to = text.indexOf('\n', offset);
  if (to === -1 || to > offset + 400) to = Math.min(text.length, offset + 400);
  return text.slice(from, to).toLowerCase();
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// Character classes by code unit: ASCII by range, the rest of the BMP computed once per code and cached,
// so the name scanner runs over long texts without allocating strings per character.
const UPPER = 1;
const LOWER = 2;
const classCache = new Int8Array(65536).fill(-1);
function charClass(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? UPPER : code >= 97 && code <= 122 ? LOWER : 0;
  let c = classCache[code];
  if (c === -1) {
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    c = lower === upper ? 0 : ch === upper ? UPPER : LOWER;
    classCache[code] = c;
  }
  return c;
}

/** Letters of any cased script (Latin with diacritics, Greek, Cyrillic, ...), without a Unicode regex. */
export function isLetterCode(code: number): boolean {
  return code === code && charClass(code) !== 0; // NaN (past the end) is not a letter
}
export function isUpperCode(code: number): boolean {
  return code === code && charClass(code) === UPPER;
}
export function isLowerCode(code: number): boolean {
  return code === code && charClass(code) === LOWER;
}

export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isLetterCode(ch.charCodeAt(0));
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isUpperCode(ch.charCodeAt(0));
}

export function isLower(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isLowerCode(ch.charCodeAt(0));
}

export function isAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch);
}

/** Whether a text holds any ASCII digit: numbers of every kind need one, and most prompts have none. */
export const hasDigit = (text: string): boolean => /[0-9]/.test(text);
