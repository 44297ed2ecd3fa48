// Resolves what an expression refers to: an imported symbol (module + export + members), or a local
// variable whose origin the analysis already knows (a client, a model, a vector store, a tool ...).

import type { KeyRef, PathRef } from '../types.js';
import { packageOf, type Scope } from './scope.js';
import { memberChain, stringLiteral, unwrap, type Node } from './syntax.js';

export type Origin =
  /** An SDK client or a Vercel AI provider instance: calls on it reach `provider`. */
  | { kind: 'client'; provider: string; module: string }
  | { kind: 'model'; refs: KeyRef[] }
  | { kind: 'vector-client'; product: string; host?: string; persistPath?: string; line: number }
  | { kind: 'vector'; ref: KeyRef }
  | { kind: 'tool'; key: string }
  | { kind: 'agent'; key: string }
  | { kind: 'mcp-server'; name: string }
  | { kind: 'prompt'; ref: KeyRef | PathRef }
  /** Anything else built from a module (a nodemailer transport, a pg pool): calls on it are calls into the module. */
  | { kind: 'module'; module: string; fn?: string };

export interface Resolved {
  /** The module the root identifier was imported from (directly or through a variable's origin). */
  module?: string;
  /** The exported name (the local name for default / CommonJS imports). */
  exportName: string;
  /** Member names after the export: `openai.embedding` → ['embedding']. */
  members: string[];
  /** The origin of the root variable when it is a local variable, not an import. */
  origin?: Origin;
}

export class Resolver {
  readonly vars = new Map<string, Origin>();

  constructor(readonly scope: Scope) {}

  /** What a callee / constructor expression refers to. */
  resolve(n: Node | null | undefined): Resolved | undefined {
    const chain = memberChain(n);
    if (!chain) {
      // require('m').X(...) and similar inline requires
      const v = unwrap(n);
      if (v?.type === 'member_expression') {
        const obj = unwrap(v.childForFieldName('object'));
        if (obj?.type === 'call_expression' && obj.childForFieldName('function')?.text === 'require') {
          const m = stringLiteral(obj.childForFieldName('arguments')?.namedChildren[0]);
          const prop = v.childForFieldName('property')?.text;
          if (m && prop) return { module: m.replace(/^node:/, ''), exportName: prop, members: [] };
        }
      }
      return undefined;
    }
    const [root, ...rest] = chain as [string, ...string[]];
    // members of `this` assigned in a class (`this.client = new OpenAI()`) are tracked as `this.client`
    const field = root === 'this' && rest.length ? this.vars.get(`this.${rest[0]!.replace(/^#/, '')}`) : undefined;
    if (field) return { module: moduleOfOrigin(field), exportName: `this.${rest[0]}`, members: rest.slice(1), origin: field };
    const origin = this.vars.get(root);
    if (origin) return { module: moduleOfOrigin(origin), exportName: root, members: rest, origin };
    const b = this.scope.bindings.get(root);
    if (!b) return undefined;
    if (b.name === '*' && rest.length) return { module: b.module, exportName: rest[0]!, members: rest.slice(1) };
    return { module: b.module, exportName: b.name === '*' || b.name === 'default' ? root : b.name, members: rest };
  }

  /** `process.env.X`, `process.env['X']`, `import.meta.env.X` → X. */
  envName(n: Node | null | undefined): string | undefined {
    const v = unwrap(n);
    if (!v || (v.type !== 'member_expression' && v.type !== 'subscript_expression')) return undefined;
    const objNode = v.childForFieldName('object');
    // cheap length check first: reading `.text` of every object in a long call chain would be quadratic
    if (!objNode || objNode.endIndex - objNode.startIndex > 16) return undefined;
    const obj = objNode.text.replace(/\?$/, '');
    if (obj !== 'process.env' && obj !== 'import.meta.env') return undefined;
    if (v.type === 'member_expression') return v.childForFieldName('property')?.text;
    return stringLiteral(v.childForFieldName('index'));
  }
}

function moduleOfOrigin(o: Origin): string | undefined {
  return o.kind === 'client' || o.kind === 'module' ? o.module : undefined;
}

/** The package part of a module specifier, for catalogue look-ups. */
export const packageName = (module: string | undefined) => (module ? packageOf(module) : undefined);
