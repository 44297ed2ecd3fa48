// Runs collectors over files and gathers their plain-data output. Used in-process and inside workers.

import type { Evidence } from '../model/index.js';
import { maskSecrets } from '../util/mask.js';
import { BinaryContentError, TooLargeError, type CollectContext, type Collector, type CollectorOutput, type FileInput, type KeyRef } from './types.js';

const SNIPPET_MAX = 160;

export function emptyOutput(): CollectorOutput {
  return { assets: [], edges: [], appFacts: [], warnings: [] };
}

export function makeContext(file: FileInput, collector: Collector, out: CollectorOutput): CollectContext {
  const at = (line?: number, snippet?: string, endLine?: number): Evidence => {
    const ev: Evidence = { file: file.rel, collector: collector.id };
    if (line !== undefined) ev.line = line;
    if (endLine !== undefined && endLine !== line) ev.endLine = endLine;
    if (snippet) ev.snippet = maskSecrets(snippet.trim().slice(0, SNIPPET_MAX));
    return ev;
  };
  return {
    at,
    asset(draft) {
      const evidence = (draft.evidence?.length ? draft.evidence : [at()]).map((e) => ({
        ...e,
        file: e.file ?? (e.uri ? undefined : file.rel),
        collector: e.collector ?? collector.id,
      }));
      out.assets.push({ ...draft, evidence });
      return { kind: draft.kind, key: draft.key } satisfies KeyRef;
    },
    edge(from, kind, to, evidence, attrs) {
      const ev: Evidence[] = evidence ? [{ ...at(evidence.line, evidence.snippet), ...evidence, collector: collector.id, file: evidence.file ?? file.rel }] : [];
      out.edges.push({ from, kind, to, evidence: ev, ...(attrs ? { attrs } : {}) });
    },
    appFact(attrs) {
      out.appFacts.push({ file: file.rel, attrs });
    },
    warn(message, line) {
      out.warnings.push({ file: file.rel, ...(line !== undefined ? { line } : {}), message, collector: collector.id });
    },
  };
}

export interface CollectorTiming {
  files: number;
  assets: number;
  ms: number;
}

/** Runs the given collectors over one file, isolating each collector's failure as a warning. */
export async function runCollectorsOnFile(
  file: FileInput,
  collectors: Collector[],
  out: CollectorOutput,
  timing?: Record<string, CollectorTiming>,
): Promise<void> {
  for (const c of collectors) {
    const before = out.assets.length;
    const t0 = performance.now();
    try {
      await c.collect(file, makeContext(file, c, out));
    } catch (e) {
      const msg =
        e instanceof TooLargeError
          ? `file is ${e.size} bytes, over the ${e.limit}-byte content limit; skipped by ${c.id} (raise --max-file-size to include it)`
          : e instanceof BinaryContentError
            ? `binary content in a file ${c.id} reads as text; skipped`
            : `${c.id} could not read this file: ${(e as Error).message ?? e}`;
      out.warnings.push({ file: file.rel, message: msg, collector: c.id });
    }
    if (timing) {
      const t = (timing[c.id] ??= { files: 0, assets: 0, ms: 0 });
      t.files++;
      t.assets += out.assets.length - before;
      t.ms += performance.now() - t0;
    }
  }
}
