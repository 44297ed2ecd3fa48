// Reads a Jupyter notebook as JSON with offsets (jsonc-parser), so that every source line and every
// output can be traced back to its line in the .ipynb file.

import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

export interface SourceLine {
  text: string;
  /** 1-based line in the .ipynb file. */
  line: number;
}

export interface NotebookCell {
  index: number;
  type: string;
  /** 1-based line of the cell object in the .ipynb file. */
  line: number;
  source: SourceLine[];
  outputs: JsonNode[];
}

export interface ParsedNotebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat?: number;
  /** The file's lines, to map offsets. */
  lineOf: (offset: number) => number;
}

export class NotebookSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses the notebook; throws NotebookSyntaxError (with the line) when the JSON is malformed. */
export function parseNotebook(text: string): ParsedNotebook {
  const lineOf = lineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length || !root) {
    const e = errors[0];
    throw new NotebookSyntaxError(`malformed notebook JSON: ${e ? printParseErrorCode(e.error) : 'empty document'}`, e ? lineOf(e.offset) : 1);
  }
  if (root.type !== 'object') throw new NotebookSyntaxError('malformed notebook: the document is not a JSON object', 1);
  const prop = (obj: JsonNode | undefined, name: string): JsonNode | undefined =>
    obj?.type === 'object' ? obj.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1] : undefined;
  const cellsNode = prop(root, 'cells');
  const cells: NotebookCell[] = [];
  (cellsNode?.type === 'array' ? cellsNode.children ?? [] : []).forEach((c, index) => {
    const type = prop(c, 'cell_type')?.value;
    const src = prop(c, 'source');
    const outputs = prop(c, 'outputs');
    cells.push({
      index,
      type: typeof type === 'string' ? type : 'unknown',
      line: lineOf(c.offset),
      source: sourceLines(src, lineOf),
      outputs: outputs?.type === 'array' ? outputs.children ?? [] : [],
    });
  });
  const meta = prop(root, 'metadata');
  const nbformat = prop(root, 'nbformat')?.value;
  return { cells, metadata: meta ? (getNodeValue(meta) as Record<string, unknown>) : {}, nbformat: typeof nbformat === 'number' ? nbformat : undefined, lineOf };
}

/** `source` is a string or a list of strings (each usually one line ending in "\n"). */
function sourceLines(src: JsonNode | undefined, lineOf: (o: number) => number): SourceLine[] {
  const parts = src?.type === 'array' ? src.children ?? [] : src?.type === 'string' ? [src] : [];
  const out: SourceLine[] = [];
  let current: SourceLine | undefined;
  for (const p of parts) {
    if (p.type !== 'string') continue;
    const line = lineOf(p.offset);
    String(p.value)
      .split('\n')
      .forEach((piece, i) => {
        if (i > 0 && current) {
          out.push(current);
          current = undefined;
        }
        // a line that starts in this part is reported at this part's line
        if (current && !(i === 0 && current.text === '')) current.text += piece;
        else current = { text: piece, line };
      });
  }
  if (current?.text) out.push(current);
  return out;
}

/** Offset → 1-based line, by binary search over line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The text an output shows: stream text, text/plain results, error tracebacks. */
export function outputText(output: JsonNode): { text: string; offset: number } | undefined {
  const value = getNodeValue(output) as Record<string, unknown>;
  const join = (v: unknown) => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');
  const find = (...path: string[]) => {
    let n: JsonNode | undefined = output;
    for (const k of path) n = n?.type === 'object' ? n.children?.find((p) => p.children?.[0]?.value === k)?.children?.[1] : undefined;
    // a list of strings starts at its first string, not at its bracket
    return n?.type === 'array' && n.children?.length ? n.children[0] : n;
  };
  switch (value.output_type) {
    case 'stream': {
      const n = find('text');
      return n ? { text: join(value.text), offset: n.offset } : undefined;
    }
    case 'execute_result':
    case 'display_data': {
      const n = find('data', 'text/plain');
      const data = value.data as Record<string, unknown> | undefined;
      return n ? { text: join(data?.['text/plain']), offset: n.offset } : undefined;
    }
    case 'error': {
      const n = find('evalue') ?? output;
      return { text: `${value.ename ?? ''}: ${value.evalue ?? ''}\n${join(value.traceback)}`, offset: n.offset };
    }
  }
  return undefined;
}
