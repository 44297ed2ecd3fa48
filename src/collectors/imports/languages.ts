// Import statements of Go, Java / Kotlin and C#, read from tokenized source (comments and strings
// already separated, so an `import` inside a comment or a string is never taken for one).

import type { Ecosystem } from '../catalogue.js';
import type { Dialect, Tokens } from './tokenize.js';

export interface ImportedName {
  name: string;
  line: number;
  snippet: string;
}

export const LANGUAGE_BY_EXTENSION: Record<string, { dialect: Dialect; ecosystem: Ecosystem }> = {
  go: { dialect: 'go', ecosystem: 'go' },
  java: { dialect: 'java', ecosystem: 'maven' },
  kt: { dialect: 'kotlin', ecosystem: 'maven' },
  kts: { dialect: 'kotlin', ecosystem: 'maven' },
  cs: { dialect: 'csharp', ecosystem: 'nuget' },
};

const GO_IMPORT = /\bimport\b/g;
const GO_ALIAS = /^\s*(?:[A-Za-z_][\w]*|\.|_)?\s*$/;
const JAVA_IMPORT = /^[ \t]*import[ \t]+(?:static[ \t]+)?([A-Za-z_][\w.]*\*?)/gm;
const CSHARP_USING = /^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?([A-Za-z_][\w.]*)[ \t]*;/gm;

export function importsOf(dialect: Dialect, t: Tokens, lines: string[]): ImportedName[] {
  const at = (offset: number, name: string): ImportedName => {
    const line = t.lineAt(offset);
    return { name, line, snippet: (lines[line - 1] ?? '').trim() };
  };
  if (dialect === 'go') return goImports(t, at);
  const re = dialect === 'csharp' ? CSHARP_USING : JAVA_IMPORT;
  re.lastIndex = 0;
  return [...t.code.matchAll(re)].map((m) => at(m.index! + m[0].length - m[1]!.length, m[1]!));
}

/** `import "x"`, `import alias "x"`, and `import ( ... )` blocks: the strings in import position. */
function goImports(t: Tokens, at: (offset: number, name: string) => ImportedName): ImportedName[] {
  const found: ImportedName[] = [];
  GO_IMPORT.lastIndex = 0;
  for (const m of t.code.matchAll(GO_IMPORT)) {
    const after = m.index! + m[0].length;
    const next = t.strings.find((x) => x.start >= after);
    const between = t.code.slice(after, next?.start ?? t.code.length);
    const open = between.search(/\S/);
    if (open >= 0 && between[open] === '(') {
      // a block: every string up to the closing parenthesis (strings are blanked, so a ')' in one is not seen)
      const close = t.code.indexOf(')', after + open);
      const end = close < 0 ? t.code.length : close;
      for (const s of t.strings) if (s.start > after && s.start < end) found.push(at(s.start, s.value));
      continue;
    }
    if (next && GO_ALIAS.test(between) && !between.includes('\n')) found.push(at(next.start, next.value));
  }
  return found;
}

/** String literals passed to the language's env-var lookup: `os.Getenv("X")`, `System.getenv("X")`. */
const ENV_CALL = /(?:Getenv|LookupEnv|getenv|GetEnvironmentVariable)\s*\(\s*$/;

export function envVarsOf(t: Tokens): Array<{ name: string; line: number }> {
  return t.strings
    .filter((s) => /^[A-Z_][A-Z0-9_]*$/.test(s.value) && ENV_CALL.test(t.code.slice(Math.max(0, s.start - 40), s.start)))
    .map((s) => ({ name: s.value, line: s.line }));
}
