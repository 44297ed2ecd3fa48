// Images that carry data out: a Markdown or HTML image is fetched as soon as the answer renders, so an
// injected image whose URL holds placeholders for the conversation, or long data parameters, leaks data
// with no click. Plain links to ordinary images stay quiet.
import type { StructuralHit } from './structural.js';

export const MARKDOWN_IMAGE = /!\[[^\]\n]{0,300}\]\(\s{0,5}<?(https?:\/\/[^\s)>]{1,2048})/gi;
export const HTML_IMAGE = /<img\b[^>]{0,300}?\ssrc\s{0,3}=\s{0,3}["']?(https?:\/\/[^\s"'>]{1,2048})/gi;

/** Placeholders an attacker asks the model to fill in: `{data}`, `$SECRET`, `[CHAT]`, `<history>`, `INSERT_HERE`. */
const BRACED = /\{[^{}\s]{1,60}\}|%7b[^%\s]{1,60}%7d/i;
const QUERY_PLACEHOLDER = /=\$[a-z_]{2,40}|=%24[a-z_]{2,40}|=\[[a-z_ ]{2,40}\]|=<[a-z_ ]{2,40}>|=%3c[a-z_ ]{2,40}|\b(?:insert|data_here|your_data)\b/i;
const SENSITIVE_PARAM = /^(?:data|d|q|query|secret|token|key|password|pwd|conversation|convo|chat|history|msg|message|content|info|leak|exfil|payload|session|cookie|email|user|summary|prompt|memory|context|text|p)$/i;
const FILL_REQUEST = /\b(?:append|include|replace|substitute|encode|fill|insert|add)\b/i;

function judge(url: string, around: string): { base: number; reasons: string[] } {
  const reasons: string[] = [];
  let base = 0;
  const queryAt = url.search(/[?#]/);
  const afterHost = url.slice(Math.max(0, url.indexOf('/', 8)));
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  if (BRACED.test(afterHost) || QUERY_PLACEHOLDER.test(query)) {
    base = Math.max(base, 0.85);
    reasons.push('url-template');
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed) {
    for (const [name, value] of parsed.searchParams) {
      if (value.length >= 40) {
        base = Math.max(base, 0.6);
        reasons.push('url-long-parameter');
      }
      if (SENSITIVE_PARAM.test(name) && FILL_REQUEST.test(around)) {
        base = Math.max(base, 0.75);
        reasons.push(`url-data-parameter:${name}`);
      }
    }
  }
  return { base, reasons: [...new Set(reasons)] };
}

export function findExfiltrationLinks(text: string): StructuralHit[] {
  const hits: StructuralHit[] = [];
  // both need an image opening (`![` or `<img`) and a URL; most texts have neither
  if (!text.includes('://')) return hits;
  for (const pattern of [MARKDOWN_IMAGE, HTML_IMAGE]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const around = text.slice(Math.max(0, m.index - 300), Math.min(text.length, m.index + m[0].length + 300));
      const { base, reasons } = judge(m[1], around);
      if (base === 0) continue;
      hits.push({ type: 'exfiltration-link', signal: pattern === MARKDOWN_IMAGE ? 'markdown-image-exfiltration' : 'html-image-exfiltration', start: m.index, end: m.index + m[0].length, base, requireInstruction: false, reasons });
    }
  }
  return hits;
}
