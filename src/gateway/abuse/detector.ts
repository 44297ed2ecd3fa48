// Abuse and anomaly detection over per-subject baselines. Subjects are keys (`key:<id>`) and callers
// (`ip:<address>`); each keeps an exponentially weighted baseline of requests and tokens per minute, a window
// of prompt fingerprints and, for keys, the models used while the baseline formed.
//   request / token spike: a minute above `factor` × baseline (and above an absolute floor), after warm-up;
//   prompt flooding: a prompt above max_prompt_chars;
//   model extraction: many prompts that are near-duplicates of earlier ones (SimHash within 6 of 64 bits)
//     while almost all are distinct — a template probed systematically, not a retry loop;
//   unusual model switching: more than N models never used during warm-up.
// Each raises an anomaly (the gateway turns it into an event) at most once per subject, kind and cooldown, and
// may throttle the key. The clock is injected, so tests never depend on wall time.

import type { AbuseConfig } from '../config.js';

export type AnomalyKind = 'request_spike' | 'token_spike' | 'prompt_flooding' | 'model_extraction' | 'model_switching';

export interface Anomaly {
  kind: AnomalyKind;
  subject: string;
  message: string;
  evidence: Record<string, number | string | string[]>;
}

const COOLDOWN_MS = 10 * 60_000;
const EWMA_ALPHA = 0.2;
const SIMHASH_CHARS = 4000;

interface Subject {
  minute: number;
  requests: number;
  tokens: number;
  meanRequests: number;
  meanTokens: number;
  minutesSeen: number;
  firstSeen: number;
  lastSeen: number;
  hashesHi: Uint32Array;
  hashesLo: Uint32Array;
  exact: Uint32Array;
  filled: number;
  next: number;
  nearDup: Uint8Array;
  /** Running counts over the window, kept as prompts enter and leave it (no per-request scan). */
  nearCount: number;
  exactCounts: Map<number, number>;
  warmModels: Set<string>;
  newModels: Set<string>;
  lastFired: Map<AnomalyKind, number>;
  throttledUntil: number;
}

/** FNV-1a over a string slice, with a seed so two independent 32-bit halves make a 64-bit SimHash. */
function fnv(s: string, start: number, end: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 64-bit SimHash of the word tokens of a text, as two 32-bit halves. */
const SCRATCH_HI = new Int32Array(32);
const SCRATCH_LO = new Int32Array(32);

export function simhash(text: string): [number, number] {
  const hi = SCRATCH_HI.fill(0);
  const lo = SCRATCH_LO.fill(0);
  const t = text.length > SIMHASH_CHARS ? text.slice(0, SIMHASH_CHARS) : text;
  const lower = t.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c > 127;
    if (word) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      const a = fnv(lower, start, i, 0x811c9dc5);
      const b = fnv(lower, start, i, 0x050c5d1f);
      for (let bit = 0; bit < 32; bit++) {
        hi[bit]! += (a >>> bit) & 1 ? 1 : -1;
        lo[bit]! += (b >>> bit) & 1 ? 1 : -1;
      }
      start = -1;
    }
  }
  let h = 0;
  let l = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (hi[bit]! > 0) h |= 1 << bit;
    if (lo[bit]! > 0) l |= 1 << bit;
  }
  return [h >>> 0, l >>> 0];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export class AbuseDetector {
  private readonly subjects = new Map<string, Subject>();
  private sweepAt = 0;

  constructor(
    private readonly cfg: AbuseConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private subject(id: string, now: number): Subject {
    let s = this.subjects.get(id);
    if (!s) {
      const w = this.cfg.extraction.window;
      s = {
        minute: now - (now % 60_000),
        requests: 0,
        tokens: 0,
        meanRequests: 0,
        meanTokens: 0,
        minutesSeen: 0,
        firstSeen: now,
        lastSeen: now,
        hashesHi: new Uint32Array(w),
        hashesLo: new Uint32Array(w),
        exact: new Uint32Array(w),
        filled: 0,
        next: 0,
        nearDup: new Uint8Array(w),
        nearCount: 0,
        exactCounts: new Map(),
        warmModels: new Set(),
        newModels: new Set(),
        lastFired: new Map(),
        throttledUntil: 0,
      };
      this.subjects.set(id, s);
    }
    s.lastSeen = now;
    this.roll(s, now);
    return s;
  }

  /** Closes finished minutes into the baseline (idle minutes count as zero). */
  private roll(s: Subject, now: number): void {
    const minute = now - (now % 60_000);
    if (minute === s.minute) return;
    const elapsed = Math.min(60, Math.round((minute - s.minute) / 60_000));
    for (let i = 0; i < elapsed; i++) {
      const r = i === 0 ? s.requests : 0;
      const t = i === 0 ? s.tokens : 0;
      s.meanRequests = s.minutesSeen === 0 ? r : s.meanRequests + EWMA_ALPHA * (r - s.meanRequests);
      s.meanTokens = s.minutesSeen === 0 ? t : s.meanTokens + EWMA_ALPHA * (t - s.meanTokens);
      s.minutesSeen++;
    }
    s.minute = minute;
    s.requests = 0;
    s.tokens = 0;
  }

  private warm(s: Subject): boolean {
    return s.minutesSeen >= this.cfg.warmup_minutes;
  }

  private fire(s: Subject, out: Anomaly[], a: Anomaly, now: number): void {
    const last = s.lastFired.get(a.kind);
    if (last !== undefined && now - last < COOLDOWN_MS) return;
    s.lastFired.set(a.kind, now);
    if (this.cfg.throttle_seconds > 0 && a.subject.startsWith('key:')) s.throttledUntil = now + this.cfg.throttle_seconds * 1000;
    out.push(a);
  }

  /** Whether a key is throttled because of an earlier anomaly. */
  throttled(keyId: string): number | undefined {
    const s = this.subjects.get(`key:${keyId}`);
    const now = this.now();
    return s && s.throttledUntil > now ? Math.ceil((s.throttledUntil - now) / 1000) : undefined;
  }

  /** Observes a request before it is sent; returns the anomalies it reveals. */
  observeRequest(keyId: string, caller: string, model: string | undefined, prompt: string): Anomaly[] {
    if (!this.cfg.enabled) return [];
    const now = this.now();
    const out: Anomaly[] = [];
    if (now > this.sweepAt) this.sweep(now);
    for (const id of [`key:${keyId}`, `ip:${caller}`]) {
      const s = this.subject(id, now);
      s.requests++;
      const threshold = Math.max(this.cfg.request_spike.min, this.cfg.request_spike.factor * s.meanRequests);
      if (this.warm(s) && s.requests > threshold) {
        this.fire(s, out, { kind: 'request_spike', subject: id, message: `${s.requests} requests this minute against a baseline of ${s.meanRequests.toFixed(1)} per minute`, evidence: { requests: s.requests, baseline: round(s.meanRequests), threshold: round(threshold) } }, now);
      }
      if (prompt.length > this.cfg.max_prompt_chars) {
        this.fire(s, out, { kind: 'prompt_flooding', subject: id, message: `prompt of ${prompt.length} characters (limit ${this.cfg.max_prompt_chars})`, evidence: { chars: prompt.length, limit: this.cfg.max_prompt_chars } }, now);
      }
      if (id.startsWith('key:')) {
        this.extraction(s, id, prompt, out, now);
        if (model) this.models(s, id, model, out, now);
      }
    }
    return out;
  }

  /** Observes the tokens a request used. */
  observeTokens(keyId: string, caller: string, tokens: number): Anomaly[] {
    if (!this.cfg.enabled || tokens <= 0) return [];
    const now = this.now();
    const out: Anomaly[] = [];
    for (const id of [`key:${keyId}`, `ip:${caller}`]) {
      const s = this.subject(id, now);
      s.tokens += tokens;
      const threshold = Math.max(this.cfg.token_spike.min, this.cfg.token_spike.factor * s.meanTokens);
      if (this.warm(s) && s.tokens > threshold) {
        this.fire(s, out, { kind: 'token_spike', subject: id, message: `${s.tokens} tokens this minute against a baseline of ${Math.round(s.meanTokens)} per minute`, evidence: { tokens: s.tokens, baseline: round(s.meanTokens), threshold: round(threshold) } }, now);
      }
    }
    return out;
  }

  private extraction(s: Subject, id: string, prompt: string, out: Anomaly[], now: number): void {
    if (!prompt) return;
    const cfg = this.cfg.extraction;
    const [hi, lo] = simhash(prompt);
    const exact = fnv(prompt, 0, Math.min(prompt.length, SIMHASH_CHARS * 4), 0x811c9dc5);
    let near = 0;
    for (let i = 0; i < s.filled; i++) {
      if (popcount(s.hashesHi[i]! ^ hi) + popcount(s.hashesLo[i]! ^ lo) <= 6) {
        near = 1;
        break;
      }
    }
    const w = cfg.window;
    if (s.filled === w) {
      // the oldest prompt leaves the window
      s.nearCount -= s.nearDup[s.next]!;
      const old = s.exact[s.next]!;
      const c = s.exactCounts.get(old)! - 1;
      if (c === 0) s.exactCounts.delete(old);
      else s.exactCounts.set(old, c);
    }
    s.hashesHi[s.next] = hi;
    s.hashesLo[s.next] = lo;
    s.exact[s.next] = exact;
    s.nearDup[s.next] = near;
    s.nearCount += near;
    s.exactCounts.set(exact, (s.exactCounts.get(exact) ?? 0) + 1);
    s.next = (s.next + 1) % w;
    if (s.filled < w) s.filled++;
    if (s.filled < cfg.min_requests) return;
    const nearRatio = s.nearCount / s.filled;
    const distinctRatio = s.exactCounts.size / s.filled;
    if (nearRatio >= cfg.near_duplicate_ratio && distinctRatio >= cfg.distinct_ratio) {
      this.fire(
        s,
        out,
        {
          kind: 'model_extraction',
          subject: id,
          message: `${Math.round(nearRatio * 100)}% of the last ${s.filled} prompts are near-duplicates of earlier ones while ${Math.round(distinctRatio * 100)}% are distinct: systematic probing`,
          evidence: { prompts: s.filled, nearDuplicateRatio: round(nearRatio), distinctRatio: round(distinctRatio) },
        },
        now,
      );
    }
  }

  private models(s: Subject, id: string, model: string, out: Anomaly[], now: number): void {
    if (!this.warm(s)) {
      s.warmModels.add(model);
      return;
    }
    if (s.warmModels.has(model) || s.newModels.has(model)) return;
    s.newModels.add(model);
    if (s.newModels.size > this.cfg.new_models_after_warmup) {
      this.fire(
        s,
        out,
        {
          kind: 'model_switching',
          subject: id,
          message: `${s.newModels.size} models never used before (baseline: ${[...s.warmModels].join(', ') || 'none'})`,
          evidence: { baselineModels: [...s.warmModels], newModels: [...s.newModels] },
        },
        now,
      );
    }
  }

  /** Forgets subjects idle for an hour (bounded memory under many callers). */
  private sweep(now: number): void {
    this.sweepAt = now + 60_000;
    for (const [id, s] of this.subjects) if (now - s.lastSeen > 3_600_000 && s.throttledUntil < now) this.subjects.delete(id);
  }

  get size(): number {
    return this.subjects.size;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
