// Message templates: `{{asset.name}}`, `{{asset.key}}`, `{{attrs.a.b}}`, `{{vars.x}}`. A missing value renders
// as nothing, lists as comma-separated text; values that look like secrets are masked on the way out.

import { maskSecrets } from '../util/mask.js';
import { attrAt } from './cel-env.js';
import type { AssetView } from './graph-index.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

export function renderTemplate(template: string, asset: AssetView, vars: Record<string, unknown> = {}): string {
  return template.replace(PLACEHOLDER, (_, ref: string) => {
    const dot = ref.indexOf('.');
    const head = dot < 0 ? ref : ref.slice(0, dot);
    const rest = dot < 0 ? '' : ref.slice(dot + 1);
    let value: unknown;
    if (head === 'asset') value = rest.startsWith('attrs.') ? attrAt(asset, rest.slice(6)) : (asset as unknown as Record<string, unknown>)[rest];
    else if (head === 'attrs') value = attrAt(asset, rest);
    else if (head === 'vars') value = vars[rest];
    return maskSecrets(toText(value));
  });
}

function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(toText).join(', ');
  if (typeof v === 'object') return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}
