// The heuristic signal table: phrase signals (phrases.ts, weights in log-odds added to the classifier) and
// structural signals (each a finder with its own detection type and base confidence). index.ts runs every
// row; adding a signal is adding a row here.
import { findEncoded, ENCODINGS } from './encoded.js';
import { findExfiltrationLinks, HTML_IMAGE, MARKDOWN_IMAGE } from './exfil-links.js';
import { findHiddenHtml, HIDDEN_ELEMENT } from './hidden-html.js';
import { findHiddenUnicode } from './hidden-unicode.js';
import { PHRASE_SIGNALS } from './phrases.js';
import type { StructuralSignal } from './structural.js';

export { PHRASE_SIGNALS, findPhrases, type PhraseSignal, type PhraseHit } from './phrases.js';
export type { StructuralHit, StructuralSignal, InjectionType } from './structural.js';

export const STRUCTURAL_SIGNALS: readonly StructuralSignal[] = [
  {
    id: 'hidden-unicode',
    type: 'hidden-unicode',
    description: 'invisible Unicode: tag characters, variation-selector payloads, zero-width runs or word splits, bidi controls',
    find: findHiddenUnicode,
  },
  { id: 'hidden-html', type: 'hidden-html', description: 'HTML comments and CSS-hidden elements whose text reads as an instruction', find: findHiddenHtml },
  { id: 'encoded-instruction', type: 'encoded-instruction', description: 'base64, hex, escapes, entities or ROT13 that decode to an instruction', find: findEncoded },
  { id: 'exfiltration-link', type: 'exfiltration-link', description: 'Markdown or HTML images whose URL carries data or placeholders for it', find: findExfiltrationLinks },
];

/** Every regular expression the heuristics run over input, for the linear-time check. */
export const HEURISTIC_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ...PHRASE_SIGNALS.map((s) => [s.id, s.pattern] as const),
  ...ENCODINGS.map((e) => [e.id, e.pattern] as const),
  ['hidden-element', HIDDEN_ELEMENT],
  ['markdown-image', MARKDOWN_IMAGE],
  ['html-image', HTML_IMAGE],
];
