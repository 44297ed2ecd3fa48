// The Python analyser: one function over source text, shared by the Python collector (.py files) and
// the notebook collector (code cells), which passes a callback mapping lines back to the .ipynb file.

import { lookupPackage } from '../catalogue.js';
import { withTree } from '../code-common/tree-sitter.js';
import type { CollectContext } from '../types.js';
import { Analysis } from './analysis.js';
import { detectAgents } from './detect-agents.js';
import { detectData } from './detect-data.js';
import { detectHuggingFace } from './detect-hf.js';
import { detectLoaders } from './detect-loaders.js';
import { detectPrompts } from './detect-prompts.js';
import { detectEnvSecrets, detectServices } from './detect-services.js';
import { detectTools } from './detect-tools.js';
import { detectVectorStores } from './detect-vector-stores.js';
import { Emitter, type LineMap } from './emit.js';
import { FileModel } from './file-model.js';
import { MODULE_PACKAGES } from './tables.js';

export const PYTHON_GRAMMAR = 'tree-sitter-python/tree-sitter-python.wasm';

/** How many syntax errors are worth naming before summarising. */
const MAX_SYNTAX_WARNINGS = 3;

/**
 * Analyses Python source. `file` is the path the evidence names; `mapLine` turns a line of `text` into
 * the line reported (identity for .py files).
 */
export async function analysePython(text: string, ctx: CollectContext, file: string, mapLine: LineMap = (l) => l): Promise<void> {
  await withTree(PYTHON_GRAMMAR, text, (tree) => {
    const root = tree.rootNode;
    const out = new Emitter(ctx, file, text, mapLine);
    if (root.hasError) reportSyntaxErrors(root, out);
    const fm = new FileModel(root);
    const a = new Analysis(fm, out);
    // order matters: later detectors follow variables to what earlier ones found
    detectServices(a);
    detectVectorStores(a);
    detectPrompts(a);
    detectData(a);
    detectHuggingFace(a);
    detectLoaders(a);
    detectTools(a);
    detectAgents(a);
    detectEnvSecrets(a);
    const aiImports = [...new Set([...fm.imports.values()].map(importRoot))].filter((m) => lookupPackage('pypi', MODULE_PACKAGES[m] ?? m.replace(/\./g, '-'))).sort();
    if (aiImports.length) ctx.appFact({ aiImports });
  });
}

/** The importable name a package is known by: `google.genai`, `google.cloud.aiplatform`, else the top module. */
function importRoot(mod: string): string {
  const parts = mod.split('.');
  if (parts[0] === 'google') return parts.slice(0, parts[1] === 'cloud' ? 3 : 2).join('.');
  return parts[0];
}

function reportSyntaxErrors(root: import('../code-common/tree-sitter.js').Node, out: Emitter): void {
  const errors: import('../code-common/tree-sitter.js').Node[] = [];
  const stack = [root];
  while (stack.length && errors.length <= MAX_SYNTAX_WARNINGS) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) {
      errors.push(n);
      continue;
    }
    if (n.hasError) for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
  errors.sort((x, y) => x.startIndex - y.startIndex);
  for (const e of errors.slice(0, MAX_SYNTAX_WARNINGS)) {
    out.warn(e.isMissing ? `Python syntax error: missing ${e.type}; analysed what could be parsed` : 'Python syntax error; analysed what could be parsed', e);
  }
}
