// Inline suppressions: an `aispm:ignore CHECK-ID reason` comment on a finding's evidence line or the line above, in
// any comment syntax (#, //, --, ;, <!-- -->, /* */). Only files that carry findings are read, each at most once,
// with bounds on their size and number: a scan never reads its tree twice.

import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding, ScanWarning } from '../../model/index.js';

/** Bytes read per file: evidence lines beyond this are not searched for comments. */
export const MAX_INLINE_BYTES = 4 << 20;
/** Files read per scan for inline comments. */
export const MAX_INLINE_FILES = 5000;

const DIRECTIVE = /aispm:ignore(?=[\s:]|$)[\s:]*([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)?(.*)$/;
const COMMENT_MARKER = /(#|\/\/|--|;|<!--|\/\*|\{-|%)/;
/** What may follow the reason on the same line: comment closers, and a notebook's JSON string ending. */
const TRAILER = /\s*(?:-->|\*\/|-\})?\s*(?:\\n)?"?,?\s*$/;

export interface InlineDirective {
  checks: string[];
  reason?: string;
}

/** The directive on one line, if a comment on it carries one. */
export function parseDirective(line: string): InlineDirective | undefined {
  const at = line.indexOf('aispm:ignore');
  if (at < 0 || !COMMENT_MARKER.test(line.slice(0, at))) return undefined;
  const m = DIRECTIVE.exec(line.slice(at));
  if (!m?.[1]) return undefined;
  const reason = m[2].replace(TRAILER, '').trim();
  return { checks: m[1].split(',').map((c) => c.trim().toUpperCase()), reason: reason || undefined };
}

/** Reads files under the root on demand, once each; out-of-root paths, huge tails and unreadable files give nothing. */
export class LineReader {
  private readonly cache = new Map<string, string[] | null>();
  private readonly rootReal: string;
  private reads = 0;
  limitHit = false;

  constructor(private readonly root: string) {
    this.rootReal = realpathSync(root);
  }

  lines(rel: string): string[] | null {
    const cached = this.cache.get(rel);
    if (cached !== undefined) return cached;
    let lines: string[] | null = null;
    if (this.reads >= MAX_INLINE_FILES) this.limitHit = true;
    else {
      this.reads++;
      lines = this.read(rel);
    }
    this.cache.set(rel, lines);
    return lines;
  }

  private read(rel: string): string[] | null {
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return null;
    try {
      const real = realpathSync(path.join(this.root, rel));
      const inside = path.relative(this.rootReal, real);
      if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return null; // never follow a link out
      const st = statSync(real);
      if (!st.isFile()) return null;
      const size = Math.min(st.size, MAX_INLINE_BYTES);
      const buf = Buffer.alloc(size);
      const fd = openSync(real, 'r');
      try {
        readSync(fd, buf, 0, size, 0);
      } finally {
        closeSync(fd);
      }
      return buf.toString('utf8').split(/\r?\n/);
    } catch {
      return null;
    }
  }
}

/**
 * Marks findings suppressed when EVERY evidence location with a file and line carries a directive for its check
 * (on the line or the line above): a credential copied to a second file is not hidden by a comment on the first.
 */
export function applyInline(findings: Finding[], root: string, warnings: ScanWarning[]): number {
  const reader = new LineReader(root);
  let count = 0;
  for (const f of findings) {
    if (f.suppressed) continue;
    const places = f.evidence.filter((e) => e.file && e.line);
    if (!places.length) continue;
    let reason: string | undefined;
    let where = '';
    let covered = true;
    for (const e of places) {
      const lines = reader.lines(e.file!);
      const line = e.line!;
      const found = [line, line - 1]
        .filter((n) => n >= 1 && lines && n <= lines.length)
        .map((n) => ({ n, d: parseDirective(lines![n - 1]) }))
        .find((x) => x.d?.checks.includes(f.checkId.toUpperCase()));
      if (!found) {
        covered = false;
        break;
      }
      if (!where) {
        reason = found.d!.reason;
        where = `${e.file}:${found.n}`;
      }
    }
    if (!covered) continue;
    f.suppressed = { kind: 'inline', reason: reason ?? `aispm:ignore at ${where} (no reason given)` };
    count++;
  }
  if (reader.limitHit) {
    warnings.push({ message: `inline suppressions: only the first ${MAX_INLINE_FILES} files with findings were searched for aispm:ignore comments`, collector: 'suppress' });
  }
  return count;
}
