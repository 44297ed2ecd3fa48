import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { regexSafetyProblems } from '../secrets/regex-safety.js';

const here = path.dirname(fileURLToPath(import.meta.url));

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

test('every regular expression of the detector is linear-time', () => {
  const found: Array<[string, RegExp]> = sources(here).flatMap((f) => regexLiterals(readFileSync(f, 'utf8')).map((re) => [path.basename(f), re] as [string, RegExp]));
  // The detector has regexes in the policy, the VM, NumPy, GGUF, Keras, ONNX, zip and compression code.
  assert.ok(found.length >= 15, `found only ${found.length} regex literals: the extractor is broken`);
  for (const [file, re] of found) assert.deepEqual(regexSafetyProblems(re), [], `${file}: /${re.source}/`);
});

test('the extractor finds literals and the checker still rejects a catastrophic one', () => {
  const res = regexLiterals("const a = /(x+)+y/; if (/^[A-Z]/.test(s)) f(/a\\/b[/]c/g);");
  assert.deepEqual(res.map((r) => r.source), ['(x+)+y', '^[A-Z]', 'a\\/b[/]c']);
  assert.ok(regexSafetyProblems(res[0]!).some((p) => p.startsWith('R1')));
});
