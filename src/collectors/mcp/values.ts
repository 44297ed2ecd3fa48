// Env and header values in MCP configs: references (`${input:x}`, `${env:X}`, `${X}`) stay readable because
// they name where a secret comes from; literal values are masked, and hard-coded credentials are noted.

import { isPlaceholderValue, isSecretName, maskSecrets, maskValue } from '../../util/mask.js';

// `${input:x}` (VS Code prompt), `${env:X}` / `${X}` / `$X` (environment), `${{ secrets.X }}` (Continue hub secrets)
const REFERENCE = /\$\{(?:(input|env):)?([A-Za-z_][\w.-]*)\}|\$([A-Z_][A-Z0-9_]*)\b|\$\{\{\s*(secrets|inputs)\.([\w-]+)\s*\}\}/g;
const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot)\s+(.+)$/i;

export function hasReference(value: string): boolean {
  return new RegExp(REFERENCE.source).test(value);
}

/** Environment variable names a value refers to (`${env:X}`, `${X}`, `$X`); VS Code `${input:x}` are prompts, not env. */
export function envReferences(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(REFERENCE)) if (m[1] !== 'input' && !m[4]) out.push(m[2] ?? m[3]!);
  return out;
}

export function inputReferences(value: string): string[] {
  return [...value.matchAll(REFERENCE)].filter((m) => m[1] === 'input').map((m) => m[2]!);
}

/** The value as it may be shown: references kept, literals masked (an auth scheme word kept readable). */
export function maskConfigValue(value: string): string {
  if (hasReference(value) || isPlaceholderValue(value)) return value;
  const scheme = AUTH_SCHEME.exec(value);
  return scheme ? `${scheme[1]} ${maskValue(scheme[2]!)}` : maskValue(value);
}

/** A literal credential written into the config: a secret-like name or a known key shape, not a reference or placeholder. */
export function isInlineSecret(name: string, value: string): boolean {
  if (hasReference(value) || isPlaceholderValue(value)) return false;
  const bare = AUTH_SCHEME.exec(value)?.[2] ?? value;
  return isSecretName(name) || maskSecrets(bare) !== bare;
}
