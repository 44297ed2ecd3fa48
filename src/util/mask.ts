// Secrets never leave the process unmasked: every snippet, attribute value and log line that may carry
// a credential goes through here. The detectors issue replaces the heuristics with the real detector.

/** `sk-proj-abc…` → `sk-p…(164)`: a short prefix and the length, never the secret. */
export function maskValue(value: string): string {
  if (!value) return value;
  const prefix = value.length > 12 ? value.slice(0, 4) : value.length > 6 ? value.slice(0, 2) : '';
  return `${prefix}…(${value.length})`;
}

const SECRET_NAME = /(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|credential|private[_-]?key|access[_-]?key|auth)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

// Values that are obviously not secrets: references and placeholders are kept readable.
const NOT_A_SECRET = /^(?:\$\{?[\w.:-]+\}?|\{\{[^}]*\}\}|<[^>]*>|%\w+%|env:\w+|true|false|null|none|changeme|xxx+|\*+|your[-_\w]*|\.\.\.)$/i;

export function isPlaceholderValue(v: string): boolean {
  return NOT_A_SECRET.test(v.trim()) || v.trim().length < 4;
}

/** Masks a value that sits under a secret-like name unless it is a reference or a placeholder. */
export function maskIfSecret(name: string, value: string): string {
  if (!isSecretName(name) || isPlaceholderValue(value)) return value;
  return maskValue(value);
}

// Known key shapes (prefix + body) and `name = value` assignments to secret-like names.
const KEY_SHAPES =
  /\b(?:sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{16,}|gsk_[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|r8_[A-Za-z0-9]{30,}|pcsk_[A-Za-z0-9_]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/g;
const ASSIGNMENT =
  /((?:[\w.-]*(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|credential|access[_-]?key)[\w.-]*)["']?\s*[:=]\s*)(["']?)([^\s"',;}{)(\[\]]{6,})/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:\s/@]+:)([^@\s/]{3,})(@)/gi;

// Unquoted code references assigned to secret-like names (`api_key=settings.openai_key`, `token=API_TOKEN`,
// `password=pwd`) are names, not values; quoted literals are values. An identifier-shaped word with digits mixed
// in (`api_token=Zq8vK2mP9xT4`) is a value written without quotes, as in prose or shell: masked.
const CODE_REFERENCE = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;
const looksLikeName = (v: string) => CODE_REFERENCE.test(v) && (v.includes('.') || !/\d/.test(v) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v));

/** Masks anything in free text that looks like a credential. Idempotent. */
export function maskSecrets(text: string): string {
  return text
    .replace(KEY_SHAPES, (m) => maskValue(m))
    .replace(URL_PASSWORD, (_m, a: string, _p: string, c: string) => `${a}****${c}`)
    .replace(ASSIGNMENT, (m, name: string, quote: string, value: string) =>
      isPlaceholderValue(value) || (!quote && looksLikeName(value)) || value.includes('…(') ? m : `${name}${quote}${maskValue(value)}`,
    );
}
