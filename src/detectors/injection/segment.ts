// Long inputs (RAG documents, web pages, notebooks) are scored in segments so that one injected paragraph
// is not diluted by pages of ordinary text, and so that a detection points at the paragraph. Segments end
// at paragraph breaks, else at sentence ends, else at spaces, and stay under MAX_SEGMENT characters.

export const MAX_SEGMENT = 1500;
const MIN_SEGMENT = 400;

/** [start, end) ranges covering the text in order. */
export function segments(text: string, max = MAX_SEGMENT): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < MIN_SEGMENT) cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
    if (cut < MIN_SEGMENT) cut = window.lastIndexOf(' ');
    if (cut < MIN_SEGMENT) cut = max - 1;
    out.push([start, start + cut + 1]);
    start += cut + 1;
  }
  if (start < text.length || out.length === 0) out.push([start, text.length]);
  return out;
}
