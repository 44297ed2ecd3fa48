// Text a reader never sees but a model does: HTML comments and elements hidden by CSS or attributes
// (display:none, visibility:hidden, zero font size or opacity, white or transparent text, `hidden`,
// aria-hidden). The hidden text is the payload; it becomes a finding only when it reads as an instruction.
import type { StructuralHit } from './structural.js';

const MAX_HIDDEN = 10_000;

/** An opening tag whose attributes hide its content. Bounded attribute scans keep it linear. */
export const HIDDEN_ELEMENT =
  /<([a-z][a-z0-9]{0,10})\b[^>]{0,400}?(?:display\s{0,3}:\s{0,3}none|visibility\s{0,3}:\s{0,3}hidden|font-size\s{0,3}:\s{0,3}0(?:px|pt|em|rem|%)?\s{0,3}[;"'!]|opacity\s{0,3}:\s{0,3}0(?:\.0{1,3})?\s{0,3}[;"'!]|[^-]color\s{0,3}:\s{0,3}(?:white|#fff(?:fff)?|transparent)\b|\shidden[\s>=]|aria-hidden\s{0,3}=\s{0,3}["']?true)[^>]{0,400}>/gi;
const TAG = /<[^<>]{0,500}>/g;

function stripTags(html: string): string {
  return html.replace(TAG, ' ');
}

export function findHiddenHtml(text: string): StructuralHit[] {
  const hits: StructuralHit[] = [];
  for (let at = text.indexOf('<!--'); at !== -1; ) {
    const close = text.indexOf('-->', at + 4);
    const end = close === -1 ? text.length : close + 3;
    const content = text.slice(at + 4, close === -1 ? text.length : close).slice(0, MAX_HIDDEN);
    if (content.trim().length >= 8) hits.push({ type: 'hidden-html', signal: 'html-comment', start: at, end, base: 0, payload: content, requireInstruction: true });
    if (close === -1) break;
    at = text.indexOf('<!--', end);
  }
  if (text.indexOf('<') === -1) return hits;
  const lower = text.toLowerCase();
  // The next closing tag per element name, remembered so that many unclosed openings stay linear.
  const nextClose = new Map<string, number>();
  const closeAfter = (name: string, from: number): number => {
    const known = nextClose.get(name);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = lower.indexOf(`</${name}`, from);
    nextClose.set(name, found);
    return found;
  };
  HIDDEN_ELEMENT.lastIndex = 0;
  for (let m = HIDDEN_ELEMENT.exec(text); m; m = HIDDEN_ELEMENT.exec(text)) {
    const contentStart = m.index + m[0].length;
    const close = closeAfter(m[1].toLowerCase(), contentStart);
    const contentEnd = close === -1 ? Math.min(text.length, contentStart + MAX_HIDDEN) : Math.min(close, contentStart + MAX_HIDDEN);
    const content = stripTags(text.slice(contentStart, contentEnd));
    if (content.trim().length < 8) continue;
    const end = close === -1 ? contentEnd : Math.min(text.length, text.indexOf('>', close) + 1 || text.length);
    hits.push({ type: 'hidden-html', signal: 'css-hidden-text', start: m.index, end, base: 0, payload: content, requireInstruction: true });
  }
  return hits;
}
