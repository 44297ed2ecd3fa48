// One web-tree-sitter runtime per process, one parser per grammar, loaded lazily on first use. Parsing
// is the expensive step of code analysis, so callers prefilter files before asking for a tree.

import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node, Tree };

const require = createRequire(import.meta.url);
let runtime: Promise<void> | undefined;
const parsers = new Map<string, Promise<Parser>>();

/** A parser for the grammar shipped as `wasmModule` (e.g. `tree-sitter-python/tree-sitter-python.wasm`). */
export function parserFor(wasmModule: string): Promise<Parser> {
  let p = parsers.get(wasmModule);
  if (!p) {
    p = (async () => {
      await (runtime ??= Parser.init());
      const language = await Language.load(require.resolve(wasmModule));
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    })();
    // a failed load must not poison later attempts forever
    p.catch(() => parsers.delete(wasmModule));
    parsers.set(wasmModule, p);
  }
  return p;
}

/** Parses `text`, hands the tree to `use` and always frees the tree's wasm memory afterwards. */
export async function withTree<T>(wasmModule: string, text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await parserFor(wasmModule);
  const tree = parser.parse(text);
  if (!tree) throw new Error('the parser returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** Every node of a subtree in document order (iterative, so deep trees cannot overflow the stack). */
export function* descendants(root: Node): Generator<Node> {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      yield cursor.currentNode;
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
