// Vector stores: database clients and their collections, framework vector-store wrappers, and the
// embedding model each store is built with (`vector-store -embeds-with-> model`).

import type { Attrs } from '../../model/index.js';
import type { KeyRef } from '../types.js';
import type { Node } from '../code-common/tree-sitter.js';
import type { Analysis } from './analysis.js';
import { findRule } from './file-model.js';
import { argument, type CallArgs } from './syntax.js';
import { COLLECTION_METHODS, VECTOR_STORE_FACTORIES, VECTOR_STORES, type VectorStoreRule } from './tables.js';

export function detectVectorStores(a: Analysis): void {
  const clients: Array<{ node: Node; product: string; host?: string; persistPath?: string; used: boolean }> = [];
  for (const call of a.fm.calls) {
    const callee = call.childForFieldName('function');
    const args = a.fm.args(call);
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const factory = method && VECTOR_STORE_FACTORIES.has(method);
    const q = factory ? a.fm.qualify(callee!.childForFieldName('object')) : a.fm.qualify(callee);
    const rule = findRule(q, VECTOR_STORES);
    if (rule?.client && !factory) {
      const host = text(a, argument(args, rule.hostArgs ?? []));
      const persistPath = text(a, argument(args, rule.pathArgs ?? []));
      const c = { node: call, product: rule.product, host, persistPath, used: false };
      clients.push(c);
      a.record(call, { vectorClient: { product: rule.product, host, persistPath, node: call } });
      continue;
    }
    if (rule) {
      // a wrapper built over a client (`Chroma(client=c, ...)`) names the client's collection
      const client = a.refsOf(args.keywords.get('client')).vectorClient;
      const used = client && clients.find((c) => c.node.id === client.node.id);
      if (used) used.used = true;
      a.record(call, { vectorStores: [store(a, call, args, rule, client)] });
      continue;
    }
    if (!method || !(method in COLLECTION_METHODS)) continue;
    const held = a.refsOf(callee!.childForFieldName('object'));
    const client = held.vectorClient;
    if (!client) continue;
    const name = text(a, argument(args, COLLECTION_METHODS[method]));
    if (!name) continue;
    const used = clients.find((c) => c.node.id === client.node.id);
    if (used) used.used = true;
    const vs = emitStore(a, call, client.product, name, { host: client.host, persistPath: client.persistPath });
    embedsWith(a, vs, args.keywords.get('embedding_function'), call);
    a.record(call, { vectorStores: [vs] });
  }
  // a client whose collections we never saw is still a store the code talks to
  for (const c of clients) if (!c.used) emitStore(a, c.node, c.product, undefined, { host: c.host, persistPath: c.persistPath });
}

function store(a: Analysis, call: Node, args: CallArgs, rule: VectorStoreRule, client?: { host?: string; persistPath?: string }): KeyRef {
  const collectionNode = argument(args, rule.collectionArgs ?? []);
  const collection = text(a, collectionNode);
  // LlamaIndex wraps a collection object built earlier: reuse its key
  const inner = !collection && collectionNode ? a.refsOf(collectionNode).vectorStores[0] : undefined;
  const host = text(a, argument(args, rule.hostArgs ?? [])) ?? client?.host;
  const persistPath = text(a, argument(args, rule.pathArgs ?? [])) ?? client?.persistPath;
  const vs = inner ?? emitStore(a, call, rule.product, collection, { host, persistPath });
  embedsWith(a, vs, argument(args, rule.embeddingArgs ?? []), call);
  return vs;
}

function emitStore(a: Analysis, node: Node, product: string, collection: string | undefined, extra: { host?: string; persistPath?: string }): KeyRef {
  const key = `${product}:${collection ?? extra.host ?? extra.persistPath ?? 'default'}`.toLowerCase();
  const attrs: Attrs = { product, collection, host: extra.host, persistPath: extra.persistPath };
  return a.out.asset('vector-store', key, node, { name: collection ? `${product} ${collection}` : product, attrs });
}

function embedsWith(a: Analysis, vs: KeyRef, embedding: Node | undefined, node: Node): void {
  if (!embedding) return;
  for (const m of a.refsOf(embedding).models) a.out.edge(vs, 'embeds-with', m, node);
}

function text(a: Analysis, n: Node | undefined): string | undefined {
  const v = a.fm.stringValue(n);
  return v && !v.interpolated && v.value ? v.value : undefined;
}
