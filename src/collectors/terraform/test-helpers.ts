// Test helpers: run a collector over a folder on disk (or over text in memory) and read the output by
// natural key, so tests assert exact assets, attributes and edges.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileInput, memoryInput } from '../file-input.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import type { AssetDraft, Collector, CollectorOutput, KeyRef } from '../types.js';

export async function collectTree(collector: Collector, root: string, only?: (rel: string) => boolean): Promise<CollectorOutput> {
  const out = emptyOutput();
  const rootAbs = path.resolve(root);
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => {
        const p = path.join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
  for (const abs of walk(rootAbs)) {
    const rel = path.relative(rootAbs, abs).split(path.sep).join('/');
    if (!collector.wants(rel, path.basename(rel).toLowerCase()) || (only && !only(rel))) continue;
    await runCollectorsOnFile(fileInput(abs, rel, statSync(abs).size), [collector], out);
  }
  return out;
}

export async function collectText(collector: Collector, rel: string, text: string): Promise<CollectorOutput> {
  const out = emptyOutput();
  await runCollectorsOnFile(memoryInput(rel, text), [collector], out);
  return out;
}

/** All drafts of one asset merged the way the graph builder merges them (later attrs fill gaps). */
export function asset(out: CollectorOutput, kind: string, key: string): AssetDraft | undefined {
  const drafts = out.assets.filter((a) => a.kind === kind && a.key === key);
  if (!drafts.length) return undefined;
  const attrs: Record<string, unknown> = {};
  for (const d of drafts) for (const [k, v] of Object.entries(d.attrs ?? {})) if (v !== undefined && attrs[k] === undefined) attrs[k] = v;
  return { ...drafts[0]!, attrs: attrs as AssetDraft['attrs'] };
}

/** Every attribute value one key carries across drafts (for attributes several resources contribute). */
export function attrValues(out: CollectorOutput, kind: string, key: string, attr: string): unknown[] {
  return out.assets.filter((a) => a.kind === kind && a.key === key && a.attrs?.[attr] !== undefined).map((a) => a.attrs![attr]);
}

export function keys(out: CollectorOutput, kind: string): string[] {
  return [...new Set(out.assets.filter((a) => a.kind === kind).map((a) => a.key))].sort();
}

const refText = (r: unknown) => `${(r as KeyRef).kind}:${(r as KeyRef).key}`;

/** Edges as `kind:key -edge-> kind:key` strings, sorted and unique. */
export function edges(out: CollectorOutput, kind?: string): string[] {
  return [...new Set(out.edges.filter((e) => !kind || e.kind === kind).map((e) => `${refText(e.from)} -${e.kind}-> ${refText(e.to)}`))].sort();
}

export function edgeAttrs(out: CollectorOutput, from: string, kind: string, to: string): Record<string, unknown> | undefined {
  return out.edges.find((e) => refText(e.from) === from && e.kind === kind && refText(e.to) === to)?.attrs;
}
