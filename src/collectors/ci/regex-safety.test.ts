// Every regular expression of the infrastructure collectors (ci, compose, dockerfile, kubernetes) passes
// the structural linear-time check the detectors use: scanned files are untrusted input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { regexSafetyProblems } from '../../detectors/secrets/regex-safety.js';

const collectors = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['ci', 'compose', 'dockerfile', 'kubernetes'];

/** Regex literals of a source file: a `/` where an expression starts, up to the closing unescaped `/`. */
function regexLiterals(source: string): RegExp[] {
  const out: RegExp[] = [];
  const starts = /[(=,[:!&|?]\s*\/(?![/*])/g;
  for (let m = starts.exec(source); m; m = starts.exec(source)) {
    let i = m.index + m[0].length;
    let body = '';
    let inClass = false;
    for (; i < source.length && source[i] !== '\n'; i++) {
      const c = source[i]!;
      if (c === '\\') {
        body += c + source[++i];
        continue;
      }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      body += c;
    }
    if (source[i] !== '/') continue;
    const flags = /^[a-z]*/.exec(source.slice(i + 1))![0];
    out.push(new RegExp(body, flags));
    starts.lastIndex = i + 1;
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'testdata' ? [] : sources(path.join(dir, e.name))) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

test('every regular expression of the infrastructure collectors is linear-time', () => {
  const found = FOLDERS.flatMap((f) => sources(path.join(collectors, f))).flatMap((f) => regexLiterals(readFileSync(f, 'utf8')).map((re) => [path.relative(collectors, f), re] as const));
  assert.ok(found.length >= 60, `found only ${found.length} regex literals: the extractor is broken`);
  const problems = found.map(([file, re]) => [file, re.source, regexSafetyProblems(re)] as const).filter(([, , p]) => p.length);
  assert.deepEqual(problems, []);
});
