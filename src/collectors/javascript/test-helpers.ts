// Shared helpers for the collector tests: run a collector over a fixture and summarise its output as
// sorted, de-duplicated lines that tests compare exactly.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryInput } from '../file-input.js';
import { emptyOutput, makeContext } from '../run.js';
import { isPathRef, type AssetDraft, type Collector, type CollectorOutput, type Ref } from '../types.js';

export async function collectText(collector: Collector, rel: string, text: string): Promise<CollectorOutput> {
  const out = emptyOutput();
  const input = memoryInput(rel, text);
  await collector.collect(input, makeContext(input, collector, out));
  return out;
}

/** Runs a collector over `testdata/<name>` next to the calling test (the fixture's path is its name). */
export async function collectFixture(collector: Collector, testUrl: string, name: string): Promise<CollectorOutput> {
  const dir = path.join(path.dirname(fileURLToPath(testUrl)), 'testdata');
  return collectText(collector, name, readFileSync(path.join(dir, name), 'utf8'));
}

const refText = (r: Ref) => (isPathRef(r) ? `path:${r.path}` : `${r.kind}:${r.key}`);

/** `kind key` per distinct asset, sorted. */
export function assetLines(out: CollectorOutput, kinds?: string[]): string[] {
  return [...new Set(out.assets.filter((a) => !kinds || kinds.includes(a.kind)).map((a) => `${a.kind} ${a.key}`))].sort();
}

/** `from -kind-> to` per distinct edge, sorted. */
export function edgeLines(out: CollectorOutput): string[] {
  return [...new Set(out.edges.map((e) => `${refText(e.from)} -${e.kind}-> ${refText(e.to)}`))].sort();
}

/** The merged attributes of an asset (drafts of the same key are merged the way the builder does, first value wins). */
export function attrsOf(out: CollectorOutput, kind: string, key: string): Record<string, unknown> {
  const drafts = out.assets.filter((a: AssetDraft) => a.kind === kind && a.key === key);
  if (!drafts.length) throw new Error(`no ${kind} ${key}; have: ${assetLines(out).join(', ')}`);
  return Object.assign({}, ...drafts.map((d) => d.attrs ?? {}).reverse());
}

export function linesOf(out: CollectorOutput, kind: string, key: string): number[] {
  return [...new Set(out.assets.filter((a) => a.kind === kind && a.key === key).flatMap((a) => (a.evidence ?? []).map((e) => e.line ?? 0)))].sort((a, b) => a - b);
}
