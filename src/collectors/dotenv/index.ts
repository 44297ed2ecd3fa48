// Collector `dotenv`: `.env`, `.env.*` and `*.env` files. Every variable that names a credential (by its
// name, or because a provider SDK reads it) becomes a `secret` asset keyed by the variable name, with the
// value reduced to a masked fingerprint and a placeholder flag; the value itself never leaves this file.

import { ENV_VAR_PROVIDER } from '../../model/index.js';
import { isPlaceholderValue, isSecretName, maskValue } from '../../util/mask.js';
import type { Collector } from '../types.js';
import { parseDotenv } from './parse.js';

/** `.env`, `.env.local`, `.env.example`, `prod.env`; not `.envrc` (direnv shell code) or `environment.yml`. */
export function isDotenvFile(base: string): boolean {
  return base === '.env' || base.startsWith('.env.') || (base.endsWith('.env') && base.length > 4);
}

// Values people write where a real value goes: `your-key-here`, `<token>`, `sk-...`, `changeme`, `xxxxxx`.
const PLACEHOLDER_WORD = /^(?:your|my|<|\[|\{|replace|change|insert|put|enter|add|todo|tbd|dummy|placeholder|example|sample|fake|none|null|empty)(?:[\W_]|$)/i;
const PLACEHOLDER_MARK = /\.\.\.|…|\*{3,}|x{6,}|X{6,}|_HERE\b|-here\b/;

export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  return isPlaceholderValue(v) || PLACEHOLDER_WORD.test(v) || PLACEHOLDER_MARK.test(v) || /^(.)\1+$/.test(v);
}

export const dotenvCollector: Collector = {
  id: 'dotenv',
  version: '1.0.0',
  wants: (_rel, base) => isDotenvFile(base),
  async collect(file, ctx) {
    const { entries, problems } = parseDotenv(await file.text());
    for (const p of problems) ctx.warn(p.message, p.line);
    for (const e of entries) {
      const provider = ENV_VAR_PROVIDER[e.name];
      const secretLike = isSecretName(e.name);
      if (!secretLike && !provider) continue;
      // A placeholder is not a value: merged across .env.example and .env, `hasValue` must mean a real one.
      const placeholder = e.value.length > 0 && isPlaceholderSecret(e.value);
      const hasValue = e.value.length > 0 && !placeholder;
      const masked = hasValue ? maskValue(e.value) : undefined;
      const secret = ctx.asset({
        kind: 'secret',
        key: `env:${e.name}`,
        name: e.name,
        ...(provider ? { provider } : {}),
        attrs: {
          envVar: e.name,
          provider,
          hasValue,
          valueMasked: masked,
          placeholder,
          definedIn: [file.rel],
        },
        // the snippet is rebuilt from the name and the masked value: the raw line never leaves
        evidence: [ctx.at(e.line, `${e.exported ? 'export ' : ''}${e.name}=${masked ?? (placeholder ? '<placeholder>' : '')}`, e.endLine)],
      });
      // links to the provider's service when another collector found it (the builder drops it otherwise)
      if (provider && secretLike) ctx.edge({ kind: 'ai-service', key: provider }, 'authenticates-with', secret, { line: e.line });
    }
  },
};
