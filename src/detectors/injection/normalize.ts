// Canonical text for matching and features, with a map back to the original offsets. Attackers hide
// phrasing from filters with invisible characters, Unicode tag letters, look-alike letters, full-width forms,
// combining marks and spaced-out letters (`I-g-n-o-r-e`); all of these collapse here to plain lower-case
// Latin text so that one phrase table and one classifier see through them. Spans found in the normalised
// text map back to the original through `offsets`.

export interface Normalized {
  /** Lower-case text: invisible characters dropped, tag letters decoded, horizontal spaces collapsed. */
  text: string;
  /** offsets[i] is the original index of normalised character i; offsets[text.length] is the input length. */
  offsets: Int32Array;
}

/** Characters that render as nothing: zero-width, bidi controls, soft hyphen, joiners, variation selectors. */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x180e ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

/** Unicode tag characters mirror ASCII (U+E0020..U+E007E) and are invisible: the ASCII-smuggling channel. */
export function tagToAscii(cp: number): number | undefined {
  return cp >= 0xe0020 && cp <= 0xe007e ? cp - 0xe0000 : undefined;
}

// Cyrillic and Greek letters that look like Latin ones, as used to dodge keyword filters.
const CONFUSABLES: Record<number, string> = {};
for (const [from, to] of [
  ['а', 'a'], ['е', 'e'], ['о', 'o'], ['р', 'p'], ['с', 'c'], ['у', 'y'], ['х', 'x'], ['і', 'i'], ['ј', 'j'],
  ['ѕ', 's'], ['ԁ', 'd'], ['ɡ', 'g'], ['һ', 'h'], ['ո', 'n'], ['ν', 'v'], ['ο', 'o'], ['α', 'a'], ['ι', 'i'],
  ['κ', 'k'], ['τ', 't'], ['ρ', 'p'], ['ѵ', 'v'], ['ɑ', 'a'], ['ı', 'i'],
] as const) {
  CONFUSABLES[from.codePointAt(0)!] = to;
  CONFUSABLES[from.toUpperCase().codePointAt(0)!] = to;
}

const COMBINING = /[\u0300-\u036f]/g;

function isHorizontalSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f;
}
function isVerticalSpace(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x0b || cp === 0x0c || cp === 0x2028 || cp === 0x2029 || cp === 0x85;
}

/** Canonical form of one non-ASCII code point (may be empty or several characters). */
function foldNonAscii(ch: string, cp: number): string {
  const confusable = CONFUSABLES[cp];
  if (confusable) return confusable;
  return ch.normalize('NFKD').replace(COMBINING, '').toLowerCase();
}

const SPACED_LETTERS = /(?<![a-z0-9])[a-z](?:[ ._*-][a-z](?![a-z0-9])){3,}/g;

const UTF16 = new TextDecoder('utf-16le');

/**
 * The string of UTF-16 code units. String.fromCharCode stays in compiled JavaScript and costs a fraction of a
 * TextDecoder call on a prompt; the decoder is kept for text with surrogates, where it also turns an unpaired
 * one into U+FFFD.
 */
function codesToString(codes: Uint16Array): string {
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0xd800 && codes[i] <= 0xdfff) return UTF16.decode(codes);
  let text = '';
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode.apply(null, codes.subarray(i, i + 4096) as unknown as number[]);
  return text;
}

/** Scratch buffers shared by every Output (normalising never runs concurrently, and finish() copies out). */
let scratchCodes = new Uint16Array(4096);
let scratchOffsets = new Int32Array(4097);

/** Growable buffers of output characters and their original offsets. */
class Output {
  codes: Uint16Array;
  offsets: Int32Array;
  length = 0;
  constructor(capacity: number) {
    if (scratchCodes.length < capacity) {
      scratchCodes = new Uint16Array(capacity);
      scratchOffsets = new Int32Array(capacity + 1);
    }
    this.codes = scratchCodes;
    this.offsets = scratchOffsets;
  }
  push(code: number, at: number): void {
    if (this.length === this.codes.length) {
      const codes = new Uint16Array(this.length * 2 + 16);
      codes.set(this.codes);
      const offsets = new Int32Array(this.length * 2 + 17);
      offsets.set(this.offsets);
      this.codes = scratchCodes = codes;
      this.offsets = scratchOffsets = offsets;
    }
    this.codes[this.length] = code;
    this.offsets[this.length++] = at;
  }
  get last(): number {
    return this.length ? this.codes[this.length - 1] : 32; // the start counts as after a space
  }
  finish(inputLength: number): Normalized {
    const text = codesToString(this.codes.subarray(0, this.length));
    this.offsets[this.length] = inputLength;
    return { text, offsets: this.offsets.slice(0, this.length + 1) };
  }
}

/**
 * Printable ASCII words with single spaces or line breaks between them: the loop below would only lower-case
 * it, so its canonical form is its lower case and every offset maps to itself. Most prompts take this path.
 */
const PLAIN = /^[\x21-\x7e]+(?:[ \n][\x21-\x7e]+)*$/;

function plain(input: string): Normalized {
  const offsets = new Int32Array(input.length + 1);
  for (let i = 0; i <= input.length; i++) offsets[i] = i;
  return { text: input.toLowerCase(), offsets };
}

/** Joins letters spelled out with one separator between them: `i g n o r e` and `i-g-n-o-r-e` → `ignore`. */
function joinSpacedLetters(n: Normalized): Normalized {
  SPACED_LETTERS.lastIndex = 0;
  if (!SPACED_LETTERS.test(n.text)) return n;
  SPACED_LETTERS.lastIndex = 0;
  const out = new Output(n.text.length);
  let from = 0;
  const copy = (a: number, b: number, stride: number) => {
    for (let i = a; i < b; i += stride) out.push(n.text.charCodeAt(i), n.offsets[i]);
  };
  for (let m = SPACED_LETTERS.exec(n.text); m; m = SPACED_LETTERS.exec(n.text)) {
    copy(from, m.index, 1);
    copy(m.index, m.index + m[0].length, 2); // the letters, without their separators
    from = m.index + m[0].length;
  }
  copy(from, n.text.length, 1);
  return out.finish(n.offsets[n.text.length]);
}

export function normalize(input: string): Normalized {
  return PLAIN.test(input) ? joinSpacedLetters(plain(input)) : normalizeAny(input);
}

/** The general path, for any text (exported for the test that holds the fast path to it). */
export function normalizeAny(input: string): Normalized {
  const out = new Output(input.length + 16);
  for (let i = 0; i < input.length; ) {
    const unit = input.charCodeAt(i);
    if (unit < 0x80 && unit > 0x20) {
      out.push(unit >= 65 && unit <= 90 ? unit + 32 : unit, i);
      i++;
      continue;
    }
    if (unit === 0x20) {
      if (out.last !== 32 && out.last !== 10) out.push(32, i);
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isVerticalSpace(cp)) {
      if (out.length === 0) {
        // leading line breaks are dropped
      } else if (out.last === 32) out.codes[out.length - 1] = 10;
      else if (out.last !== 10) out.push(10, i);
    } else if (isHorizontalSpace(cp)) {
      if (out.last !== 32 && out.last !== 10) out.push(32, i);
    } else if (cp < 0x20 || cp === 0x7f) {
      // other control characters carry nothing
    } else {
      const tag = tagToAscii(cp);
      if (tag !== undefined) out.push(tag >= 65 && tag <= 90 ? tag + 32 : tag, i);
      else if (!isInvisible(cp)) {
        const folded = foldNonAscii(input.slice(i, i + width), cp);
        for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i);
      }
    }
    i += width;
  }
  return joinSpacedLetters(out.finish(input.length));
}
