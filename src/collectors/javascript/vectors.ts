// Vector stores: clients of vector databases, the collections / indexes / tables they open, and the
// framework wrappers (LangChain, LlamaIndex) that name them.

import { maskSecrets } from '../../util/mask.js';
import { lookupPackage } from '../catalogue.js';
import type { FileAnalysis } from './context.js';
import { packageName, type Origin } from './resolve.js';
import { resolveConstant } from './scope.js';
import { COLLECTION_METHODS, COLLECTION_OPTIONS, HOST_OPTIONS, VECTOR_STORE_CLASSES, VECTOR_STORE_MODULES } from './tables.js';
import { callArgs, lineOf, objectProps, stringLiteral, unwrap, type Node } from './syntax.js';

/** Methods that open a collection by name (only these yield `<product>:default` when the name is not literal). */
const OPENING_METHODS = new Set(['index', 'Index', 'getCollection', 'getOrCreateCollection', 'collection', 'openTable']);

export function vectorProductOfModule(module: string): string | undefined {
  const entry = lookupPackage('npm', packageName(module) ?? module);
  return entry?.category === 'vector-store' ? entry.product : undefined;
}

function literal(a: FileAnalysis, n: Node | null | undefined): string | undefined {
  const v = unwrap(n);
  return stringLiteral(v) ?? stringLiteral(resolveConstant(a.r.scope, v));
}

/** `new Pinecone()`, `new ChromaClient({ path })`, `lancedb.connect('data/db')`. */
export function vectorClient(a: FileAnalysis, n: Node, product: string): Origin {
  const args = callArgs(n);
  let host: string | undefined;
  let persistPath: string | undefined;
  const first = unwrap(args[0]);
  if (first?.type === 'string') {
    const s = stringLiteral(first)!;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) host = maskSecrets(s);
    else persistPath = s;
  }
  for (const [k, v] of objectProps(first)) if (HOST_OPTIONS.has(k) && !host) host = literal(a, v) && maskSecrets(literal(a, v)!);
  return { kind: 'vector-client', product, line: lineOf(n), ...(host ? { host } : {}), ...(persistPath ? { persistPath } : {}) };
}

/** `pc.index('docs')`, `client.getOrCreateCollection({ name: 'docs' })`, `client.collections.get('Docs')`. */
export function collectionCall(a: FileAnalysis, n: Node, client: Extract<Origin, { kind: 'vector-client' }>, members: string[]): Origin | undefined {
  const method = members.at(-1);
  if (!method || !COLLECTION_METHODS.has(method)) return undefined;
  if (method === 'get' && !members.includes('collections')) return undefined;
  const args = callArgs(n);
  let name = literal(a, args[0]);
  if (name === undefined) for (const [k, v] of objectProps(args[0])) if (COLLECTION_OPTIONS.has(k)) name ??= literal(a, v);
  if (name === undefined && !OPENING_METHODS.has(method)) return undefined;
  const line = lineOf(n);
  const ref = a.em.vectorStore(client.product, name, line, a.snippet(line), storeAttrs(client));
  return { kind: 'vector', ref };
}

function storeAttrs(c: { host?: string; persistPath?: string }) {
  return { ...(c.host ? { host: c.host } : {}), ...(c.persistPath ? { persistPath: c.persistPath } : {}) };
}

/** The product of a framework vector-store class, from its name or the integration module it comes from. */
export function frameworkVectorProduct(module: string, className: string): string | undefined {
  const byClass = VECTOR_STORE_CLASSES[className];
  if (byClass) return byClass;
  if (!/(?:Store|VectorSearch)$/.test(className)) return undefined;
  for (const [re, product] of VECTOR_STORE_MODULES) if (re.test(module)) return product || className;
  return undefined;
}

/** `new PineconeStore(embeddings, { pineconeIndex })`, `Chroma.fromDocuments(docs, emb, { collectionName })`. */
export function frameworkVectorStore(a: FileAnalysis, n: Node, product: string): Origin {
  let name: string | undefined;
  let host: string | undefined;
  let inner: Extract<Origin, { kind: 'vector' }> | undefined;
  const line = lineOf(n);
  for (const arg of callArgs(n)) {
    for (const [k, v] of objectProps(arg)) {
      const value = unwrap(v);
      const o = value?.type === 'identifier' || value?.type === 'shorthand_property_identifier' ? a.r.vars.get(value.text) : undefined;
      if (o?.kind === 'vector') inner ??= o;
      else if (COLLECTION_OPTIONS.has(k)) name ??= literal(a, v);
      else if (HOST_OPTIONS.has(k)) host ??= literal(a, v) && maskSecrets(literal(a, v)!);
    }
  }
  if (inner && !name) return inner;
  const ref = a.em.vectorStore(product, name, line, a.snippet(line), host ? { host } : {});
  return { kind: 'vector', ref };
}
