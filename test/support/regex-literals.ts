// Test support: the regular-expression literals of the TypeScript sources under a folder, found with the
// TypeScript compiler's own parser (strings, comments and division are never mistaken for patterns).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export function regexLiterals(source: string, fileName = 'file.ts'): RegExp[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: RegExp[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = (node as ts.RegularExpressionLiteral).text;
      const end = text.lastIndexOf('/');
      out.push(new RegExp(text.slice(1, end), text.slice(end + 1)));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Non-test `.ts` files under a folder (fixtures in `testdata/` excluded). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'testdata'
        ? []
        : sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** Every regex literal of the sources under `dir`, with the file it is in. */
export function regexLiteralsUnder(dir: string): Array<[string, RegExp]> {
  return sourceFiles(dir).flatMap((f) => regexLiterals(readFileSync(f, 'utf8'), f).map((re) => [f, re] as [string, RegExp]));
}
