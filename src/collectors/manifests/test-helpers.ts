// Test helpers shared by the collectors of this group: run one collector over files on disk (so sibling
// lookups work) or in memory, and pick assets out of the output.

import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileInput, memoryInput } from '../file-input.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import type { AssetDraft, Collector, CollectorOutput, EdgeDraft } from '../types.js';

/** Runs a collector over files under `root` (paths relative to it), as the scanner would. */
export async function collectFiles(collector: Collector, root: string, rels: string[]): Promise<CollectorOutput> {
  const out = emptyOutput();
  for (const rel of rels) {
    const abs = path.join(root, rel);
    const base = path.basename(rel).toLowerCase();
    if (!collector.wants(rel, base)) throw new Error(`${collector.id} does not want ${rel}`);
    await runCollectorsOnFile(fileInput(abs, rel, statSync(abs).size), [collector], out);
  }
  return out;
}

/** Runs a collector over one in-memory file. */
export async function collectText(collector: Collector, rel: string, text: string): Promise<CollectorOutput> {
  const out = emptyOutput();
  await runCollectorsOnFile(memoryInput(rel, text), [collector], out);
  return out;
}

export function testdataDir(metaUrl: string): string {
  return path.join(path.dirname(fileURLToPath(metaUrl)), 'testdata');
}

export function assetsOf(out: CollectorOutput, kind: string): AssetDraft[] {
  return out.assets.filter((a) => a.kind === kind);
}

export function findAsset(out: CollectorOutput, kind: string, key: string): AssetDraft {
  const hit = out.assets.find((a) => a.kind === kind && a.key === key);
  if (!hit) throw new Error(`no ${kind} ${key}; have: ${out.assets.filter((a) => a.kind === kind).map((a) => a.key).join(', ')}`);
  return hit;
}

/** Edges as `from-key -kind-> to-key` strings (path refs shown as `path:<path>`), sorted. */
export function edgeStrings(out: CollectorOutput): string[] {
  const show = (r: EdgeDraft['from']) => ('key' in r ? `${r.kind}:${r.key}` : `path:${r.path}`);
  return out.edges.map((e) => `${show(e.from)} -${e.kind}-> ${show(e.to)}`).sort();
}

/** Unique keys of the assets of one kind, sorted. */
export function keysOf(out: CollectorOutput, kind: string): string[] {
  return [...new Set(assetsOf(out, kind).map((a) => a.key))].sort();
}
