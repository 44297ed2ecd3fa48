// The JavaScript / TypeScript collector: AI SDK clients and the models they call, agents and their tools
// with capabilities, prompts, vector stores, credentials by env var, and data URIs, read from real
// syntax trees (tree-sitter). Only files that mention an AI package are parsed.

import type { Collector } from '../types.js';
import { analyseJavaScript } from './analyse.js';
import { dialectOf, parseSource } from './parser.js';
import { longestLineOver, mayContainAi } from './prefilter.js';

/** Share of the file that may be syntax errors before the analysis stops trusting the tree. */
const MAX_ERROR_SHARE = 0.5;

export const javascriptCollector: Collector = {
  id: 'javascript',
  version: '1',
  wants(rel, base) {
    if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return false;
    if (/(?:^|\/)node_modules\//.test(rel) || /\.min\.[cm]?js$/.test(base)) return false;
    return dialectOf(base) !== undefined;
  },
  async collect(file, ctx) {
    const dialect = dialectOf(file.rel);
    if (!dialect) return;
    const text = await file.text();
    if (!mayContainAi(text)) return;
    const long = longestLineOver(text);
    if (long !== undefined) {
      ctx.warn('line is over 5000 characters: looks like a minified bundle, not analysed', long);
      return;
    }
    const tree = await parseSource(text, dialect);
    try {
      const root = tree.rootNode;
      if (root.hasError) {
        const first = firstError(root);
        ctx.warn(`syntax error: the file does not parse as ${dialect}; analysed what could be read`, first);
        if (errorShare(root) > MAX_ERROR_SHARE) return;
      }
      analyseJavaScript(root, text, file.rel, ctx);
    } finally {
      tree.delete();
    }
  },
};

export default javascriptCollector;

type TsNode = Awaited<ReturnType<typeof parseSource>>['rootNode'];

function firstError(root: TsNode): number | undefined {
  const stack: TsNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return n.startPosition.row + 1;
    if (!n.hasError) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i]) stack.push(kids[i]!);
  }
  return undefined;
}

function errorShare(root: TsNode): number {
  let bad = 0;
  const stack: TsNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR') {
      bad += n.endIndex - n.startIndex;
      continue;
    }
    if (n.hasError) for (const k of n.children) if (k) stack.push(k);
  }
  return root.endIndex ? bad / root.endIndex : 0;
}
