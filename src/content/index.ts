// The content stage: after the collectors have said what a file is, the detectors read what is in it.
// Their results become facts on the assets of that file (an unsafe model file, a dataset's PII columns and
// sensitivity, hidden instructions in a prompt) and credentials found in text become `secret` assets.
// Nothing here judges (no severities of our own, no findings): checks do that over these facts.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseCsv, type Options as CsvOptions } from 'csv-parse/sync';
import type { AssetKind, AttrValue, Sensitivity } from '../model/index.js';

type Fact = { [k: string]: AttrValue };
import type { AssetDraft, CollectContext, FileInput } from '../collectors/types.js';
import { analyseModelFile } from '../detectors/model-files/index.js';
import { classifyColumns } from '../detectors/pii/columns.js';
import { detectPiiInDocument } from '../detectors/pii/extract.js';
import { countByType, explainSensitivity } from '../detectors/pii/sensitivity.js';
import { injectionDetector } from '../detectors/injection/index.js';
import { detectSecretsWithKeywords, secretKeywordsInUtf8, secretsDetector } from '../detectors/secrets/index.js';
import type { Detection } from '../detectors/types.js';
import { DocumentFormatError, extractText } from './extract/index.js';

export interface ContentAnalyser {
  id: string;
  /** Runs on a file given the assets the collectors found in it. */
  applies(file: FileInput, found: AssetDraft[], textual: boolean): boolean;
  run(file: FileInput, found: AssetDraft[], ctx: CollectContext): Promise<void>;
}

const MAX_LISTED = 20;
const SAMPLE_BYTES = 256 * 1024;

const ofKind = (found: AssetDraft[], kind: AssetKind, key?: string) => found.filter((a) => a.kind === kind && (key === undefined || a.key === key));

/** Model files: the opcode-level safety verdict, as attributes of the model-file asset. */
const modelSafety: ContentAnalyser = {
  id: 'model-safety',
  applies: (file, found) => ofKind(found, 'model-file', file.rel).length > 0,
  async run(file, _found, ctx) {
    const v = await analyseModelFile(file);
    ctx.asset({
      kind: 'model-file',
      key: file.rel,
      attrs: {
        unsafe: v.malicious,
        unsafeSeverity: v.severity ?? null,
        unsafeFindings: v.detections.slice(0, MAX_LISTED).map((d) => ({
          type: d.type,
          severity: d.severity,
          ...(d.callables?.length ? { callables: d.callables } : {}),
          ...(d.entry ? { entry: d.entry } : {}),
        })),
      },
    });
  },
};

/** Credentials in any text file. On a line where a collector already named the credential (a .env entry,
 * an MCP env block) the detection confirms that asset; elsewhere the credential becomes an asset of its own,
 * keyed by a hash of its value so the same leaked key in two files is one asset. */
const secretsInText: ContentAnalyser = {
  id: 'secrets',
  applies: (file, _found, textual) => textual && isSecretBearing(file.rel),
  async run(file, found, ctx) {
    // data files are searched in their first megabyte: credentials in data sit in headers and early rows,
    // and reading hundreds of megabytes of rows would cost more than the rest of the scan
    const head = isDataFile(file.rel) && file.size > DATA_SECRET_BYTES ? await file.range(0, DATA_SECRET_BYTES) : undefined;
    let text: string;
    let detections: Detection[];
    if (head) {
      // the keyword pass runs on the bytes: a text with no keyword is never decoded here
      const keywords = secretKeywordsInUtf8(head);
      if (!keywords.size) return;
      text = head.toString('utf8');
      detections = detectSecretsWithKeywords(text, keywords);
    } else {
      const bytes = await file.bytes();
      // UTF-16 text and binary files take the decoding path, which reads the one and refuses the other
      const plainUtf8 = !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff) && !bytes.subarray(0, 8192).includes(0);
      const keywords = plainUtf8 ? secretKeywordsInUtf8(bytes) : undefined;
      if (keywords && !keywords.size) return;
      text = await file.text();
      detections = keywords ? detectSecretsWithKeywords(text, keywords) : secretsDetector.detect(text, { path: file.rel });
    }
    detections = detections.filter((d) => d.score >= 0.5);
    if (!detections.length) return;
    const lines = text.split('\n');
    const named = ofKind(found, 'secret');
    for (const d of detections) {
      const line = d.line ?? 1;
      const lineText = lines[line - 1] ?? '';
      const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
      const snippet = lineText.slice(0, Math.max(0, d.start - lineStart)) + (d.masked ?? '') + lineText.slice(Math.max(0, d.end - lineStart));
      const facts: Fact = { detector: d.type, provider: (d.provider as string) ?? null, severity: (d.severity as string) ?? null, valueMasked: d.masked ?? null };
      const onLine = named.find((s) => s.evidence?.some((e) => e.file === file.rel && e.line !== undefined && e.line <= line && (e.endLine ?? e.line) >= line));
      if (onLine) {
        ctx.asset({ kind: 'secret', key: onLine.key, attrs: { detected: [facts], hasValue: true, foundIn: [file.rel] } });
        continue;
      }
      const hash = createHash('sha256').update(text.slice(d.start, d.end)).digest('hex').slice(0, 16);
      ctx.asset({
        kind: 'secret',
        key: `value:${hash}`,
        name: `${d.type} ${d.masked ?? ''}`.trim(),
        provider: (d.provider as string) || undefined,
        attrs: { ...facts, hardcoded: true, hasValue: true, foundIn: [file.rel] },
        evidence: [ctx.at(line, snippet)],
      });
    }
  },
};

const SAMPLED_RECORDS = 201; // the header and 200 rows
const CSV_PREFIX_CHARS = 64 * 1024;

/**
 * The parser's first `opts.to` records of a CSV text. csv-parse copies its whole input into a buffer before it
 * starts, so a prefix of whole lines is tried first; it answers only when it already holds every record asked for
 * (records complete before the cut are the same in the prefix as in the whole text), else the whole text is parsed.
 */
export function firstCsvRecords(text: string, opts: CsvOptions & { to: number }): string[][] {
  const cut = text.length > CSV_PREFIX_CHARS ? text.lastIndexOf('\n', CSV_PREFIX_CHARS) : -1;
  if (cut > 0) {
    try {
      const rows = parseCsv(text.slice(0, cut + 1), opts) as string[][];
      if (rows.length >= opts.to) return rows;
    } catch {
      // a quoted field open at the cut: the whole text decides
    }
  }
  return parseCsv(text, opts) as string[][];
}

function tabularSample(text: string, format: string): { columns: string[]; rows: unknown[][] } | undefined {
  const sample = text.slice(0, SAMPLE_BYTES);
  if (format === 'csv' || format === 'tsv') {
    const body = sample.slice(0, Math.max(0, sample.lastIndexOf('\n')));
    const rows = firstCsvRecords(body, { delimiter: format === 'tsv' ? '\t' : undefined, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: SAMPLED_RECORDS });
    if (rows.length < 2) return undefined;
    return { columns: rows[0], rows: rows.slice(1) };
  }
  if (format === 'jsonl') {
    const records: Record<string, unknown>[] = [];
    for (const line of sample.split('\n').slice(0, 200)) {
      try {
        const v = JSON.parse(line);
        if (v && typeof v === 'object' && !Array.isArray(v)) records.push(v);
      } catch {
        /* malformed lines were reported by the dataset collector */
      }
    }
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))].slice(0, 200);
    return records.length ? { columns, rows: records.map((r) => columns.map((c) => r[c])) } : undefined;
  }
  return undefined;
}

/** Datasets: which columns hold personal data, from headers and a bounded sample of rows; a sensitivity label. */
const datasetPii: ContentAnalyser = {
  id: 'dataset-pii',
  applies: (file, found) => ofKind(found, 'dataset', file.rel).some((d) => ['csv', 'tsv', 'jsonl'].includes(String(d.attrs?.format))),
  async run(file, found, ctx) {
    const format = String(ofKind(found, 'dataset', file.rel)[0].attrs?.format);
    const text = (await file.range(0, SAMPLE_BYTES)).toString('utf8');
    const sample = tabularSample(text, format);
    if (!sample) return;
    const cols = classifyColumns(sample.columns, sample.rows).filter((c) => c.types.length);
    const counts: Record<string, number> = {};
    for (const c of cols) for (const t of c.types) counts[t] = (counts[t] ?? 0) + Math.max(1, c.matchedRows);
    const { label, reason } = explainSensitivity(counts);
    ctx.asset({
      kind: 'dataset',
      key: file.rel,
      sensitivity: label,
      attrs: { piiColumns: cols.map((c) => ({ column: c.column, types: c.types })), piiTypes: Object.keys(counts).sort(), sensitivityReason: reason },
    });
  },
};

/** Notebooks: personal data in outputs and sources gives the notebook a sensitivity label. */
const notebookPii: ContentAnalyser = {
  id: 'notebook-pii',
  applies: (file, found) => ofKind(found, 'notebook', file.rel).length > 0,
  async run(file, _found, ctx) {
    const detections = detectPiiInDocument(await file.text(), file.rel, { secrets: false });
    const counts = countByType(detections);
    const { label, reason } = explainSensitivity(counts);
    ctx.asset({ kind: 'notebook', key: file.rel, sensitivity: label, attrs: { piiTypes: Object.keys(counts).sort(), sensitivityReason: reason } });
  },
};

function injectionFacts(detections: Detection[]): Fact[] {
  return detections.slice(0, MAX_LISTED).map((d) => ({ type: d.type, line: d.line ?? null, score: Math.round(d.score * 100) / 100, reasons: (d.reasons ?? []).slice(0, 8) }));
}

/** Prompt files: hidden instructions and injection phrasing inside what will be sent to a model. */
const promptInjection: ContentAnalyser = {
  id: 'prompt-injection',
  applies: (file, found, textual) => textual && ofKind(found, 'prompt', file.rel).length > 0,
  async run(file, _found, ctx) {
    const detections = injectionDetector.detect(await file.text(), { path: file.rel });
    ctx.asset({ kind: 'prompt', key: file.rel, attrs: { hiddenInstructions: injectionFacts(detections) } });
  },
};

/** Knowledge-base documents: their text (PDF and DOCX extracted) for personal data, which labels the document's
 * sensitivity, and for hidden instructions, which a retriever would hand straight to a model. */
const documentContent: ContentAnalyser = {
  id: 'document-content',
  applies: (file, found) => ofKind(found, 'dataset', file.rel).some((d) => d.attrs?.role === 'document'),
  async run(file, found, ctx) {
    const format = String(ofKind(found, 'dataset', file.rel)[0]!.attrs?.format);
    let text: string;
    try {
      text = format === 'pdf' || format === 'docx' ? (await extractText(await file.bytes(), file.rel)).text : await file.text();
    } catch (e) {
      if (e instanceof DocumentFormatError) {
        ctx.warn(`document not read: ${e.message}`);
        return;
      }
      throw e;
    }
    // HTML keeps its markup for the PII detector (it maps offsets back); extracted text is plain text
    const pii = detectPiiInDocument(text, format === 'html' ? file.rel : `${file.rel}.txt`, { secrets: false });
    const counts = countByType(pii);
    const { label, reason } = explainSensitivity(counts);
    const hidden = injectionDetector.detect(text, { path: file.rel });
    ctx.asset({
      kind: 'dataset',
      key: file.rel,
      sensitivity: label,
      attrs: { piiTypes: Object.keys(counts).sort(), sensitivityReason: reason, hiddenInstructions: injectionFacts(hidden), textLength: text.length },
    });
  },
};

export const CONTENT_ANALYSERS: ContentAnalyser[] = [modelSafety, secretsInText, datasetPii, notebookPii, promptInjection, documentContent];

const DATA_SECRET_BYTES = 1 << 20;
const DATA_EXTENSIONS = new Set(['.csv', '.tsv', '.jsonl', '.ndjson', '.log', '.json']);
function isDataFile(rel: string): boolean {
  return DATA_EXTENSIONS.has(path.extname(rel).toLowerCase());
}

/** Files never searched for credentials: lockfiles are package hashes and registry URLs by the thousand. */
const NOT_SECRET_BEARING = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'uv.lock', 'pipfile.lock', 'go.sum', 'cargo.lock', 'composer.lock']);

export function isSecretBearing(rel: string): boolean {
  return !NOT_SECRET_BEARING.has(path.basename(rel).toLowerCase());
}

export type { Sensitivity };
