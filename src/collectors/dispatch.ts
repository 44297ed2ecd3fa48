// Decides which collectors see which file and runs them over a batch of files. The same code runs in the
// main thread (small scans) and inside worker threads (large scans).

import path from 'node:path';
import { fileInput, type ReadLimits } from './file-input.js';
import { emptyOutput, runCollectorsOnFile, type CollectorTiming } from './run.js';
import type { Collector, CollectorOutput } from './types.js';

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
    'ipynb csv tsv jsonl ndjson sql lock tf tfvars hcl gradle sbt prompt prompty j2 jinja jinja2 tmpl tpl mustache hbs log gitignore dockerignore editorconfig'
  ).split(' '),
);

export function isKnownTextExtension(rel: string): boolean {
  const ext = path.extname(rel).slice(1).toLowerCase();
  return TEXT_EXTENSIONS.has(ext);
}

export async function runBatch(files: BatchFile[], collectors: Collector[], limits: ReadLimits): Promise<BatchResult> {
  const output = emptyOutput();
  const timing: Record<string, CollectorTiming> = {};
  const sniffers = collectors.filter((c) => c.sniff);
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
    if (wanted.length) await runCollectorsOnFile(input, wanted, output, timing);
  }
  return { output, timing };
}
