// Loaders that can execute code hidden in what they load (pickle and its relatives, torch.load without
// weights_only, Keras without safe_mode, np.load with allow_pickle): an application fact per call and,
// for a literal path, `appRef(file) -loads-> model-file`.

import type { Node } from '../code-common/tree-sitter.js';
import { appRef } from '../types.js';
import type { Analysis } from './analysis.js';
import { openedPath, readSource, refPath, staticPath } from './paths.js';
import { argument, boolLiteral } from './syntax.js';
import { UNSAFE_LOADERS } from './tables.js';

const BY_NAME = new Map(UNSAFE_LOADERS.flatMap((r) => r.q.map((q) => [q, r] as const)));

export function detectLoaders(a: Analysis): void {
  const unsafeLoads: Array<{ file: string; line: number; loader: string; target: string | null }> = [];
  for (const call of a.fm.calls) {
    const callee = call.childForFieldName('function');
    const args = a.fm.args(call);
    let q = a.fm.qualify(callee);
    let rule = q ? BY_NAME.get(q) : undefined;
    let unsafe: boolean;
    let weightsOnly = false;
    if (rule) {
      if (rule.safeKwarg) {
        const v = boolLiteral(args.keywords.get(rule.safeKwarg));
        unsafe = v !== rule.safeWhen;
        if (rule.safeKwarg === 'weights_only') weightsOnly = v === true;
      } else if (rule.unsafeKwarg) unsafe = boolLiteral(args.keywords.get(rule.unsafeKwarg)) === rule.unsafeWhen;
      else unsafe = true;
    } else if (q?.endsWith('FAISS.load_local')) {
      // LangChain's FAISS store unpickles its docstore once this flag is set
      unsafe = boolLiteral(args.keywords.get('allow_dangerous_deserialization')) === true;
      if (!unsafe) continue;
      rule = { q: [q], targetArgs: ['folder_path', 0] };
    } else continue;
    q = q!;
    const target = targetOf(a, argument(args, rule.targetArgs));
    const loader = q.replace(/^tensorflow\./, 'tf.').replace(/^numpy\./, 'np.').replace(/^pandas\./, 'pd.');
    if (unsafe) unsafeLoads.push({ file: a.out.file, line: a.out.line(call), loader, target: target ?? null });
    if (target && (unsafe || weightsOnly) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      a.out.edge(appRef(a.out.file), 'loads', a.out.pathRef(target, ['model-file']), call, { loader, weightsOnly });
    }
  }
  if (unsafeLoads.length) a.out.ctx.appFact({ unsafeLoads });
}

function targetOf(a: Analysis, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const lit = a.fm.stringValue(node);
  if (lit) return lit.interpolated ? undefined : lit.value;
  return refPath(staticPath(a.fm, node) ?? openedPath(a.fm, node) ?? readSource(a.fm, node));
}
