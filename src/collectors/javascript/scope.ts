// What names mean in one file: imported bindings (ES modules, require, dynamic import), `const`
// literals (so `model: MODEL` resolves) and local functions (so a tool's helper calls can be followed).

import { lineOf, nodesOfType, memberChain, objectProps, stringLiteral, unwrap, type Node } from './syntax.js';

export interface Binding {
  /** Module specifier as written, `node:` prefix removed. */
  module: string;
  /** Exported name; `*` for a namespace or a whole CommonJS module, `default` for a default import. */
  name: string;
}

export interface ModuleImport {
  module: string;
  line: number;
  snippet: string;
}

export interface Scope {
  bindings: Map<string, Binding>;
  imports: ModuleImport[];
  constants: Map<string, Node>;
  functions: Map<string, Node>;
}

const normaliseModule = (m: string) => (m.startsWith('node:') ? m.slice(5) : m);

/** The package a module specifier belongs to (`@scope/pkg/sub` → `@scope/pkg`); undefined for relative paths. */
export function packageOf(module: string): string | undefined {
  if (module.startsWith('.') || module.startsWith('/')) return undefined;
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function requiredModule(n: Node | undefined): string | undefined {
  const v = unwrap(n);
  if (!v || v.type !== 'call_expression') return undefined;
  const fn = v.childForFieldName('function');
  if (!fn || (fn.text !== 'require' && fn.type !== 'import')) return undefined;
  const arg = v.childForFieldName('arguments')?.namedChildren[0];
  return stringLiteral(arg);
}

const SCOPE_NODES = ['import_statement', 'variable_declarator', 'function_declaration', 'generator_function_declaration', 'call_expression'];

export function buildScope(root: Node): Scope {
  const scope: Scope = { bindings: new Map(), imports: [], constants: new Map(), functions: new Map() };
  const ambiguous = new Set<string>();
  const addImport = (module: string, n: Node) => scope.imports.push({ module: normaliseModule(module), line: lineOf(n), snippet: n.text.split('\n', 1)[0] ?? '' });

  for (const n of nodesOfType(root, SCOPE_NODES)) {
    switch (n.type) {
      case 'import_statement': {
        const source = stringLiteral(n.childForFieldName('source'));
        if (source === undefined) break;
        const module = normaliseModule(source);
        addImport(source, n);
        const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
        for (const c of clause?.namedChildren ?? []) {
          if (!c) continue;
          if (c.type === 'identifier') scope.bindings.set(c.text, { module, name: 'default' });
          else if (c.type === 'namespace_import') {
            const id = c.namedChildren.find((x) => x?.type === 'identifier');
            if (id) scope.bindings.set(id.text, { module, name: '*' });
          } else if (c.type === 'named_imports') {
            for (const s of c.namedChildren) {
              if (s?.type !== 'import_specifier') continue;
              const name = s.childForFieldName('name')?.text;
              const alias = s.childForFieldName('alias')?.text ?? name;
              if (name && alias) scope.bindings.set(alias, { module, name: name.replace(/^['"]|['"]$/g, '') });
            }
          }
        }
        break;
      }
      case 'variable_declarator': {
        const name = n.childForFieldName('name');
        const value = unwrap(n.childForFieldName('value'));
        if (!name || !value) break;
        // require('m'), require('m').X, await import('m')
        let module = requiredModule(value);
        let member: string | undefined;
        if (!module && value.type === 'member_expression') {
          module = requiredModule(value.childForFieldName('object') ?? undefined);
          member = value.childForFieldName('property')?.text;
        }
        if (module) {
          const m = normaliseModule(module);
          if (name.type === 'identifier') scope.bindings.set(name.text, { module: m, name: member ?? '*' });
          else if (name.type === 'object_pattern') {
            for (const p of name.namedChildren) {
              if (p?.type === 'shorthand_property_identifier_pattern') scope.bindings.set(p.text, { module: m, name: p.text });
              else if (p?.type === 'pair_pattern') {
                const key = p.childForFieldName('key')?.text;
                const local = p.childForFieldName('value');
                if (key && local?.type === 'identifier') scope.bindings.set(local.text, { module: m, name: key });
              }
            }
          }
          break;
        }
        if (name.type !== 'identifier') break;
        if (value.type === 'arrow_function' || value.type === 'function_expression') scope.functions.set(name.text, value);
        const isConst = n.parent?.type === 'lexical_declaration' && n.parent.child(0)?.type === 'const';
        if (isConst && ['string', 'template_string', 'object', 'binary_expression', 'number', 'array'].includes(value.type)) {
          if (scope.constants.has(name.text)) ambiguous.add(name.text);
          scope.constants.set(name.text, value);
        }
        break;
      }
      case 'function_declaration':
      case 'generator_function_declaration': {
        const name = n.childForFieldName('name')?.text;
        if (name) scope.functions.set(name, n);
        break;
      }
      case 'call_expression': {
        // require('m') and import('m'), bound to a name or not
        const m = requiredModule(n);
        if (m) addImport(m, n);
        break;
      }
    }
  }
  for (const a of ambiguous) scope.constants.delete(a);
  return scope;
}

/** Follows identifiers and `CONST.member` to the literal node a `const` holds (one level of objects). */
export function resolveConstant(scope: Scope, n: Node | null | undefined): Node | undefined {
  const v = unwrap(n);
  if (!v) return undefined;
  if (v.type === 'identifier' || v.type === 'shorthand_property_identifier') {
    return scope.constants.get(v.text);
  }
  if (v.type === 'member_expression') {
    const chain = memberChain(v);
    if (chain?.length === 2) {
      const obj = scope.constants.get(chain[0]!);
      if (obj?.type === 'object') return unwrap(objectProps(obj).get(chain[1]!));
    }
  }
  return undefined;
}
