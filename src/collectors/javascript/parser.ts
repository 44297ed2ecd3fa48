// Tree-sitter set-up for JavaScript and TypeScript: the WASM runtime and the three grammars load once per
// process (lazily, behind one cached promise) and each file gets the grammar its extension calls for.

import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export type Dialect = 'javascript' | 'typescript' | 'tsx';

const GRAMMAR_FILES: Record<Dialect, string> = {
  javascript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
};

const DIALECT_BY_EXTENSION: Record<string, Dialect> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
};

export function dialectOf(rel: string): Dialect | undefined {
  const dot = rel.lastIndexOf('.');
  return dot < 0 ? undefined : DIALECT_BY_EXTENSION[rel.slice(dot + 1).toLowerCase()];
}

let parsers: Promise<Record<Dialect, Parser>> | undefined;

async function loadParsers(): Promise<Record<Dialect, Parser>> {
  await Parser.init();
  const require = createRequire(import.meta.url);
  const entries = await Promise.all(
    (Object.keys(GRAMMAR_FILES) as Dialect[]).map(async (d) => {
      const parser = new Parser();
      parser.setLanguage(await Language.load(require.resolve(GRAMMAR_FILES[d])));
      return [d, parser] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Dialect, Parser>;
}

/** Parses source text; the caller must `tree.delete()` when done (WASM memory is not garbage collected). */
export async function parseSource(source: string, dialect: Dialect): Promise<Tree> {
  const ps = await (parsers ??= loadParsers());
  const tree = ps[dialect].parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
