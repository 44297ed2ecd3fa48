// Small text helpers shared by the manifest parsers: line lookup and parse-error positions.

// Parsers look up one line per dependency; a lockfile can list thousands, so the lower-cased text and the
// newline offsets of the file being read are computed once and kept for the next lookup.
let cache: { text: string; lower: string; newlines: number[] } | undefined;

function indexOf(text: string): { lower: string; newlines: number[] } {
  if (cache?.text !== text) {
    const newlines: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    cache = { text, lower: text.toLowerCase(), newlines };
  }
  return cache;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  const { newlines } = indexOf(text);
  // number of newlines before the offset, by binary search
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

const NAME_CHAR = /[A-Za-z0-9._@/-]/;

/**
 * The first line (1-based) where `token` appears as a whole package name, not as part of a longer one
 * (`openai` must not match `openai-demo`). Case-insensitive, because PyPI and NuGet names are.
 * `after` skips lines up to and including that 1-based line number.
 */
export function findTokenLine(text: string, token: string, after = 0): number | undefined {
  if (!token) return undefined;
  const hay = indexOf(text).lower;
  const needle = token.toLowerCase();
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return undefined;
    const before = i > 0 ? hay[i - 1]! : ' ';
    const next = hay[i + needle.length] ?? ' ';
    const boundaryBefore = !NAME_CHAR.test(before);
    const boundaryAfter = !/[A-Za-z0-9_-]/.test(next) || (next === '.' && !/[A-Za-z0-9]/.test(hay[i + needle.length + 1] ?? ' '));
    if (boundaryBefore && boundaryAfter) {
      const line = lineAt(text, i);
      if (line > after) return line;
    }
    from = i + needle.length;
  }
}

/** The line of a JSON.parse error, from the position V8 reports in its message. */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const msg = String((err as Error)?.message ?? '');
  const lc = /line (\d+) column \d+/.exec(msg);
  if (lc) return Number(lc[1]);
  const pos = /at position (\d+)/.exec(msg);
  if (pos) return lineAt(text, Number(pos[1]));
  if (/Unexpected end of JSON input/.test(msg)) return lineAt(text, text.length);
  return undefined;
}

/** Parses JSON, warning with the line on failure. */
export function parseJson(text: string, warn: (m: string, line?: number) => void, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    warn(`malformed ${what}: ${(e as Error).message}`, jsonErrorLine(text, e));
    return undefined;
  }
}

/** The line a TOML, YAML or PEG parser error points at, across the shapes those libraries use. */
export function parserErrorLine(err: unknown): number | undefined {
  const e = err as { line?: number; linePos?: Array<{ line: number }>; location?: { start?: { line?: number } }; mark?: { line?: number } };
  if (typeof e?.line === 'number') return e.line;
  if (e?.linePos?.[0]) return e.linePos[0].line;
  if (typeof e?.location?.start?.line === 'number') return e.location.start.line;
  if (typeof e?.mark?.line === 'number') return e.mark.line + 1;
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
