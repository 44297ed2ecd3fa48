// Signed outgoing webhooks. Each delivery is a JSON POST with these headers:
//   X-Aispm-Event: finding.opened          the event type
//   X-Aispm-Delivery: <id>                 unique per event; the same on every retry of it (deduplicate on it)
//   X-Aispm-Timestamp: <unix seconds>      when this attempt was signed
//   X-Aispm-Signature: sha256=<hex>        HMAC-SHA256(secret, "<timestamp>.<raw body>")
// A receiver recomputes the HMAC over the raw body, compares in constant time, and refuses timestamps older than a
// few minutes (replays). `verifyWebhookSignature` below is that check.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { httpJson } from './http.js';
import type { CallOptions, DeliveredEventType } from './types.js';

export const SIGNATURE_HEADER = 'X-Aispm-Signature';
export const TIMESTAMP_HEADER = 'X-Aispm-Timestamp';
export const EVENT_HEADER = 'X-Aispm-Event';
export const DELIVERY_HEADER = 'X-Aispm-Delivery';
/** How old a signed timestamp a receiver should still accept. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const webhookConfigSchema = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export const webhookSecretsSchema = z.object({ signingSecret: z.string().min(16, 'use a signing secret of at least 16 characters') });
export type WebhookSecrets = z.infer<typeof webhookSecretsSchema>;

export interface WebhookEvent {
  /** The delivery id (stable across retries). */
  id: string;
  type: DeliveredEventType;
  /** ISO time the event happened. */
  at: string;
  data: Record<string, unknown>;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Unix seconds; default: now. */
  now?: number;
  toleranceSeconds?: number;
}

/** The receiver's side: true when the signature matches the body and the timestamp is recent. */
export function verifyWebhookSignature(v: VerifyInput): { ok: true } | { ok: false; reason: string } {
  if (!v.signature || !v.timestamp) return { ok: false, reason: 'missing signature or timestamp header' };
  const ts = Number(v.timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'timestamp is not unix seconds' };
  const now = v.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (v.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'timestamp outside the tolerance (replay?)' };
  const expected = Buffer.from(signWebhook(v.secret, ts, v.body));
  const given = Buffer.from(v.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

export async function deliverWebhook(c: WebhookConfig, s: WebhookSecrets, event: WebhookEvent, o: CallOptions & { now?: () => number } = {}): Promise<void> {
  const body = JSON.stringify({ id: event.id, type: event.type, at: event.at, data: event.data });
  const timestamp = Math.floor((o.now?.() ?? Date.now()) / 1000);
  await httpJson(
    {
      method: 'POST',
      url: c.url,
      rawBody: body,
      headers: {
        'Content-Type': 'application/json',
        [EVENT_HEADER]: event.type,
        [DELIVERY_HEADER]: event.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(s.signingSecret, timestamp, body),
      },
      signal: o.signal,
      timeoutMs: o.timeoutMs,
    },
    'webhook',
  );
}
