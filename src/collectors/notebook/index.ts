// The Jupyter notebook collector: a `notebook` asset per .ipynb, and the code cells analysed as one
// Python program by the Python analyser, with every line mapped back to the .ipynb file.

import { analysePython } from '../python/analyse.js';
import { mayContainAi } from '../python/prefilter.js';
import type { Collector } from '../types.js';
import { NotebookSyntaxError, outputText, parseNotebook, type ParsedNotebook } from './ipynb.js';

/** Cell magics whose body is not Python (the whole cell is blanked); others only lose their magic line. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);
/** Shell escapes and line magics (`!pip install x`, `%pip`, `%matplotlib inline`) and `obj?` help. */
const NOT_PYTHON_LINE = /^\s*(?:[!%]|\?)|\?\s*$/;

export const notebookCollector: Collector = {
  id: 'notebook',
  version: '1.0.0',
  wants: (_rel, base) => base.endsWith('.ipynb'),
  async collect(file, ctx) {
    const text = await file.text();
    let nb: ParsedNotebook;
    try {
      nb = parseNotebook(text);
    } catch (e) {
      if (e instanceof NotebookSyntaxError) {
        ctx.warn(e.message, e.line);
        return;
      }
      throw e;
    }
    const kernelspec = (nb.metadata.kernelspec ?? {}) as Record<string, unknown>;
    const languageInfo = (nb.metadata.language_info ?? {}) as Record<string, unknown>;
    const language = String(languageInfo.name ?? kernelspec.language ?? 'python').toLowerCase();
    const code = nb.cells.filter((c) => c.type === 'code');
    let outputChars = 0;
    for (const c of code) for (const o of c.outputs) outputChars += outputText(o)?.text.length ?? 0;
    ctx.asset({
      kind: 'notebook',
      key: file.rel,
      name: file.rel.split('/').pop(),
      attrs: {
        kernel: typeof kernelspec.name === 'string' ? kernelspec.name : undefined,
        language,
        nbformat: nb.nbformat,
        cells: nb.cells.length,
        codeCells: code.length,
        markdownCells: nb.cells.filter((c) => c.type === 'markdown').length,
        hasOutputs: code.some((c) => c.outputs.length > 0),
        outputChars,
      },
      evidence: [ctx.at(1)],
    });
    if (language !== 'python') return;
    const { source, lineMap } = pythonProgram(nb);
    if (!mayContainAi(source)) return;
    await analysePython(source, ctx, file.rel, (l) => lineMap[l - 1] ?? 1);
  },
};

/** The code cells as one program (cells later in a notebook use names defined earlier). */
export function pythonProgram(nb: ParsedNotebook): { source: string; lineMap: number[] } {
  const lines: string[] = [];
  const lineMap: number[] = [];
  for (const cell of nb.cells) {
    if (cell.type !== 'code') continue;
    const first = cell.source[0]?.text.trim() ?? '';
    const cellMagic = first.startsWith('%%') ? first.slice(2).split(/\s/)[0] : undefined;
    cell.source.forEach((l, i) => {
      const blank = cellMagic !== undefined ? i === 0 || !PYTHON_CELL_MAGICS.has(cellMagic) : NOT_PYTHON_LINE.test(l.text);
      lines.push(blank ? '' : l.text);
      lineMap.push(l.line);
    });
  }
  return { source: lines.join('\n'), lineMap };
}

/** Text outputs of the code cells, with the .ipynb line where each starts (for the content detectors). */
export function notebookOutputs(text: string): Array<{ cell: number; line: number; text: string }> {
  const nb = parseNotebook(text);
  const out: Array<{ cell: number; line: number; text: string }> = [];
  for (const cell of nb.cells) {
    if (cell.type !== 'code') continue;
    for (const o of cell.outputs) {
      const t = outputText(o);
      if (t?.text) out.push({ cell: cell.index, line: nb.lineOf(t.offset), text: t.text });
    }
  }
  return out;
}

export default notebookCollector;
