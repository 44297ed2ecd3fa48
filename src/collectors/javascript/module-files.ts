// Which source files an import specifier may name, so an agent can be linked to tools defined in the
// sibling module it imports them from (the graph builder keeps only links to tools that exist).

import path from 'node:path/posix';

const TS_FILES = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
const JS_FILES = ['.js', '.jsx', '.mjs', '.cjs', '/index.js'];
/** Folders that sit directly under a project root in JS apps (Next.js, Vite, Node services). */
const ROOT_FOLDERS = new Set(['app', 'src', 'pages', 'components', 'lib', 'server', 'api']);

/**
 * Files a relative or `@/` import may name; the builder keeps only edges to tools that exist. TypeScript
 * sources import `./x.js` meaning `./x.ts`; `@/x` is the project root (or its `src/`) by convention.
 */
export function siblingModuleFiles(rel: string, module: string): string[] {
  const typescript = /\.[cm]?tsx?$/.test(rel);
  let bases: string[];
  if (module.startsWith('.')) bases = [path.join(path.dirname(rel), module)];
  else if (/^[@~]\//.test(module)) {
    const parts = rel.split('/');
    const rootIndex = parts.findIndex((p, i) => i < parts.length - 1 && ROOT_FOLDERS.has(p));
    const root = rootIndex > 0 ? parts.slice(0, rootIndex).join('/') : '.';
    const rest = module.slice(2);
    bases = [path.join(root, rest), ...(rest.startsWith('src/') ? [] : [path.join(root, 'src', rest)])];
  } else return [];
  return bases.flatMap((b) => {
    const explicit = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/.exec(b)?.[0];
    if (explicit && !typescript) return [b];
    const stem = explicit ? b.slice(0, -explicit.length) : b;
    return (typescript ? TS_FILES : JS_FILES).map((e) => stem + e);
  });
}
