// The secrets detector: finds credentials in text and reports where they are, how sure it is and a masked
// rendering, never the value itself. Prefixed formats are regex rules (rules.ts); PEM blocks, service-account
// JSON, URL passwords and secret-like assignments are procedural finders. Where two findings overlap, the
// whole credential and the more specific rule win.
import { maskValue } from '../../util/mask.js';
import { lineIndex, type Detection, type TextDetector } from '../types.js';
import { PRIORITY, type Candidate, type Finder } from './candidate.js';
import { connectionStringFinder } from './connection-string.js';
import { repeatedUnit, sequentialShare, shannonEntropy, charClasses } from './entropy.js';
import { genericFinder } from './generic.js';
import { hasPlaceholderMarker } from './placeholders.js';
import { KeywordPrefilter } from './prefilter.js';
import { privateKeyFinder } from './private-key.js';
import { PATTERN_RULES, type PatternRule } from './rules.js';
import { serviceAccountFinder } from './service-account.js';
import { keepNonOverlapping } from '../overlap.js';

export { PATTERN_RULES } from './rules.js';

export const FINDERS: readonly Finder[] = [serviceAccountFinder, privateKeyFinder, connectionStringFinder, genericFinder];

const prefilter = new KeywordPrefilter([...PATTERN_RULES.flatMap((r) => r.keywords), ...FINDERS.flatMap((f) => f.keywords)]);

/** Low-variety bodies (a repeated letter, a keyboard sequence) keep a structurally exact match at low score. */
function lowVariety(value: string): boolean {
  const tail = value.slice(-Math.min(24, value.length));
  return repeatedUnit(tail) !== undefined || sequentialShare(value) > 0.45 || (value.length >= 20 && shannonEntropy(value) < 3);
}

function contextHolds(rule: PatternRule, text: string, start: number, end: number, fileCache: Map<RegExp, boolean>): boolean {
  const ctx = rule.context;
  if (!ctx) return true;
  if (ctx.file) {
    if (!fileCache.has(ctx.file)) fileCache.set(ctx.file, ctx.file.test(text));
    if (!fileCache.get(ctx.file)) return false;
  }
  const window = ctx.window ?? 64;
  if (ctx.before.test(text.slice(Math.max(0, start - window), start))) return true;
  return ctx.after === true && ctx.before.test(text.slice(end, end + window));
}

/**
 * Whether a context regex can be asked once of the whole text: without anchors, word boundaries or
 * lookarounds, a match inside any window of the text is a match in the text, so no match anywhere means the
 * context holds nowhere and the rule's own (often costlier) pattern need not run at all.
 */
function testableAnywhere(re: RegExp): boolean {
  return !/[gy]/.test(re.flags) && !/[\^$]|\\[bB]|\(\?<?[=!]/.test(re.source);
}
const CONTEXT_ANYWHERE = new Map(PATTERN_RULES.filter((r) => r.context && testableAnywhere(r.context.before)).map((r) => [r, r.context!.before]));

/** False when no value anywhere in the text can pass the rule's context (see CONTEXT_ANYWHERE). */
function contextPossible(rule: PatternRule, text: string, fileCache: Map<RegExp, boolean>): boolean {
  const ctx = rule.context;
  if (!ctx) return true;
  if (ctx.file) {
    if (!fileCache.has(ctx.file)) fileCache.set(ctx.file, ctx.file.test(text));
    if (!fileCache.get(ctx.file)) return false;
  }
  const before = CONTEXT_ANYWHERE.get(rule);
  if (!before) return true;
  if (!fileCache.has(before)) fileCache.set(before, before.test(text));
  return fileCache.get(before)!;
}

function runRule(rule: PatternRule, text: string, fileCache: Map<RegExp, boolean>): Candidate[] {
  const out: Candidate[] = [];
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [start, end] = m.indices![1];
    const value = m[1];
    if (hasPlaceholderMarker(value)) continue;
    if (rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) continue;
    if (rule.mixed) {
      const c = charClasses(value);
      if (c.digit === 0 || c.lower + c.upper === 0) continue;
    }
    if (!contextHolds(rule, text, start, end, fileCache)) continue;
    let score = rule.confidence;
    const reasons = [rule.context ? 'keyword-context' : 'format'];
    if (rule.validate) {
      const verdict = rule.validate(value);
      if (!verdict.keep) continue;
      if (verdict.score !== undefined) score = verdict.score;
      if (verdict.reason) reasons.push(verdict.reason);
    }
    if (lowVariety(value)) {
      score = Math.min(score, 0.35);
      reasons.push('low-variety');
    }
    out.push({
      rule: rule.id,
      provider: rule.provider,
      severity: rule.severity,
      start,
      end,
      score,
      reasons,
      priority: rule.id === 'jwt' ? PRIORITY.jwt : rule.context ? PRIORITY.gated : PRIORITY.prefixed,
    });
  }
  return out;
}

/** AWS secret keys are judged with their access key id: paired keys are sure, lone ones less so. */
const PAIRED_RULES = PATTERN_RULES.filter((r) => r.pairWith);

function applyPairing(candidates: Candidate[]): void {
  for (const rule of PAIRED_RULES) {
    const { rule: partner, window, unpairedScore } = rule.pairWith!;
    const partners = candidates.filter((c) => c.rule === partner);
    for (const c of candidates) {
      if (c.rule !== rule.id) continue;
      const near = partners.find((p) => Math.abs(p.start - c.start) <= window);
      if (near) {
        c.reasons.push(`paired-with:${partner}`);
        c.extra = { ...c.extra, pairedWith: { start: near.start, end: near.end } };
      } else {
        c.score = Math.min(c.score, unpairedScore);
        c.reasons.push('unpaired');
      }
    }
  }
}

/** Keeps the best of overlapping candidates: higher priority, then longer span, then earlier rule. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ranked = candidates
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.priority - a.c.priority || b.c.end - b.c.start - (a.c.end - a.c.start) || a.order - b.order);
  return keepNonOverlapping(ranked.map((r) => r.c));
}

function detect(text: string, known?: ReadonlySet<string>): Detection[] {
  if (!text) return [];
  const present = known ?? prefilter.present(text);
  if (!present.size) return []; // no rule or finder can match (short texts, e.g. dataset cells, mostly end here)
  const fileCache = new Map<RegExp, boolean>();
  const candidates: Candidate[] = [];
  for (const rule of PATTERN_RULES) {
    if (rule.keywords.some((k) => present.has(k)) && contextPossible(rule, text, fileCache)) candidates.push(...runRule(rule, text, fileCache));
  }
  for (const finder of FINDERS) {
    if (finder.keywords.some((k) => present.has(k))) candidates.push(...finder.find(text, present));
  }
  if (!candidates.length) return []; // most texts: no line index to build
  applyPairing(candidates);
  const lineOf = lineIndex(text);
  return resolveOverlaps(candidates).map((c) => {
    const line = lineOf(c.start);
    const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
    return {
      type: c.rule,
      start: c.start,
      end: c.end,
      line,
      column: c.start - lineStart + 1,
      score: Number(c.score.toFixed(2)),
      masked: maskValue(text.slice(c.start, c.end)),
      reasons: c.reasons,
      provider: c.provider,
      severity: c.severity,
      ...c.extra,
    };
  });
}

/**
 * The secret keywords in UTF-8 bytes, as the detector's prefilter finds them in the decoded text. The scan
 * asks this of a file's bytes first: most files hold none and are then never decoded for this detector.
 */
export function secretKeywordsInUtf8(bytes: Uint8Array): ReadonlySet<string> {
  return prefilter.presentInUtf8(bytes);
}

/** The detector over a text whose keywords are already known (from `secretKeywordsInUtf8` over its bytes). */
export function detectSecretsWithKeywords(text: string, keywords: ReadonlySet<string>): Detection[] {
  return detect(text, keywords);
}

export const secretsDetector: TextDetector = {
  id: 'secrets',
  version: '1.0.0',
  detect: (text: string) => detect(text),
};

export { CREDENTIALS as URL_CREDENTIALS_PATTERN } from './connection-string.js';
export { BEGIN as PEM_BEGIN_PATTERN, END as PEM_END_PATTERN } from './private-key.js';
export { MARKER as SERVICE_ACCOUNT_PATTERN, PRIVATE_KEY_FIELD as SERVICE_ACCOUNT_KEY_PATTERN } from './service-account.js';
export { NAME_HIT as SECRET_NAME_PATTERN } from './generic.js';
