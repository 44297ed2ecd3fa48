// Runs the guardrails of one hook over the texts of a request, a response or a tool call. This is the one place
// where failures and latency budgets are applied: a guardrail that throws, times out (webhooks are cut off at
// their budget) or whose condition cannot be evaluated fails open (ignored, recorded) or closed (blocks with
// "guardrail unavailable"). Built-in detectors are synchronous and cannot be cut off; when they overrun their
// budget the result is kept and the overrun is recorded. Detectors shared by several guardrails run once.

import { TEXT_DETECTORS } from '../../detectors/index.js';
import type { GuardrailHook } from '../config.js';
import type { Guardrail } from './compile.js';
import { callWebhookGuardrail } from './webhook.js';

/** One detection: where it is and what it is, never the matched text. */
export interface Hit {
  detector: string;
  type: string;
  score: number;
  /** Index of the text it was found in. */
  slot: number;
  start: number;
  end: number;
}

export interface GuardrailResult {
  guardrail: Guardrail;
  fired: boolean;
  detections: Hit[];
  ms: number;
  error?: string;
  overBudget?: boolean;
}

export interface HookInput {
  hook: GuardrailHook;
  texts: string[];
  roles: string[];
  /** The CEL `request` map (built once per request, only when a condition needs it). */
  request: () => Record<string, unknown>;
  tool?: { name: string; arguments: string; direction: 'call' | 'result' };
  /** Streams: only detections ending after this offset are new (earlier ones were judged with earlier chunks). */
  from?: number;
}

export interface HookOutcome {
  /** Guardrails that fired or failed (the others are not reported). */
  results: GuardrailResult[];
  block?: { guardrail: Guardrail; message: string; unavailable: boolean };
  /** Spans to redact, with whether their originals are restored in the response. */
  redactions: Array<Hit & { restore: boolean }>;
}

const NO_TOOL = Object.freeze({ name: '', arguments: '', direction: '' });

type DetectorCache = Map<string, Hit[]>;

/** Detector options and cache key per set of types, built once: guardrails (and their sets) live as long as the config. */
const RESTRICTIONS = new WeakMap<ReadonlySet<string>, { key: string; options: { types: readonly string[] } }>();

function restrictedTo(types: ReadonlySet<string>): { key: string; options: { types: readonly string[] } } {
  let r = RESTRICTIONS.get(types);
  if (!r) RESTRICTIONS.set(types, (r = { key: `pii:${[...types].join(',')}`, options: { types: [...types] } }));
  return r;
}

function builtin(g: Guardrail & { detector: 'secrets' | 'pii' | 'injection' }, input: HookInput, cache: DetectorCache): Hit[] {
  const { detector } = g;
  // the PII detector skips finders whose kinds cannot matter to the guardrail's types (same detections)
  const restricted = detector === 'pii' && g.types ? restrictedTo(g.types) : undefined;
  const key = restricted ? restricted.key : detector;
  const types = restricted?.options;
  let hits = cache.get(key);
  if (hits) return hits;
  hits = [];
  const d = TEXT_DETECTORS[detector]!;
  for (let slot = 0; slot < input.texts.length; slot++) {
    for (const det of d.detect(input.texts[slot]!, types)) hits.push({ detector, type: det.type, score: det.score, slot, start: det.start, end: det.end });
  }
  cache.set(key, hits);
  return hits;
}

function regexHits(patterns: RegExp[], input: HookInput): Hit[] {
  const hits: Hit[] = [];
  for (let slot = 0; slot < input.texts.length; slot++) {
    const text = input.texts[slot]!;
    patterns.forEach((re, i) => {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        hits.push({ detector: 'regex', type: `regex:${i}`, score: 1, slot, start: m.index, end: m.index + m[0].length });
      }
    });
  }
  return hits;
}

function filter(g: Guardrail, hits: Hit[]): Hit[] {
  if (!g.types && g.minScore <= 0) return hits;
  return hits.filter((h) => (!g.types || g.types.has(h.type)) && h.score >= g.minScore);
}

function decide(g: Guardrail, hits: Hit[], input: HookInput): boolean {
  if (!g.condition) return hits.length > 0;
  const detections = hits.map((h) => ({ detector: h.detector, type: h.type, score: h.score, role: input.roles[h.slot] ?? '' }));
  const tool = input.tool ?? NO_TOOL;
  return g.condition({ request: input.request(), detections, tool, hook: input.hook } as never) === true;
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} exceeded its latency budget of ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The hits of a detector that answers at once (every kind but webhooks). */
function localHits(g: Guardrail, input: HookInput, cache: DetectorCache): Hit[] {
  switch (g.detector) {
    case 'secrets':
    case 'pii':
    case 'injection':
      return builtin(g as Guardrail & { detector: typeof g.detector }, input, cache);
    case 'regex':
      return regexHits(g.patterns!, input);
    default:
      return [];
  }
}

async function webhookHits(g: Guardrail, input: HookInput): Promise<Hit[]> {
  const ac = new AbortController();
  try {
    return await timeout(callWebhookGuardrail(g, input, ac.signal), g.latencyBudgetMs, `guardrail ${g.id}`);
  } finally {
    ac.abort();
  }
}

/** The verdict of one guardrail on the hits (or the failure) of its detector. */
function verdict(g: Guardrail, input: HookInput, t0: number, found: () => Hit[]): GuardrailResult {
  let hits: Hit[] = [];
  let fired = false;
  let error: string | undefined;
  try {
    hits = filter(g, found());
    if (input.from) hits = hits.filter((h) => h.end > input.from!);
    fired = decide(g, hits, input);
  } catch (e) {
    error = (e as Error).message ?? String(e);
  }
  const ms = performance.now() - t0;
  return { guardrail: g, fired, detections: fired ? hits : [], ms, ...(error ? { error } : {}), ...(ms > g.latencyBudgetMs ? { overBudget: true } : {}) };
}

/** One guardrail. Only webhooks wait: built-in detectors are judged synchronously, without a promise per guardrail. */
function runOne(g: Guardrail, input: HookInput, cache: DetectorCache): GuardrailResult | Promise<GuardrailResult> {
  const t0 = performance.now();
  if (g.detector !== 'webhook') return verdict(g, input, t0, () => localHits(g, input, cache));
  return webhookHits(g, input).then(
    (hits) => verdict(g, input, t0, () => hits),
    (e: unknown) => verdict(g, input, t0, () => {
      throw e;
    }),
  );
}

/** Runs a hook's guardrails (strictest first) and combines their verdicts. */
export async function runHook(guardrails: readonly Guardrail[], input: HookInput): Promise<HookOutcome> {
  const out: HookOutcome = { results: [], redactions: [] };
  if (!guardrails.length || !input.texts.length && !input.tool) return out;
  const cache: DetectorCache = new Map();
  for (const g of guardrails) {
    const pending = runOne(g, input, cache);
    const r = pending instanceof Promise ? await pending : pending;
    if (r.error) {
      out.results.push(r);
      if (g.onError === 'fail_closed') {
        out.block = { guardrail: g, message: `Request refused: guardrail ${g.id} is unavailable (${r.error}).`, unavailable: true };
        return out;
      }
      continue;
    }
    if (!r.fired) continue;
    out.results.push(r);
    if (g.action === 'block') {
      out.block = { guardrail: g, message: g.message ?? `Request blocked by guardrail ${g.id}.`, unavailable: false };
      return out;
    }
    if (g.action === 'redact') for (const h of r.detections) out.redactions.push({ ...h, restore: g.restore });
  }
  return out;
}
