// The gateway's tables (migration 005): virtual keys stored hashed, additive usage counters per key and budget
// period (so instances share budgets), security events, and runtime usage that becomes inventory.
// Same SQL on PGlite and PostgreSQL; bigint columns come back as strings from pg, so they pass through Number().

import type { Db, Queryable } from './db.js';
import { toIso } from './rows.js';

export type BudgetPeriod = 'hour' | 'day' | 'week' | 'month';

export interface VirtualKeyRecord {
  id: string;
  name: string;
  app?: string;
  team?: string;
  /** sha256 hex of the key. */
  keyHash: string;
  /** The key replaced by the last rotation, still accepted until `prevExpiresAt`. */
  prevHash?: string;
  prevExpiresAt?: string;
  /** Model globs; empty means every model the routes serve. */
  models: string[];
  budget?: { tokens: number; period: BudgetPeriod };
  rateLimit?: { requestsPerMinute?: number; tokensPerMinute?: number };
  expiresAt?: string;
  status: 'active' | 'revoked';
  createdAt: string;
  rotatedAt?: string;
  revokedAt?: string;
}

interface KeyRow {
  id: string;
  name: string;
  app: string | null;
  team: string | null;
  key_hash: string;
  prev_hash: string | null;
  prev_expires_at: Date | string | null;
  models: string[];
  budget_tokens: string | number | null;
  budget_period: BudgetPeriod | null;
  rpm: number | null;
  tpm: number | null;
  expires_at: Date | string | null;
  status: 'active' | 'revoked';
  created_at: Date | string;
  rotated_at: Date | string | null;
  revoked_at: Date | string | null;
}

function keyFromRow(r: KeyRow): VirtualKeyRecord {
  const k: VirtualKeyRecord = { id: r.id, name: r.name, keyHash: r.key_hash, models: r.models ?? [], status: r.status, createdAt: toIso(r.created_at)! };
  if (r.app) k.app = r.app;
  if (r.team) k.team = r.team;
  if (r.prev_hash) k.prevHash = r.prev_hash;
  if (r.prev_expires_at) k.prevExpiresAt = toIso(r.prev_expires_at)!;
  if (r.budget_tokens !== null && r.budget_period) k.budget = { tokens: Number(r.budget_tokens), period: r.budget_period };
  if (r.rpm !== null || r.tpm !== null) k.rateLimit = { ...(r.rpm !== null ? { requestsPerMinute: r.rpm } : {}), ...(r.tpm !== null ? { tokensPerMinute: r.tpm } : {}) };
  if (r.expires_at) k.expiresAt = toIso(r.expires_at)!;
  if (r.rotated_at) k.rotatedAt = toIso(r.rotated_at)!;
  if (r.revoked_at) k.revokedAt = toIso(r.revoked_at)!;
  return k;
}

export interface KeyUsageDelta {
  keyId: string;
  periodStart: string;
  tokens: number;
  requests: number;
}

export interface RuntimeUsageDelta {
  app: string;
  keyId: string;
  provider: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  blocked: number;
  firstSeen: string;
  lastSeen: string;
}

export interface RuntimeUsageRow extends RuntimeUsageDelta {}

/** The columns `gateway_events` indexes beside the OCSF event itself (the gateway's events carry the same). */
export interface GatewayEventColumns {
  classUid: number;
  severityId: number;
  action?: string;
  keyId?: string;
  app?: string;
  provider?: string;
  model?: string;
}

export interface StoredGatewayEvent extends GatewayEventColumns {
  time: string;
  event: Record<string, unknown>;
}

/** A `gateway_events` row as `GATEWAY_EVENT_COLUMNS` selects it. */
export interface GatewayEventRow {
  id: string | number;
  time: Date | string;
  class_uid: number;
  severity_id: number;
  action: string | null;
  key_id: string | null;
  app: string | null;
  provider: string | null;
  model: string | null;
  event: Record<string, unknown>;
}

export const GATEWAY_EVENT_COLUMNS = 'id, time, class_uid, severity_id, action, key_id, app, provider, model, event';

export class KeyNotFoundError extends Error {}

export interface RuntimeStore {
  createKey(k: VirtualKeyRecord): Promise<VirtualKeyRecord>;
  /** By id or name. */
  getKey(idOrName: string): Promise<VirtualKeyRecord | undefined>;
  listKeys(opts?: { includeRevoked?: boolean }): Promise<VirtualKeyRecord[]>;
  /** Replaces the key hash; the old key keeps working until `graceUntil` (none when omitted). */
  rotateKey(idOrName: string, newHash: string, graceUntil?: string): Promise<VirtualKeyRecord>;
  revokeKey(idOrName: string): Promise<VirtualKeyRecord>;
  /** Adds usage to the per-period counters (additive, so instances can share a budget). */
  addKeyUsage(deltas: KeyUsageDelta[]): Promise<void>;
  /** Totals for the given (key, period start) pairs. */
  keyUsage(pairs: Array<{ keyId: string; periodStart: string }>): Promise<KeyUsageDelta[]>;
  insertEvents(events: StoredGatewayEvent[]): Promise<void>;
  listEvents(opts?: { limit?: number; keyId?: string }): Promise<StoredGatewayEvent[]>;
  addRuntimeUsage(deltas: RuntimeUsageDelta[]): Promise<void>;
  runtimeUsage(): Promise<RuntimeUsageRow[]>;
}

const KEY_COLUMNS =
  'id, name, app, team, key_hash, prev_hash, prev_expires_at, models, budget_tokens, budget_period, rpm, tpm, expires_at, status, created_at, rotated_at, revoked_at';

async function findKey(q: Queryable, idOrName: string): Promise<VirtualKeyRecord | undefined> {
  const rows = await q.query<KeyRow>(`select ${KEY_COLUMNS} from gateway_keys where id = $1 or name = $1 order by (id = $1) desc limit 1`, [idOrName]);
  return rows[0] ? keyFromRow(rows[0]) : undefined;
}

/**
 * Virtual-key management over any connection, a transaction included (the server writes the key and its audit entry
 * in one): each operation is one statement.
 */
export function keyStore(q: Queryable): Pick<RuntimeStore, 'createKey' | 'getKey' | 'listKeys' | 'rotateKey' | 'revokeKey'> {
  const mustFind = async (idOrName: string) => {
    const k = await findKey(q, idOrName);
    if (!k) throw new KeyNotFoundError(`no gateway key ${idOrName}`);
    return k;
  };
  return {
    async createKey(k) {
      const rows = await q.query<KeyRow>(
        `insert into gateway_keys (id, name, app, team, key_hash, models, budget_tokens, budget_period, rpm, tpm, expires_at, status, created_at)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, 'active', $12) returning ${KEY_COLUMNS}`,
        [
          k.id,
          k.name,
          k.app ?? null,
          k.team ?? null,
          k.keyHash,
          JSON.stringify(k.models ?? []),
          k.budget?.tokens ?? null,
          k.budget?.period ?? null,
          k.rateLimit?.requestsPerMinute ?? null,
          k.rateLimit?.tokensPerMinute ?? null,
          k.expiresAt ?? null,
          k.createdAt,
        ],
      );
      return keyFromRow(rows[0]!);
    },
    getKey: (idOrName) => findKey(q, idOrName),
    async listKeys(opts = {}) {
      const rows = await q.query<KeyRow>(`select ${KEY_COLUMNS} from gateway_keys ${opts.includeRevoked ? '' : "where status = 'active'"} order by created_at, id`);
      return rows.map(keyFromRow);
    },
    async rotateKey(idOrName, newHash, graceUntil) {
      // found and changed in one statement, so that a concurrent revocation cannot be undone by a rotation
      const rows = await q.query<KeyRow>(
        `update gateway_keys set prev_hash = case when $3::timestamptz is null then null else key_hash end, prev_expires_at = $3::timestamptz,
           key_hash = $2, rotated_at = now()
         where id = (select id from gateway_keys where id = $1 or name = $1 order by (id = $1) desc limit 1) and status = 'active'
         returning ${KEY_COLUMNS}`,
        [idOrName, newHash, graceUntil ?? null],
      );
      if (rows[0]) return keyFromRow(rows[0]);
      await mustFind(idOrName);
      throw new KeyNotFoundError(`gateway key ${idOrName} is revoked`);
    },
    async revokeKey(idOrName) {
      const k = await mustFind(idOrName);
      const rows = await q.query<KeyRow>(
        `update gateway_keys set status = 'revoked', revoked_at = coalesce(revoked_at, now()), prev_hash = null, prev_expires_at = null where id = $1 returning ${KEY_COLUMNS}`,
        [k.id],
      );
      return keyFromRow(rows[0]!);
    },
  };
}

export function runtimeStore(db: Db): RuntimeStore {
  return {
    ...keyStore(db),
    async addKeyUsage(deltas) {
      if (!deltas.length) return;
      await db.query(
        `insert into gateway_key_usage (key_id, period_start, tokens, requests)
         select r.key_id, r.period_start, r.tokens, r.requests
         from jsonb_to_recordset($1::jsonb) as r(key_id text, period_start timestamptz, tokens bigint, requests bigint)
         where exists (select 1 from gateway_keys k where k.id = r.key_id)
         on conflict (key_id, period_start) do update set tokens = gateway_key_usage.tokens + excluded.tokens,
           requests = gateway_key_usage.requests + excluded.requests`,
        [JSON.stringify(deltas.map((d) => ({ key_id: d.keyId, period_start: d.periodStart, tokens: d.tokens, requests: d.requests })))],
      );
    },
    async keyUsage(pairs) {
      if (!pairs.length) return [];
      const rows = await db.query<{ key_id: string; period_start: Date | string; tokens: string | number; requests: string | number }>(
        `select u.key_id, u.period_start, u.tokens, u.requests from gateway_key_usage u
         join jsonb_to_recordset($1::jsonb) as r(key_id text, period_start timestamptz) on r.key_id = u.key_id and r.period_start = u.period_start`,
        [JSON.stringify(pairs.map((p) => ({ key_id: p.keyId, period_start: p.periodStart })))],
      );
      return rows.map((r) => ({ keyId: r.key_id, periodStart: toIso(r.period_start)!, tokens: Number(r.tokens), requests: Number(r.requests) }));
    },
    async insertEvents(events) {
      if (!events.length) return;
      await db.query(
        `insert into gateway_events (time, class_uid, severity_id, action, key_id, app, provider, model, event)
         select r.time, r.class_uid, r.severity_id, r.action, r.key_id, r.app, r.provider, r.model, r.event
         from jsonb_to_recordset($1::jsonb) as r(time timestamptz, class_uid integer, severity_id integer, action text, key_id text,
           app text, provider text, model text, event jsonb)`,
        [
          JSON.stringify(
            events.map((e) => ({
              time: e.time,
              class_uid: e.classUid,
              severity_id: e.severityId,
              action: e.action ?? null,
              key_id: e.keyId ?? null,
              app: e.app ?? null,
              provider: e.provider ?? null,
              model: e.model ?? null,
              event: e.event,
            })),
          ),
        ],
      );
    },
    async listEvents(opts = {}) {
      const params: (string | number)[] = [opts.limit ?? 100];
      const where = opts.keyId ? 'where key_id = $2' : '';
      if (opts.keyId) params.push(opts.keyId);
      const rows = await db.query<GatewayEventRow>(`select ${GATEWAY_EVENT_COLUMNS} from gateway_events ${where} order by id desc limit $1`, params);
      return rows.map((r) => ({
        time: toIso(r.time)!,
        classUid: r.class_uid,
        severityId: r.severity_id,
        ...(r.action ? { action: r.action } : {}),
        ...(r.key_id ? { keyId: r.key_id } : {}),
        ...(r.app ? { app: r.app } : {}),
        ...(r.provider ? { provider: r.provider } : {}),
        ...(r.model ? { model: r.model } : {}),
        event: r.event,
      }));
    },
    async addRuntimeUsage(deltas) {
      if (!deltas.length) return;
      await db.query(
        `insert into gateway_usage (app, key_id, provider, model, requests, input_tokens, output_tokens, blocked, first_seen, last_seen)
         select r.app, r.key_id, r.provider, r.model, r.requests, r.input_tokens, r.output_tokens, r.blocked, r.first_seen, r.last_seen
         from jsonb_to_recordset($1::jsonb) as r(app text, key_id text, provider text, model text, requests bigint, input_tokens bigint,
           output_tokens bigint, blocked bigint, first_seen timestamptz, last_seen timestamptz)
         on conflict (app, key_id, provider, model) do update set requests = gateway_usage.requests + excluded.requests,
           input_tokens = gateway_usage.input_tokens + excluded.input_tokens, output_tokens = gateway_usage.output_tokens + excluded.output_tokens,
           blocked = gateway_usage.blocked + excluded.blocked, first_seen = least(gateway_usage.first_seen, excluded.first_seen),
           last_seen = greatest(gateway_usage.last_seen, excluded.last_seen)`,
        [
          JSON.stringify(
            deltas.map((d) => ({
              app: d.app,
              key_id: d.keyId,
              provider: d.provider,
              model: d.model,
              requests: d.requests,
              input_tokens: d.inputTokens,
              output_tokens: d.outputTokens,
              blocked: d.blocked,
              first_seen: d.firstSeen,
              last_seen: d.lastSeen,
            })),
          ),
        ],
      );
    },
    async runtimeUsage() {
      const rows = await db.query<{
        app: string;
        key_id: string;
        provider: string;
        model: string;
        requests: string | number;
        input_tokens: string | number;
        output_tokens: string | number;
        blocked: string | number;
        first_seen: Date | string;
        last_seen: Date | string;
      }>('select app, key_id, provider, model, requests, input_tokens, output_tokens, blocked, first_seen, last_seen from gateway_usage order by app, key_id, provider, model');
      return rows.map((r) => ({
        app: r.app,
        keyId: r.key_id,
        provider: r.provider,
        model: r.model,
        requests: Number(r.requests),
        inputTokens: Number(r.input_tokens),
        outputTokens: Number(r.output_tokens),
        blocked: Number(r.blocked),
        firstSeen: toIso(r.first_seen)!,
        lastSeen: toIso(r.last_seen)!,
      }));
    },
  };
}
