// HCL through HashiCorp's own parser (compiled to WASM by @cdktf/hcl2json). The parser gives structure,
// not positions, so block headers are located by a line scan of the source for evidence.

import type { Value } from './values.js';

type Hcl2Json = typeof import('@cdktf/hcl2json');
let hcl2json: Promise<Hcl2Json> | undefined;

/**
 * The parser module, imported on first use. Importing it boots a Go WASM runtime (about a second of CPU),
 * which every scan worker would otherwise pay at start-up even when the tree has no `.tf` file.
 * Every use of `@cdktf/hcl2json` must go through here: a static import anywhere brings the cost back.
 */
export function loadHcl2Json(): Promise<Hcl2Json> {
  return (hcl2json ??= import('@cdktf/hcl2json'));
}

export type HclDocument = Record<string, Value>;

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

// `parse config: [main.tf:2,7-3,1: Invalid expression; Expected the start of an expression...]`
const DIAGNOSTIC = /:(\d+),\d+-(?:\d+,)?\d+: ([^\]]*)/;

/** How many files have been parsed in this process (tests assert that a scan parses each file once). */
export const hclStats = { files: 0 };

export async function parseHcl(fileName: string, text: string): Promise<HclDocument> {
  hclStats.files++;
  const { parse } = await loadHcl2Json(); // outside the try: a missing parser is not a syntax error
  try {
    return (await parse(fileName, text)) as HclDocument;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    const m = DIAGNOSTIC.exec(msg);
    throw new HclSyntaxError(m ? m[2]!.trim() : msg, m ? Number(m[1]) : undefined);
  }
}

// Every file of a folder evaluates the folder's shared expressions again; their parse is kept.
const LITERAL_CACHE_LIMIT = 4096;
const literalCache = new Map<string, Promise<Value | undefined>>();

/** Parses a standalone expression's literal structure (`[...]`, `{...}`) the same way as a file's. */
export function parseExpressionLiteral(expr: string): Promise<Value | undefined> {
  const hit = literalCache.get(expr);
  if (hit) return hit;
  const p = loadHcl2Json()
    .then(({ parse }) => parse('expression.tf', `__value = ${expr}\n`))
    .then(
      (doc) => doc.__value as Value | undefined,
      () => undefined,
    );
  if (literalCache.size >= LITERAL_CACHE_LIMIT) literalCache.delete(literalCache.keys().next().value!);
  literalCache.set(expr, p);
  return p;
}

export interface BlockHeader {
  /** `resource`, `data`, `module`, `variable`, `output`, `locals`. */
  keyword: string;
  labels: string[];
  line: number;
}

// `resource "aws_s3_bucket" "data" {` (labels may be bare identifiers in older code)
const HEADER = /^\s*(resource|data|module|variable|output)\s+"?([\w.-]+)"?(?:\s+"?([\w.-]+)"?)?\s*\{/;

export function blockHeaders(text: string): BlockHeader[] {
  const out: BlockHeader[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]!);
    if (m) out.push({ keyword: m[1]!, labels: m[3] ? [m[2]!, m[3]] : [m[2]!], line: i + 1 });
  }
  return out;
}

/** The line of the block `keyword "a" "b"`, when the scan found it. */
export function headerLine(headers: BlockHeader[], keyword: string, ...labels: string[]): number | undefined {
  return headers.find((h) => h.keyword === keyword && labels.every((l, i) => h.labels[i] === l))?.line;
}
