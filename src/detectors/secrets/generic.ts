// High-entropy values assigned to secret-like names: `API_KEY = "…"`, `"client_secret": "…"`,
// `password: …`, `--token=…`. The name decides whether the value is meant to be secret, the value's
// randomness whether it is one. Names are split into words (snake, kebab, dotted, camelCase) and the last
// meaningful word must be a secret word; qualifiers that make a key public or not a credential
// (`public_key`, `cache_key`, `max_tokens`, `secret_name`) do not count.
import { PRIORITY, type Candidate, type Finder } from './candidate.js';
import { charClasses, classCount, repeatedUnit, sequentialShare, shannonEntropy } from './entropy.js';
import {
  hasLooseMarker,
  hasPlaceholderMarker,
  isCodePath,
  isEnvVarName,
  isPlaceholderWord,
  isReference,
} from './placeholders.js';

const NAME_WORDS = ['key', 'token', 'secret', 'pass', 'pwd', 'credential'];
export const NAME_HIT = new RegExp(NAME_WORDS.join('|'), 'gi');
/** NAME_HIT narrowed to the words the prefilter saw (a literal search is several times faster than the
 * six-way alternation); the matches are the same, since the absent words match nowhere. */
const narrowed = new Map<string, RegExp>();
function nameHit(present: ReadonlySet<string> | undefined): RegExp | undefined {
  if (!present) return NAME_HIT;
  const words = NAME_WORDS.filter((w) => present.has(w));
  if (!words.length) return undefined;
  const key = words.join('|');
  let re = narrowed.get(key);
  if (!re) narrowed.set(key, (re = new RegExp(key, 'gi')));
  return re;
}
const MAX_NAME = 100;
const MAX_VALUE = 512;

/** Words that end a secret-like name. `key` needs a qualifier that is not in KEY_NOT_SECRET. */
const HEADS = new Set(['key', 'token', 'secret', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'credential', 'credentials', 'apikey', 'secretkey', 'accesskey', 'authtoken', 'privatekey', 'clientsecret', 'accesstoken', 'refreshtoken', 'bearertoken', 'authkey', 'masterkey', 'signingkey', 'encryptionkey']);
/** Compound last words (`clientsecret`, `authtoken`, `dbpassword`) ending in one of these count too. */
const COMPOUND_ENDINGS = ['secret', 'token', 'password', 'passwd', 'apikey', 'accesskey', 'secretkey'];
/** Words that may follow the head without changing its meaning: `API_KEY_2`, `token_value`. */
const NEUTRAL_SUFFIXES = new Set(['value', 'val', 'str', 'string', 'b64', 'base64', 'raw', 'hex', 'prod', 'production', 'dev', 'development', 'staging', 'stage', 'live', 'test', 'local', 'old', 'new', 'primary', 'secondary', 'default', 'main']);
/** Qualifiers under which `key` or `token` is an identifier or a count, not a credential. */
const KEY_NOT_SECRET = new Set(['public', 'publishable', 'pub', 'cache', 'sort', 'primary', 'foreign', 'partition', 'object', 's3', 'map', 'row', 'idempotency', 'lookup', 'dict', 'i18n', 'translation', 'unique', 'group', 'list', 'index', 'shard', 'routing', 'field', 'column', 'table', 'query', 'react', 'hash', 'sequence', 'range', 'composite', 'natural', 'surrogate', 'dedup', 'dedupe', 'entity', 'storage_key_name', 'hotkey', 'shortcut', 'keyboard', 'press', 'next', 'page', 'pagination', 'continuation', 'max', 'min', 'num', 'count', 'total', 'input', 'output', 'prompt', 'completion', 'context', 'cancellation', 'csrf', 'xsrf', 'type', 'lexer', 'parser', 'eos', 'bos', 'pad', 'unk', 'sep', 'cls', 'mask', 'special', 'by', 'id', 'ref', 'reference', 'bypass']);
/** Words anywhere in the name that make the value public or not a credential. */
const NAME_NOT_SECRET = new Set(['public', 'publishable', 'pub', 'example', 'sample', 'placeholder', 'dummy', 'fake', 'mock']);

const PROVIDER_WORDS: Record<string, string> = { openai: 'openai', anthropic: 'anthropic', claude: 'anthropic', gemini: 'google', google: 'google', gcp: 'google', aws: 'aws', azure: 'azure', github: 'github', gitlab: 'gitlab', slack: 'slack', stripe: 'stripe', hf: 'huggingface', huggingface: 'huggingface', cohere: 'cohere', mistral: 'mistral', groq: 'groq', pinecone: 'pinecone', twilio: 'twilio', sendgrid: 'sendgrid', discord: 'discord' };

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;
}

/** `AZURE_OPENAI_API_KEY` → azure openai api key; `azureClientSecret` → azure client secret. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type SecretNameKind = 'key' | 'token' | 'password' | 'secret';

/** Whether a variable name denotes a secret, and of which kind; undefined when it does not. */
export function secretNameKind(name: string): SecretNameKind | undefined {
  const words = nameWords(name);
  if (words.some((w) => NAME_NOT_SECRET.has(w))) return undefined;
  let i = words.length - 1;
  while (i > 0 && (NEUTRAL_SUFFIXES.has(words[i]) || /^\d+$/.test(words[i]))) i--;
  const head = words[i];
  if (!head) return undefined;
  const qualifier = words[i - 1];
  const kindOf = (w: string): SecretNameKind =>
    /pass|pwd/.test(w) ? 'password' : w.endsWith('token') ? 'token' : w.endsWith('key') ? 'key' : 'secret';
  if (HEADS.has(head)) {
    // A bare `key` is a dictionary key, a map entry, a header name: too vague to call secret.
    if (head === 'key' && qualifier === undefined) return undefined;
    if ((head === 'key' || head === 'token') && qualifier !== undefined && KEY_NOT_SECRET.has(qualifier)) return undefined;
    return kindOf(head);
  }
  const ending = COMPOUND_ENDINGS.find((e) => head.length > e.length && head.endsWith(e));
  if (ending && !KEY_NOT_SECRET.has(head.slice(0, -ending.length))) return kindOf(ending);
  return undefined;
}

// Names bound to a provider whose key format is fully known are judged by that format's rule alone: a
// value under WANDB_API_KEY that is not 40 hex characters is a near miss, not a generic secret.
const DELEGATED_NAME = /npm.?(?:token|auth)|wandb|cohere|co_api_key|mistral|deepseek|assembly.?ai|deepgram|clarifai|aws.?secret.?access.?key|aws.?access.?key.?id/i;

// Values that start like a provider format already had their rule; a value that failed it is a near miss.
const KNOWN_PREFIX = /^(?:sk-|sk_|rk_|pk_|AIza|xai-|gsk_|hf_|api_org_|r8_|pplx-|pcsk_|lsv2_|nvapi-|gh[pousr]_|github_pat_|glpat-|xox[a-z]-|xapp-|AKIA|ASIA|SG\.|npm_|dapi|hv[sbr]\.|eyJ|ABSK|tskey-|shp[a-z]{2}_|dckr_pat_|figd_|ntn_|lin_api_|vc[pikra]_|cf[a-z]{1,2}_|glc_|glsa_|ops_)/;

/** Base64 that decodes to readable text (`ZHVtbXkgdGV4dA==` is "dummy text") is encoded prose, not a key. */
function isEncodedText(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  let readable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 32) readable++;
  }
  return readable / decoded.length > 0.85;
}

interface Assignment {
  name: string;
  nameStart: number;
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

const SPACE = /[ \t]/;

function skipSpaces(text: string, p: number): number {
  let n = 0;
  while (p < text.length && SPACE.test(text[p]) && n++ < 40) p++;
  return p;
}

/** Reads the operator after a name: `=`, `:`, `:=`, `=>`; returns the position after it or -1. */
function operatorEnd(text: string, p: number): number {
  const c = text[p];
  const next = text[p + 1];
  if (c === ':' && next === '=') return p + 2;
  if (c === '=' && next === '>') return p + 2;
  if (c === '=' && next !== '=' && next !== '~') return p + 1;
  if (c === ':' && next !== ':') return p + 1;
  return -1;
}

const QUOTES = '"\'`';
const UNQUOTED_STOP = /[\s,;)}\]>"'`<]/;

/** Reads a value at `p`: quoted (also `\"`-escaped inside JSON strings) or bare up to a delimiter. */
function readValue(text: string, p: number): { value: string; start: number; end: number; quoted: boolean } | undefined {
  if ((text[p] === 'b' || text[p] === 'r' || text[p] === 'u') && QUOTES.includes(text[p + 1] ?? '')) p++;
  let quote = '';
  if (QUOTES.includes(text[p])) quote = text[p];
  else if (text[p] === '\\' && QUOTES.includes(text[p + 1] ?? '')) quote = `\\${text[p + 1]}`;
  if (quote) {
    const start = p + quote.length;
    const lineEnd = text.indexOf('\n', start);
    const limit = Math.min(lineEnd === -1 ? text.length : lineEnd, start + MAX_VALUE + 1);
    const close = text.indexOf(quote, start);
    if (close === -1 || close > limit) return undefined;
    return { value: text.slice(start, close), start, end: close, quoted: true };
  }
  let end = p;
  while (end < text.length && end - p <= MAX_VALUE && !UNQUOTED_STOP.test(text[end])) end++;
  return { value: text.slice(p, end), start: p, end, quoted: false };
}

/** Parses `name <op> value` starting at a name; follows one `name: Type = value` annotation. */
function parseAssignment(text: string, nameStart: number, nameEnd: number): Assignment | undefined {
  let p = nameEnd;
  for (let n = 0; n < 4 && (QUOTES.includes(text[p]) || text[p] === '\\' || text[p] === ']'); n++) p++;
  p = skipSpaces(text, p);
  let after = operatorEnd(text, p);
  if (after === -1) return undefined;
  for (let hop = 0; hop < 2; hop++) {
    const v = readValue(text, skipSpaces(text, after));
    if (!v) return undefined;
    // `api_key: str = "…"` (a type annotation): the value follows the `=`.
    const q = skipSpaces(text, v.end);
    if (!v.quoted && /^[A-Za-z_][\w.[\]|]*$/.test(v.value) && text[q] === '=' && text[q + 1] !== '=' && hop === 0) {
      after = q + 1;
      continue;
    }
    return { name: text.slice(nameStart, nameEnd), nameStart, ...v };
  }
  return undefined;
}

/** Why a value under a secret-like name is not reported, or undefined when it should be. */
export function rejectValue(value: string, quoted: boolean, kind: SecretNameKind): string | undefined {
  const minLength = kind === 'password' ? 6 : 8;
  if (value.length < minLength) return 'too-short';
  if (value.length > MAX_VALUE) return 'too-long';
  if (/\s/.test(value)) return 'prose';
  if (isReference(value) || isEnvVarName(value) || (!quoted && isCodePath(value))) return 'reference';
  // Unquoted calls and expressions in code: `run(def.keyType)`, `!keyProps.found`.
  if (!quoted && (/[()]/.test(value) || /^[!&*+]/.test(value))) return 'expression';
  if (hasPlaceholderMarker(value) || isPlaceholderWord(value) || hasLooseMarker(value)) return 'placeholder';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'url';
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|json|ya?ml|txt|p12|pfx|crt|cer|env|cfg|conf|ini|properties|js|ts|py)$/i.test(value)) return 'path';
  if (/^[\d.,:_-]+$/.test(value)) return 'number';
  if (KNOWN_PREFIX.test(value)) return 'known-format-near-miss';
  if (isEncodedText(value)) return 'encoded-text';
  if (repeatedUnit(value) || sequentialShare(value) > 0.5) return 'low-variety';
  const c = charClasses(value);
  const entropy = shannonEntropy(value);
  // Letters only: words and identifiers unless long, mixed-case and random.
  if (c.digit === 0 && c.other === 0 && (value.length < 16 || c.upper < 3 || c.lower < 3 || entropy < 3.5)) return 'word';
  if (/^[a-z]+(?:[._-][a-z]+)+$/i.test(value)) return 'word';
  if (kind === 'password') {
    // Free-form passwords: only those that look strong (three classes, or long and varied) are reported;
    // short two-class values are more often examples than leaks.
    const classes = classCount(value);
    if (!((classes >= 3 && value.length >= 8 && entropy >= 2.5) || (value.length >= 12 && classes >= 2 && entropy >= 3))) return 'low-entropy';
  } else if (value.length < 10 || classCount(value) < 2 || entropy < 3) return 'low-entropy';
  return undefined;
}

export const genericFinder: Finder = {
  id: 'generic-secret-assignment',
  keywords: ['key', 'token', 'secret', 'pass', 'pwd', 'credential'],
  find(text: string, present?: ReadonlySet<string>): Candidate[] {
    const out: Candidate[] = [];
    const hit = nameHit(present);
    if (!hit) return out;
    hit.lastIndex = 0;
    for (let m = hit.exec(text); m; m = hit.exec(text)) {
      let nameStart = m.index;
      while (nameStart > 0 && m.index - nameStart < MAX_NAME && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
      let nameEnd = m.index + m[0].length;
      while (nameEnd < text.length && nameEnd - m.index < MAX_NAME && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
      hit.lastIndex = nameEnd; // each name is read once, however many secret words it holds
      // Cheap checks first: most names in code are not followed by an assignment.
      const a = parseAssignment(text, nameStart, nameEnd);
      if (!a) continue;
      const name = text.slice(nameStart, nameEnd).replace(/^[-.]+/, '');
      const kind = secretNameKind(name);
      if (!kind || DELEGATED_NAME.test(name) || rejectValue(a.value, a.quoted, kind)) continue;
      const entropy = shannonEntropy(a.value);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(a.value);
      const score = uuid ? 0.45 : Math.max(0.3, Math.min(0.8, 0.35 + (entropy - 3) * 0.15 + (a.quoted ? 0.05 : 0) + (a.value.length >= 20 ? 0.1 : 0)));
      const provider = nameWords(name).map((w) => PROVIDER_WORDS[w]).find(Boolean) ?? 'unknown';
      out.push({
        rule: 'generic-secret-assignment',
        provider,
        severity: 'medium',
        start: a.start,
        end: a.end,
        score: Number(score.toFixed(2)),
        reasons: [`secret-name:${kind}`, `entropy:${entropy.toFixed(1)}`],
        priority: PRIORITY.generic,
        extra: { name },
      });
    }
    return out;
  },
};
