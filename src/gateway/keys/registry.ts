// The gateway's view of its virtual keys: an in-memory index by hash (static keys from the config and keys from
// the store, re-read every few seconds so creations, rotations and revocations reach a running gateway), with
// per-key counters for rate limits and token budgets. Budget usage is flushed to the store as additive deltas
// and read back as totals, so several gateway instances share one budget.

import type { StaticKeyConfig } from '../config.js';
import { compileGlobs, type Matcher } from '../glob.js';
import type { RuntimeStore, VirtualKeyRecord } from '../../store/runtime.js';
import { hashKey, periodStart } from './keys.js';

/** A one-minute sliding window approximated from two fixed windows (no per-request allocation). */
class MinuteWindow {
  private start = 0;
  private current = 0;
  private previous = 0;

  private roll(now: number): void {
    const minute = now - (now % 60_000);
    if (minute === this.start) return;
    this.previous = minute - this.start === 60_000 ? this.current : 0;
    this.current = 0;
    this.start = minute;
  }

  estimate(now: number): number {
    this.roll(now);
    return this.previous * (1 - (now - this.start) / 60_000) + this.current;
  }

  add(n: number, now: number): void {
    this.roll(now);
    this.current += n;
  }
}

export interface KeyEntry {
  record: VirtualKeyRecord;
  allowsModel: Matcher;
  expiresAtMs: number;
  requests: MinuteWindow;
  tokens: MinuteWindow;
  /** Budget period currently counted, its total as last read from the store, and local usage not yet flushed. */
  budgetPeriod: number;
  budgetBase: number;
  budgetPending: number;
  /** Requests not yet flushed (counted with the tokens). */
  requestsPending: number;
}

export type KeyVerdict =
  | { ok: true; entry: KeyEntry }
  | { ok: false; kind: 'unauthorized' | 'model_not_allowed' | 'rate_limited' | 'budget_exceeded'; message: string; retryAfterSeconds?: number };

function entryOf(record: VirtualKeyRecord, prior?: KeyEntry): KeyEntry {
  return {
    record,
    allowsModel: compileGlobs(record.models),
    expiresAtMs: record.expiresAt ? Date.parse(record.expiresAt) : Infinity,
    requests: prior?.requests ?? new MinuteWindow(),
    tokens: prior?.tokens ?? new MinuteWindow(),
    budgetPeriod: prior?.budgetPeriod ?? 0,
    budgetBase: prior?.budgetBase ?? 0,
    budgetPending: prior?.budgetPending ?? 0,
    requestsPending: prior?.requestsPending ?? 0,
  };
}

export function staticKeyRecord(k: StaticKeyConfig): VirtualKeyRecord {
  return {
    id: k.id ?? `static:${k.name}`,
    name: k.name,
    ...(k.app ? { app: k.app } : {}),
    ...(k.team ? { team: k.team } : {}),
    keyHash: k.sha256 ?? hashKey(k.key!),
    models: k.models ?? [],
    ...(k.budget ? { budget: k.budget } : {}),
    ...(k.rate_limit ? { rateLimit: { requestsPerMinute: k.rate_limit.requests_per_minute, tokensPerMinute: k.rate_limit.tokens_per_minute } } : {}),
    ...(k.expires_at ? { expiresAt: new Date(k.expires_at).toISOString() } : {}),
    status: 'active',
    createdAt: new Date(0).toISOString(),
  };
}

/** How many presented keys keep their hash cached (an application sends the same key on every request). */
const HASH_CACHE_SIZE = 1024;

export class KeyRegistry {
  private byHash = new Map<string, KeyEntry>();
  /**
   * sha256 of recently presented keys: hashing is a tenth of the gateway's own time per request. Only the hash
   * decides, and the table changes on refresh, so caching the hash (not the entry) keeps revocation immediate.
   * Bounded and cleared when full, so keys sprayed by a client cannot grow it.
   */
  private readonly hashes = new Map<string, string>();
  /** Hashes replaced by a rotation → (entry id, accepted until). */
  private previous = new Map<string, { id: string; until: number }>();
  private byId = new Map<string, KeyEntry>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly staticKeys: VirtualKeyRecord[],
    private readonly store: RuntimeStore | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.rebuild([]);
  }

  get size(): number {
    return this.byId.size;
  }

  private rebuild(fromStore: VirtualKeyRecord[]): void {
    const byHash = new Map<string, KeyEntry>();
    const byId = new Map<string, KeyEntry>();
    const previous = new Map<string, { id: string; until: number }>();
    for (const rec of [...this.staticKeys, ...fromStore]) {
      if (rec.status !== 'active') continue;
      const entry = entryOf(rec, this.byId.get(rec.id));
      byHash.set(rec.keyHash, entry);
      byId.set(rec.id, entry);
      if (rec.prevHash && rec.prevExpiresAt) previous.set(rec.prevHash, { id: rec.id, until: Date.parse(rec.prevExpiresAt) });
    }
    this.byHash = byHash;
    this.byId = byId;
    this.previous = previous;
  }

  /** Loads keys from the store and starts the periodic refresh. */
  async start(refreshSeconds: number): Promise<void> {
    await this.refresh();
    if (this.store) {
      this.timer = setInterval(() => void this.refresh().catch(() => undefined), refreshSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Flushes local usage, re-reads keys and budget totals. Concurrent calls share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (!this.store) return;
    await this.flush();
    this.rebuild(await this.store.listKeys());
    const pairs: Array<{ keyId: string; periodStart: string }> = [];
    for (const e of this.byId.values()) {
      if (!e.record.budget || e.record.id.startsWith('static:')) continue;
      const start = periodStart(e.record.budget.period, this.now());
      pairs.push({ keyId: e.record.id, periodStart: new Date(start).toISOString() });
    }
    const totals = await this.store.keyUsage(pairs);
    const byKey = new Map(totals.map((t) => [t.keyId, t]));
    for (const p of pairs) {
      const e = this.byId.get(p.keyId)!;
      const start = Date.parse(p.periodStart);
      if (e.budgetPeriod !== start) {
        e.budgetPeriod = start;
        e.budgetPending = 0;
      }
      e.budgetBase = byKey.get(p.keyId)?.tokens ?? 0;
    }
  }

  /** Writes local usage deltas to the store. */
  async flush(): Promise<void> {
    if (!this.store) return;
    const deltas = [];
    for (const e of this.byId.values()) {
      if (e.record.id.startsWith('static:') || (e.budgetPending === 0 && e.requestsPending === 0) || !e.budgetPeriod) continue;
      deltas.push({ keyId: e.record.id, periodStart: new Date(e.budgetPeriod).toISOString(), tokens: e.budgetPending, requests: e.requestsPending });
      // counted into the base so the budget stays exact until the next read of the totals
      e.budgetBase += e.budgetPending;
      e.budgetPending = 0;
      e.requestsPending = 0;
    }
    await this.store.addKeyUsage(deltas);
  }

  lookup(key: string | undefined): KeyEntry | undefined {
    if (!key) return undefined;
    let hash = this.hashes.get(key);
    if (hash === undefined) {
      hash = hashKey(key);
      if (this.hashes.size >= HASH_CACHE_SIZE) this.hashes.clear();
      this.hashes.set(key, hash);
    }
    const e = this.byHash.get(hash);
    if (e) return e;
    const prev = this.previous.get(hash);
    if (prev && prev.until > this.now()) return this.byId.get(prev.id);
    return undefined;
  }

  /** Authenticates and admits a request for `model` (limits are checked, nothing is counted yet). */
  admit(key: string | undefined, model: string | undefined): KeyVerdict {
    const entry = this.lookup(key);
    if (!entry) return { ok: false, kind: 'unauthorized', message: key ? 'Invalid API key: this gateway does not know it.' : 'Missing API key.' };
    const now = this.now();
    if (entry.expiresAtMs <= now) return { ok: false, kind: 'unauthorized', message: `API key ${entry.record.id} expired at ${entry.record.expiresAt}.` };
    if (model !== undefined && !entry.allowsModel(model)) {
      return { ok: false, kind: 'model_not_allowed', message: `API key ${entry.record.id} may not use model ${model}.` };
    }
    const rl = entry.record.rateLimit;
    if (rl?.requestsPerMinute !== undefined && entry.requests.estimate(now) >= rl.requestsPerMinute) {
      return { ok: false, kind: 'rate_limited', message: `Rate limit of ${rl.requestsPerMinute} requests per minute reached for key ${entry.record.id}.`, retryAfterSeconds: retryAfter(now) };
    }
    if (rl?.tokensPerMinute !== undefined && entry.tokens.estimate(now) >= rl.tokensPerMinute) {
      return { ok: false, kind: 'rate_limited', message: `Rate limit of ${rl.tokensPerMinute} tokens per minute reached for key ${entry.record.id}.`, retryAfterSeconds: retryAfter(now) };
    }
    const budget = entry.record.budget;
    if (budget) {
      this.rollBudget(entry, now);
      if (entry.budgetBase + entry.budgetPending >= budget.tokens) {
        return { ok: false, kind: 'budget_exceeded', message: `Token budget of ${budget.tokens} per ${budget.period} used up for key ${entry.record.id}.` };
      }
    }
    return { ok: true, entry };
  }

  private rollBudget(entry: KeyEntry, now: number): void {
    const start = periodStart(entry.record.budget!.period, now);
    if (start !== entry.budgetPeriod) {
      if (entry.budgetPending && this.store) void this.flush().catch(() => undefined);
      entry.budgetPeriod = start;
      entry.budgetBase = 0;
      entry.budgetPending = 0;
    }
  }

  /** Counts a request when it is sent upstream. */
  countRequest(entry: KeyEntry): void {
    entry.requests.add(1, this.now());
    entry.requestsPending++;
  }

  /** Counts the tokens a request used once they are known. */
  countTokens(entry: KeyEntry, tokens: number): void {
    const now = this.now();
    entry.tokens.add(tokens, now);
    if (entry.record.budget) {
      this.rollBudget(entry, now);
      entry.budgetPending += tokens;
    }
  }

  /** Tokens left in the key's current budget period (undefined without a budget). */
  budgetLeft(entry: KeyEntry): number | undefined {
    if (!entry.record.budget) return undefined;
    return Math.max(0, entry.record.budget.tokens - entry.budgetBase - entry.budgetPending);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => undefined);
    await this.flush().catch(() => undefined);
  }
}

function retryAfter(now: number): number {
  return Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));
}
