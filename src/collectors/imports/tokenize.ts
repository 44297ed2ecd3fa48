// A tokenizer for C-family sources (Go, Java, Kotlin, C#) that separates code from comments and string
// literals: comments are blanked, strings are blanked in the code and returned with their positions.
// Blanking keeps offsets and newlines, so positions in `code` are positions in the source.

export interface StringToken {
  value: string;
  /** Offset of the opening quote. */
  start: number;
  end: number;
  line: number;
}

export interface Tokens {
  code: string;
  strings: StringToken[];
  /** Line of an offset, 1-based. */
  lineAt(offset: number): number;
  /** A comment or string that never ends: the line it starts on. */
  unterminated?: number;
}

export type Dialect = 'go' | 'java' | 'kotlin' | 'csharp';

export function tokenize(src: string, dialect: Dialect): Tokens {
  const out: string[] = [];
  const strings: StringToken[] = [];
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let unterminated: number | undefined;
  const blank = (from: number, to: number) => out.push(src.slice(from, to).replace(/[^\n]/g, ' '));
  let i = 0;
  let last = 0;
  const flush = (to: number) => {
    out.push(src.slice(last, to));
    last = to;
  };
  /** Ends a literal at `end` (exclusive), recording its value. */
  const literal = (start: number, end: number, value: string) => {
    flush(start);
    blank(start, end);
    last = end;
    strings.push({ value, start, end, line: lineAt(start) });
    i = end;
  };
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      flush(i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      last = i = stop;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) unterminated ??= lineAt(i);
      const stop = end < 0 ? src.length : end + 2;
      flush(i);
      blank(i, stop);
      last = i = stop;
      continue;
    }
    // triple-quoted: Java / Kotlin text blocks, C# raw strings
    if (c === '"' && next === '"' && src[i + 2] === '"' && dialect !== 'go') {
      const end = src.indexOf('"""', i + 3);
      if (end < 0) unterminated ??= lineAt(i);
      const stop = end < 0 ? src.length : end + 3;
      literal(i, stop, src.slice(i + 3, end < 0 ? src.length : end));
      continue;
    }
    if (dialect === 'go' && c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) unterminated ??= lineAt(i);
      const stop = end < 0 ? src.length : end + 1;
      literal(i, stop, src.slice(i + 1, end < 0 ? src.length : end));
      continue;
    }
    // C# verbatim strings: @"..." with "" as the escaped quote (also $@"..." and @$"...")
    if (dialect === 'csharp' && (c === '@' || c === '$') && (next === '"' || ((next === '@' || next === '$') && src[i + 2] === '"'))) {
      const quote = src.indexOf('"', i);
      const verbatim = src.slice(i, quote).includes('@');
      const end = verbatim ? endOfVerbatim(src, quote + 1) : endOfQuoted(src, quote + 1, '"');
      if (end < 0) {
        unterminated ??= lineAt(i);
        literal(i, src.length, src.slice(quote + 1));
      } else literal(i, end + 1, src.slice(quote + 1, end));
      continue;
    }
    if (c === '"' || c === "'") {
      const end = endOfQuoted(src, i + 1, c);
      if (end < 0) {
        unterminated ??= lineAt(i);
        const nl = src.indexOf('\n', i);
        literal(i, nl < 0 ? src.length : nl, src.slice(i + 1, nl < 0 ? src.length : nl));
      } else literal(i, end + 1, src.slice(i + 1, end));
      continue;
    }
    i++;
  }
  flush(src.length);
  return { code: out.join(''), strings, lineAt, ...(unterminated !== undefined ? { unterminated } : {}) };
}

/** Index of the closing quote of an escaped literal on one line; -1 when the line ends first. */
function endOfQuoted(src: string, from: number, quote: string): number {
  for (let j = from; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') j++;
    else if (ch === quote) return j;
    else if (ch === '\n') return -1;
  }
  return -1;
}

function endOfVerbatim(src: string, from: number): number {
  for (let j = from; j < src.length; j++) {
    if (src[j] !== '"') continue;
    if (src[j + 1] === '"') j++;
    else return j;
  }
  return -1;
}
