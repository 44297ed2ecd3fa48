// Text out of documents for the detector, with a way back to the source: HTML (tags, scripts and styles
// dropped by htmlparser2, entities decoded) and Jupyter notebooks (markdown and code cells and their
// outputs). Each extracted piece remembers where it came from, so detections point into the original file
// (exact at the start of a piece; approximate inside one where entities were decoded).
import { Parser } from 'htmlparser2';
import { lineIndex, type Detection } from '../types.js';
import { detectPii, type PiiOptions } from './index.js';

interface Piece {
  /** Offset in the extracted text. */
  at: number;
  /** Offset in the source. */
  source: number;
  length: number;
  /** Notebook cell index, when the source is a notebook. */
  cell?: number;
}

export interface ExtractedText {
  text: string;
  pieces: Piece[];
}

const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
/** Elements that end a line of text, so that words of two cells or paragraphs do not run together. */
const BLOCK_ELEMENTS = new Set(['p', 'div', 'br', 'li', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'section', 'article', 'table', 'ul', 'ol', 'blockquote', 'hr', 'title', 'dt', 'dd']);

export function htmlToText(html: string, baseOffset = 0, cell?: number): ExtractedText {
  let text = '';
  const pieces: Piece[] = [];
  let skipDepth = 0;
  const parser: Parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipDepth++;
        if (BLOCK_ELEMENTS.has(name) && text && !text.endsWith('\n')) text += '\n';
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name) && skipDepth > 0) skipDepth--;
        if (BLOCK_ELEMENTS.has(name) && text && !text.endsWith('\n')) text += '\n';
      },
      ontext(data) {
        if (skipDepth > 0 || !data) return;
        pieces.push({ at: text.length, source: baseOffset + parser.startIndex, length: data.length, cell });
        text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return { text, pieces };
}

interface NotebookCell {
  cell_type?: string;
  source?: string | string[];
  outputs?: { text?: string | string[]; data?: Record<string, string | string[]>; traceback?: string[] }[];
}

const joined = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('') : (v ?? ''));

/**
 * Notebook text: every cell's source and every output's text (stream, text/plain, text/markdown, text/html
 * stripped, tracebacks). Offsets point at the cell's position in the JSON file, the best a parsed
 * notebook allows; `cell` says which cell a detection came from.
 */
export function notebookToText(json: string, warn?: (message: string) => void): ExtractedText {
  let nb: { cells?: NotebookCell[] };
  try {
    nb = JSON.parse(json) as { cells?: NotebookCell[] };
  } catch (e) {
    warn?.(`notebook is not valid JSON: ${(e as Error).message}`);
    return { text: '', pieces: [] };
  }
  let text = '';
  const pieces: Piece[] = [];
  let searchFrom = 0;
  const add = (s: string, cell: number, source: number) => {
    if (!s) return;
    pieces.push({ at: text.length, source, length: s.length, cell });
    text += s.endsWith('\n') ? s : `${s}\n`;
  };
  for (const [i, cell] of (nb.cells ?? []).entries()) {
    // Find the cell in the raw JSON by its type key so detections land near it.
    const at = json.indexOf('"cell_type"', searchFrom);
    const cellOffset = at === -1 ? searchFrom : at;
    if (at !== -1) searchFrom = at + 1;
    add(joined(cell.source), i, cellOffset);
    for (const out of cell.outputs ?? []) {
      add(joined(out.text), i, cellOffset);
      const data = out.data ?? {};
      if (data['text/plain']) add(joined(data['text/plain']), i, cellOffset);
      if (data['text/markdown']) add(joined(data['text/markdown']), i, cellOffset);
      if (data['text/html']) {
        const html = htmlToText(joined(data['text/html']), cellOffset, i);
        add(html.text, i, cellOffset);
      }
      if (out.traceback) add(out.traceback.join('\n'), i, cellOffset);
    }
  }
  return { text, pieces };
}

/** The source offset (and cell) of an offset in the extracted text. */
export function toSource(extracted: ExtractedText, offset: number): { offset: number; cell?: number } {
  const { pieces } = extracted;
  let lo = 0;
  let hi = pieces.length - 1;
  if (hi < 0) return { offset };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].at <= offset) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo];
  const inside = Math.min(Math.max(0, offset - p.at), p.length);
  return { offset: p.source + (p.cell === undefined ? inside : 0), cell: p.cell };
}

export type DocumentKind = 'text' | 'html' | 'notebook';

export function documentKind(path: string): DocumentKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm') || lower.endsWith('.xhtml')) return 'html';
  if (lower.endsWith('.ipynb')) return 'notebook';
  return 'text';
}

/**
 * Runs the detector over a document of any supported text format and maps the detections back to the
 * source: `start`, `end` and `line` refer to the original file (plus `cell` for notebooks).
 */
export function detectPiiInDocument(content: string, path: string, opts: PiiOptions & { warn?: (message: string) => void } = {}): Detection[] {
  const kind = documentKind(path);
  if (kind === 'text') return detectPii(content, opts);
  const extracted = kind === 'html' ? htmlToText(content) : notebookToText(content, opts.warn);
  const lineOf = lineIndex(content);
  return detectPii(extracted.text, opts).map((d) => {
    const start = toSource(extracted, d.start);
    // The last character's source position, plus one: an end on a piece boundary would land past the next tag.
    const end = kind === 'html' ? toSource(extracted, d.end - 1).offset + 1 : start.offset;
    return {
      ...d,
      start: start.offset,
      end: Math.max(end, start.offset),
      line: lineOf(start.offset),
      ...(start.cell !== undefined ? { cell: start.cell } : {}),
    };
  });
}
