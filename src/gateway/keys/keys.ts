// Virtual keys: high-entropy random secrets shown once and stored only as their sha256 (a fast hash is enough
// for 192 random bits: there is nothing to brute-force), public ids for logs and events, budget periods.

import { createHash, randomBytes } from 'node:crypto';
import type { BudgetPeriod, RuntimeStore, VirtualKeyRecord } from '../../store/runtime.js';

export const KEY_PREFIX = 'aispm_vk_';

/** A new key: `aispm_vk_` + 32 base64url characters (192 random bits). */
export function generateKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}

export function generateKeyId(): string {
  return `vk_${randomBytes(5).toString('hex')}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key a client presented: OpenAI's bearer token, Anthropic's x-api-key or Azure's api-key header. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') return auth.slice(7).trim();
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x) return x.trim();
  const a = headers['api-key'];
  if (typeof a === 'string' && a) return a.trim();
  return undefined;
}

/** Start of the budget period that contains `ms`, in UTC (weeks start on Monday). */
export function periodStart(period: BudgetPeriod, ms: number): number {
  const d = new Date(ms);
  switch (period) {
    case 'hour':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'week': {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

/** `30d`, `12h`, `90m`, `2w` or an ISO date → epoch ms (relative to `now`). */
export function parseWhen(v: string, now = Date.now()): number {
  const m = /^(\d+)\s*(m|h|d|w)$/i.exec(v.trim());
  if (m) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
    return now + Number(m[1]) * unit;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new Error(`expected a duration such as 30d, 12h, 90m or an ISO date, got "${v}"`);
  return t;
}

export interface BudgetUse {
  periodStart: string;
  tokens: number;
  requests: number;
}

/** What each key with a budget has used in its current period (from the store, so every gateway instance counts). */
export async function currentBudgetUse(rt: Pick<RuntimeStore, 'keyUsage'>, keys: VirtualKeyRecord[], now = Date.now()): Promise<Map<string, BudgetUse>> {
  const starts = new Map(keys.flatMap((k) => (k.budget ? [[k.id, new Date(periodStart(k.budget.period, now)).toISOString()] as const] : [])));
  const used = new Map((await rt.keyUsage([...starts].map(([keyId, start]) => ({ keyId, periodStart: start })))).map((u) => [u.keyId, u]));
  return new Map([...starts].map(([keyId, start]) => [keyId, { periodStart: start, tokens: used.get(keyId)?.tokens ?? 0, requests: used.get(keyId)?.requests ?? 0 }]));
}
