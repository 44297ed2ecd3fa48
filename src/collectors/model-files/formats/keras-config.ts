// Summarises a Keras model config (config.json of a .keras archive, or the `model_config` attribute of a
// legacy .h5): model class, layer count, Lambda layers (arbitrary code) and custom objects.

import type { Attrs } from '../../../model/index.js';
import { compact } from './types.js';

const MAX_NODES = 200_000;
const MAX_LIST = 50;
// Layers that carry user code: Lambda holds a function (marshalled bytecode in Keras 2).
const CODE_LAYERS = new Set(['Lambda']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for objects Keras itself provides; custom objects name a module of their own or a `package>Name`. */
function isCustom(o: { [k: string]: Json }): boolean {
  const module = o.module;
  const registered = o.registered_name;
  if (typeof registered === 'string' && registered.includes('>')) return true;
  return typeof module === 'string' && !/^(?:keras|tensorflow|tf_keras|builtins)(?:\.|$)/.test(module);
}

export function summariseKerasConfig(config: Json): Attrs {
  if (!isObject(config)) return {};
  const inner = isObject(config.config) ? config.config : undefined;
  const layers = inner && Array.isArray(inner.layers) ? inner.layers.length : undefined;
  const lambdaLayers: string[] = [];
  const customObjects = new Set<string>();
  const layerClasses = new Set<string>();
  let visited = 0;
  const stack: Json[] = [config];
  while (stack.length && visited < MAX_NODES) {
    const node = stack.pop()!;
    visited++;
    if (Array.isArray(node)) {
      for (const v of node) stack.push(v);
      continue;
    }
    if (!isObject(node)) continue;
    const cls = node.class_name;
    if (typeof cls === 'string' && isObject(node.config)) {
      if (layerClasses.size < MAX_LIST) layerClasses.add(cls);
      const name = typeof node.config.name === 'string' ? node.config.name : cls;
      if (CODE_LAYERS.has(cls) && lambdaLayers.length < MAX_LIST) lambdaLayers.push(name);
      if (isCustom(node) && customObjects.size < MAX_LIST) customObjects.add(typeof node.registered_name === 'string' ? node.registered_name : `${String(node.module)}.${cls}`);
    }
    for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) stack.push(v);
  }
  return compact({
    modelClass: typeof config.class_name === 'string' ? config.class_name : undefined,
    modelName: inner && typeof inner.name === 'string' ? inner.name : undefined,
    layers,
    lambdaLayers: lambdaLayers.length ? lambdaLayers.sort() : undefined,
    customObjects: customObjects.size ? [...customObjects].sort() : undefined,
  });
}
