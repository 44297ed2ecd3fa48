// Instructions hidden in an encoding a model can read but a filter does not: base64, hex, `\xNN` and
// `\uNNNN` escapes, percent-encoding, HTML numeric entities and ROT13. Each candidate is decoded; when the
// result is readable text it becomes the payload, reported only if it reads as an instruction (so hashes,
// keys and binary blobs stay quiet).
import type { StructuralHit } from './structural.js';

interface Encoding {
  id: string;
  pattern: RegExp;
  decode(match: string): string | undefined;
  /** False only when the pattern cannot match the text: a cheap test that spares most prompts the scan. */
  possible(text: string, longestRun: number): boolean;
}

const isBase64Char = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45;

/** The longest run of base64 characters (hex digits are a subset), which base64 and hex payloads need 20 of. */
function longestBase64Run(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBase64Char(text.charCodeAt(i))) {
      if (++run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bytesToText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Readable prose: mostly printable, with letters and at least one space between words. */
export function readable(s: string | undefined): s is string {
  if (!s || s.length < 8) return false;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 32) spaces++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0xbf) letters++;
    if (c >= 32 || c === 9 || c === 10 || c === 13) printable++;
  }
  const n = [...s].length;
  return printable / n >= 0.95 && letters / n >= 0.5 && spaces >= 1;
}

const fromHexPairs = (hex: string) => bytesToText(Uint8Array.from(hex.match(/[0-9a-f]{2}/gi) ?? [], (h) => parseInt(h, 16)));

export const ENCODINGS: readonly Encoding[] = [
  {
    id: 'base64-payload',
    pattern: /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])/g,
    decode: (m) => bytesToText(Buffer.from(m, 'base64')),
    possible: (_, run) => run >= 20,
  },
  { id: 'hex-payload', pattern: /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}){10,}(?![0-9a-fA-F])/g, decode: fromHexPairs, possible: (_, run) => run >= 20 },
  {
    id: 'hex-escape-payload',
    pattern: /(?:\\x[0-9a-fA-F]{2}){6,4000}/g,
    decode: (m) => fromHexPairs(m.replace(/\\x/g, '')),
    possible: (text) => text.includes('\\x'),
  },
  {
    id: 'unicode-escape-payload',
    pattern: /(?:\\u[0-9a-fA-F]{4}){6,4000}/g,
    decode: (m) => String.fromCharCode(...(m.match(/[0-9a-f]{4}/gi) ?? []).map((h) => parseInt(h, 16))),
    possible: (text) => text.includes('\\u'),
  },
  {
    id: 'percent-encoded-payload',
    pattern: /(?:%[0-9a-fA-F]{2}[A-Za-z0-9._~-]{0,3}){6,4000}/g,
    decode: (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return undefined;
      }
    },
    possible: (text) => text.includes('%'),
  },
  {
    id: 'html-entity-payload',
    pattern: /(?:&#(?:x[0-9a-fA-F]{1,6}|[0-9]{1,7});){6,4000}/g,
    decode: (m) =>
      (m.match(/&#(x?)([0-9a-f]{1,7});/gi) ?? [])
        .map((e) => {
          const [, x, digits] = /&#(x?)([0-9a-f]{1,7});/i.exec(e)!;
          const cp = parseInt(digits, x ? 16 : 10);
          return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        })
        .join(''),
    possible: (text) => text.includes('&#'),
  },
];

const ROT13_MARKER = /\brot-?13\b/gi;

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function findEncoded(text: string): StructuralHit[] {
  const hits: StructuralHit[] = [];
  const run = longestBase64Run(text);
  for (const enc of ENCODINGS) {
    if (!enc.possible(text, run)) continue;
    enc.pattern.lastIndex = 0;
    for (let m = enc.pattern.exec(text); m; m = enc.pattern.exec(text)) {
      const decoded = enc.decode(m[0]);
      if (!readable(decoded)) continue;
      hits.push({ type: 'encoded-instruction', signal: enc.id, start: m.index, end: m.index + m[0].length, base: 0, payload: decoded, requireInstruction: true });
    }
  }
  // ROT13 has no shape of its own: decode the text that follows a mention of it.
  ROT13_MARKER.lastIndex = 0;
  for (let m = ROT13_MARKER.exec(text); m; m = ROT13_MARKER.exec(text)) {
    const start = m.index + m[0].length;
    const end = Math.min(text.length, start + 500);
    hits.push({ type: 'encoded-instruction', signal: 'rot13-payload', start: m.index, end, base: 0, payload: rot13(text.slice(start, end)), requireInstruction: true });
  }
  return hits;
}
