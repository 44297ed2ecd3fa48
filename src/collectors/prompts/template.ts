// Reading a prompt template: front matter (Dotprompt, Prompty and Markdown prompts use YAML between
// `---` lines), the variables it expects and a short masked preview.

import { parse as parseYaml } from 'yaml';
import { maskSecrets } from '../../util/mask.js';
import { parserErrorLine } from '../manifests/text.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string, warn: (m: string, line?: number) => void): FrontMatter {
  const m = FENCE.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return { data: {}, body: text, bodyLine: 1 };
  const bodyLine = m[0].split('\n').length - (m[0].endsWith('\n') ? 0 : 1);
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch (e) {
    const line = parserErrorLine(e);
    warn(`malformed front matter: ${String((e as Error).message).split('\n')[0]}`, line !== undefined ? line + 1 : 1);
    data = {};
  }
  return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, body: text.slice(m[0].length), bodyLine };
}

// `{{x}}`, `{{ x.y }}`, `{{ x | upper }}`; block helpers `{{#each docs}}`; Python format `{x}`
const DOUBLE = /\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|[^}\n]*)?\}\}/g;
const BLOCK = /\{\{[#^]\w+\s+([A-Za-z_][\w.]*)[^}\n]*\}\}/g;
const JINJA_FOR = /\{%-?\s*for\s+(\w+)(?:\s*,\s*(\w+))?\s+in\s+([A-Za-z_][\w.]*)/g;
const SINGLE = /(?<![{\w$])\{([A-Za-z_]\w*)\}(?!\})/g;
/** Handlebars / Dotprompt helpers and template keywords that look like variables. */
const NOT_VARIABLES = new Set(['else', 'this', 'role', 'history', 'section', 'media', 'json', 'true', 'false', 'none', 'loop']);

export function templateVariables(body: string): string[] {
  // loop variables (`{% for doc in documents %}`) are bound by the template, not supplied to it
  const bound = new Set<string>();
  const found = new Set<string>();
  for (const m of body.matchAll(JINJA_FOR)) {
    bound.add(m[1]!);
    if (m[2]) bound.add(m[2]);
    found.add(m[3]!);
  }
  for (const re of [DOUBLE, BLOCK, SINGLE]) {
    for (const m of body.matchAll(re)) {
      const root = m[1]!.split('.')[0]!;
      if (!NOT_VARIABLES.has(root.toLowerCase()) && !bound.has(root)) found.add(m[1]!);
    }
  }
  return [...found].sort();
}

export function preview(body: string, max = 120): string {
  const flat = maskSecrets(body.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
