// Text from a scan is hostile until proven otherwise: asset names, messages and snippets come from the
// scanned files. Every human-facing renderer passes them through here: secrets masked, markup escaped.

import { maskSecrets } from '../util/mask.js';

/** Masked, for any output (defence in depth: collectors mask already). */
export function masked(s: string | undefined | null): string {
  return s ? maskSecrets(String(s)) : '';
}

/** Masked, with control characters (terminal escape sequences, carriage returns) made visible as `?`. */
export function plain(s: string | undefined | null): string {
  return masked(s).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Masked and escaped for HTML text and attribute values (quoted). */
export function html(s: string | number | undefined | null): string {
  return masked(s === undefined || s === null ? '' : String(s)).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Masked and made inert for GitHub Markdown running text: HTML is escaped (GitHub renders raw HTML),
 * Markdown punctuation that could start links, emphasis, headings or tables is backslash-escaped, and line
 * breaks become spaces so that one value cannot open a new block.
 */
export function md(s: string | number | undefined | null): string {
  return masked(s === undefined || s === null ? '' : String(s))
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]!)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-=>])/, '$1\\$2')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b'); // no accidental @-mentions of users or teams
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function mdCode(s: string): string {
  const text = masked(s).replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  // GitHub ends a table cell at `|` even inside code spans
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}
