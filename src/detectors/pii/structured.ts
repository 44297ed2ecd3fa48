// Structured identifiers found by shape and confirmed by rules: email addresses, payment cards (Luhn and
// issuer ranges), US Social Security Numbers (SSA validity rules), IPv4 and IPv6 addresses. Each rule is a
// linear-time pattern plus a `judge` that validates the match and weighs its context.
import type { Candidate, Finder, PiiType } from './candidate.js';
import { before, isAlnum, isDigit } from './context.js';
import { cardNetwork, digitsOf, ipv4Valid, ipv6Valid, luhnValid, ssnValid } from './validators.js';

interface Verdict {
  score: number;
  reasons: string[];
  extra?: Record<string, unknown>;
  /** Trimmed end, when the pattern over-reached (a trailing colon after an IPv6 address). */
  end?: number;
}

export interface StructuredRule {
  type: PiiType;
  pattern: RegExp;
  /**
   * A character every match holds, with the characters a match may have before it: the finder jumps from
   * one anchor to the next and tries the (sticky) pattern where the run before it starts, instead of
   * trying the pattern at every word of the text.
   */
  anchor?: { char: string; back: number; body: (code: number) => boolean };
  judge(value: string, text: string, start: number, end: number): Verdict | undefined;
}

const CARD_CONTEXT = /(?:card|visa|master|amex|american express|discover|\bcc\b|credit|debit|\bpan\b|payment|charged?|billing|cvv|expir)/;
const NOT_CARD_CONTEXT = /(?:order|tracking|invoice|ticket|ref(?:erence)?|isbn|serial|account|imei|dummy|sample|example|test)[^0-9]{0,20}$/;
const SSN_CONTEXT = /(?:ssn|social security|soc\.? sec|\bss#|\bss no|tax ?id|\btin\b|\bitin\b)/;
const IP_CONTEXT = /(?:\bip\b|ipv[46]|address|addr|host|from|client|server|login|connect|source|src|dst|remote|peer|firewall|blocked)/;
const VERSION_CONTEXT = /(?:version|\bver\.?|\bv|build|release|firmware|oid|snmp|rev(?:ision)?|patch|update|upgrad[a-z]{0,4})\s{0,3}[:#=]?\s{0,3}$/;
/** Extensions that make `name@2x.png` look like an address. */
const FILE_SUFFIX = /^(?:png|jpe?g|gif|svg|webp|ico|js|mjs|ts|css|html?|json|ya?ml|txt|md|py|rb|go|java|lock|zip|gz|tar)$/;
const NON_PERSONAL_LOCAL = /^(?:git|noreply|no-reply|donotreply|example|user|username|test|someone|email)$/;

function cardJudge(value: string, text: string, start: number): Verdict | undefined {
  const seps = value.replace(/\d/g, '');
  if (seps.length && new Set(seps).size > 1) return undefined; // mixed separators: not one number
  const digits = digitsOf(value);
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || new Set(digits).size < 3) return undefined;
  const network = cardNetwork(digits);
  const ctx = before(text, start, 48);
  const reasons = ['luhn'];
  let score = network ? 0.85 : 0.45;
  if (network) reasons.push(`network:${network}`);
  if (CARD_CONTEXT.test(ctx)) {
    score += 0.1;
    reasons.push('card-context');
  } else if (NOT_CARD_CONTEXT.test(ctx)) {
    score -= 0.4;
    reasons.push('other-number-context');
  }
  return { score: Math.min(score, 0.99), reasons, extra: network ? { network } : undefined };
}

function ssnJudge(value: string, text: string, start: number): Verdict | undefined {
  const seps = value.replace(/\d/g, '');
  if (seps.length === 2 && seps[0] !== seps[1]) return undefined;
  if (!ssnValid(digitsOf(value))) return undefined;
  const hasContext = SSN_CONTEXT.test(before(text, start, 40));
  // Unformatted nine digits are anything (zip+4, order ids) until a keyword says otherwise.
  const base = seps === '--' ? 0.8 : seps === '  ' ? 0.55 : 0.3;
  return { score: hasContext ? 0.97 : base, reasons: hasContext ? ['ssa-rules', 'ssn-context'] : ['ssa-rules'] };
}

function ipv4Judge(value: string, text: string, start: number, end: number): Verdict | undefined {
  if (text[start - 1] === '.' || (text[end] === '.' && isDigit(text[end + 1]))) return undefined; // 1.2.3.4.5
  if (!ipv4Valid(value)) return undefined;
  const ctx = before(text, start, 32);
  if (VERSION_CONTEXT.test(ctx)) return undefined;
  const first = Number(value.split('.')[0]);
  // Loopback, "this host", multicast and netmask-like values describe no one.
  if (first === 0 || first === 127 || first >= 224) return { score: 0.3, reasons: ['non-personal-range'] };
  const reasons = ['octets-valid'];
  let score = 0.85;
  if (IP_CONTEXT.test(ctx)) {
    score = 0.95;
    reasons.push('ip-context');
  }
  return { score, reasons };
}

function ipv6Judge(value: string, text: string, start: number, end: number): Verdict | undefined {
  let v = value;
  while (v.endsWith(':') && !v.endsWith('::')) v = v.slice(0, -1);
  if (isAlnum(text[start - 1]) || text[start - 1] === ':') return undefined;
  if (!ipv6Valid(v) || !/\d/.test(v) || v.split(':').filter(Boolean).length < 3) return undefined;
  const ctx = before(text, start, 32);
  return { score: IP_CONTEXT.test(ctx) ? 0.95 : 0.85, reasons: ['ipv6-valid'], end: end - (value.length - v.length) };
}

function emailJudge(value: string): Verdict | undefined {
  const at = value.indexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  if (!/^[A-Za-z]{2,24}$/.test(tld) || FILE_SUFFIX.test(tld.toLowerCase())) return undefined;
  if (labels.some((l) => !l || l.startsWith('-') || l.endsWith('-'))) return undefined;
  if (NON_PERSONAL_LOCAL.test(local.toLowerCase())) return { score: 0.4, reasons: ['non-personal-mailbox'] };
  return { score: 0.97, reasons: ['email-shape'] };
}

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLocalPartChar = (c: number) => isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isHexChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

export const STRUCTURED_RULES: readonly StructuredRule[] = [
  {
    type: 'EMAIL',
    pattern: /\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b/y,
    anchor: { char: '@', back: 64, body: isLocalPartChar },
    judge: emailJudge,
  },
  // Grouped (4-4-4-4, 4-6-5 and the like) and unbroken card numbers.
  { type: 'CREDIT_CARD', pattern: /\b\d{4}(?:[ -]\d{3,6}){2,4}\b/g, judge: cardJudge },
  { type: 'CREDIT_CARD', pattern: /\b\d{13,19}\b/g, judge: cardJudge },
  { type: 'US_SSN', pattern: /\b\d{3}[ -]\d{2}[ -]\d{4}\b/g, judge: ssnJudge },
  { type: 'US_SSN', pattern: /\b\d{9}\b/g, judge: ssnJudge },
  { type: 'IP_ADDRESS', pattern: /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, judge: ipv4Judge },
  {
    type: 'IP_ADDRESS',
    pattern: /\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}/y,
    anchor: { char: ':', back: 4, body: isHexChar },
    judge: ipv6Judge,
  },
];

/** Rules whose every match contains an ASCII digit. */
const DIGIT_RULES = new Set(STRUCTURED_RULES.filter((r) => /^\\b\\d/.test(r.pattern.source)));

/** Matches of a global rule, or of an anchored sticky rule tried where each anchor's run begins. */
function* matches(rule: StructuredRule, text: string): Generator<RegExpExecArray> {
  const { pattern, anchor } = rule;
  if (!anchor) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) yield m;
    return;
  }
  let covered = 0;
  for (let at = text.indexOf(anchor.char); at !== -1; at = text.indexOf(anchor.char, Math.max(at + 1, covered))) {
    let start = at;
    while (start > 0 && at - start < anchor.back && anchor.body(text.charCodeAt(start - 1))) start--;
    // Try from the farthest start that begins a word: the pattern itself checks the boundary.
    for (let s = Math.max(start, covered); s <= at; s++) {
      pattern.lastIndex = s;
      const m = pattern.exec(text);
      if (m) {
        covered = s + m[0].length;
        yield m;
        break;
      }
    }
  }
}

export const structuredFinder: Finder = {
  id: 'structured',
  types: ['EMAIL', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS'],
  find(text) {
    const out: Candidate[] = [];
    // card numbers, SSNs and IPv4 addresses are digits: a text without any (most prompts) skips their scans
    const digits = /[0-9]/.test(text);
    for (const rule of STRUCTURED_RULES) {
      if (!digits && DIGIT_RULES.has(rule)) continue;
      for (const m of matches(rule, text)) {
        const start = m.index;
        const end = start + m[0].length;
        const verdict = rule.judge(m[0], text, start, end);
        if (!verdict) continue;
        out.push({ type: rule.type, start, end: verdict.end ?? end, score: verdict.score, reasons: verdict.reasons, extra: verdict.extra });
      }
    }
    return out;
  },
};

