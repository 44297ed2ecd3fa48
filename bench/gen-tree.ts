// Generates the benchmark tree: `node --import tsx bench/gen-tree.ts [--out DIR] [--files N] [--mb M] [--seed S] [--quick]`.
// Deterministic (same bytes for the same options); skipped when the tree on disk already matches.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, generateTree, QUICK, truthPath } from './lib/generate.js';
import { DEFAULT_TREE, QUICK_TREE } from './lib/paths.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    files: { type: 'string' },
    mb: { type: 'string' },
    seed: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const base = values.quick ? QUICK : DEFAULTS;
const out = values.out ?? (values.quick ? QUICK_TREE : DEFAULT_TREE);
const opts = {
  out,
  files: Number(values.files ?? base.files),
  mb: Number(values.mb ?? base.mb),
  seed: Number(values.seed ?? base.seed),
};
for (const [k, v] of Object.entries(opts)) if (k !== 'out' && !(Number.isInteger(v) && (v as number) >= 0)) throw new Error(`--${k} must be a whole number`);
await generateTree(opts, (m) => console.log(m));
console.log(`tree: ${path.relative(process.cwd(), out)}  truth: ${path.relative(process.cwd(), truthPath(out))}`);
