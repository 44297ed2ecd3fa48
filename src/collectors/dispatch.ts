// Decides which collectors see which file and runs them over a batch of files. The same code runs in the
// main thread (small scans) and inside worker threads (large scans).

import path from 'node:path';
import type { ContentAnalyser } from '../content/index.js';
import { fileInput, type ReadLimits } from './file-input.js';
import { emptyOutput, runCollectorsOnFile, type CollectorTiming } from './run.js';
import type { AssetDraft, Collector, CollectorOutput } from './types.js';

export interface BatchFile {
  abs: string;
  rel: string;
  size: number;
}

export interface BatchResult {
  output: CollectorOutput;
  timing: Record<string, CollectorTiming>;
}

// Files with these endings are text formats a collector recognises by name; sniffing their bytes for
// model-file magic would only cost time.
const TEXT_EXTENSIONS = new Set(
  (
    'py pyi js mjs cjs jsx ts tsx mts cts go java kt kts scala cs fs vb rb rs c h cc cpp hpp swift php lua r jl ' +
    'md mdx rst txt adoc json jsonc yaml yml toml ini cfg conf properties env html htm css scss less xml svg sh bash zsh ps1 bat ' +
    'ipynb csv tsv jsonl ndjson sql lock tf tfvars hcl gradle sbt prompt prompty j2 jinja jinja2 tmpl tpl mustache hbs log template gitignore dockerignore editorconfig'
  ).split(' '),
);

export function isKnownTextExtension(rel: string): boolean {
  const ext = path.extname(rel).slice(1).toLowerCase();
  return TEXT_EXTENSIONS.has(ext);
}

export async function runBatch(files: BatchFile[], collectors: Collector[], limits: ReadLimits, content = true): Promise<BatchResult> {
  const output = emptyOutput();
  const timing: Record<string, CollectorTiming> = {};
  const sniffers = collectors.filter((c) => c.sniff);
  const contentAnalysers = content ? await loadContentAnalysers() : [];
  for (const f of files) {
    const base = path.basename(f.rel).toLowerCase();
    const wanted = collectors.filter((c) => c.wants(f.rel, base));
    const input = fileInput(f.abs, f.rel, f.size, limits);
    if (sniffers.length && f.size > 0 && !isKnownTextExtension(f.rel)) {
      const candidates = sniffers.filter((c) => !wanted.includes(c));
      if (candidates.length) {
        try {
          const head = await input.head();
          for (const c of candidates) if (c.sniff!(head, f.rel)) wanted.push(c);
        } catch (e) {
          output.warnings.push({ file: f.rel, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? e}` });
          continue;
        }
      }
    }
    const before = output.assets.length;
    const warningsBefore = output.warnings.length;
    if (wanted.length) await runCollectorsOnFile(input, wanted, output, timing);
    // the content stage reads what the collectors recognised (skipped where a collector could not read the file)
    if (!content) continue;
    if (output.warnings.length > warningsBefore && output.warnings.slice(warningsBefore).some((w) => !w.line)) continue;
    const found = output.assets.slice(before);
    const textual = isKnownTextExtension(f.rel) || /^\.env(?:\.|$)|\.env$/.test(base);
    const analysers = contentAnalysers.filter((a) => a.applies(input, found, textual)).map((a) => asCollector(a, found));
    if (analysers.length) await runCollectorsOnFile(input, analysers, output, timing);
  }
  return { output, timing };
}

// The detectors behind the content stage (the personal-data extractor, the injection model) take a tenth of a
// second to load in each worker: an inventory-only scan (`--no-content`) never loads them.
let analysersLoaded: Promise<readonly ContentAnalyser[]> | undefined;
const loadContentAnalysers = () => (analysersLoaded ??= import('../content/index.js').then((m) => m.CONTENT_ANALYSERS));

/** Content analysers run through the same isolation and timing as collectors. */
function asCollector(a: ContentAnalyser, found: AssetDraft[]): Collector {
  return { id: `content:${a.id}`, version: '1', wants: () => true, collect: (file, ctx) => a.run(file, found, ctx) };
}
