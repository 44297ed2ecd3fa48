// Bring-your-own guardrail over HTTP. The contract (docs/gateway.md, "Webhook guardrails"):
//   POST <url>, JSON: { version: 1, guardrail, hook, request: {...}, texts: [{index, role, text}], tool? }
//   200 JSON:        { detections: [{ index, type, score?, start?, end? }], message? }
// A detection without start/end covers its whole text. Anything else (non-2xx, bad JSON, a timeout) is a
// failure, resolved by the guardrail's on_error in run.ts.

import { request } from 'undici';
import type { Guardrail } from './compile.js';
import type { Hit, HookInput } from './run.js';

export const WEBHOOK_CONTRACT_VERSION = 1;

export async function callWebhookGuardrail(g: Guardrail, input: HookInput, signal: AbortSignal): Promise<Hit[]> {
  const payload = {
    version: WEBHOOK_CONTRACT_VERSION,
    guardrail: g.id,
    hook: input.hook,
    request: input.request(),
    texts: input.texts.map((text, index) => ({ index, role: input.roles[index] ?? '', text })),
    ...(input.tool ? { tool: input.tool } : {}),
  };
  const res = await request(g.webhook!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(g.webhook!.headers ?? {}) },
    body: JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)),
    signal,
  });
  const text = await res.body.text();
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`webhook answered HTTP ${res.statusCode}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('webhook answered with invalid JSON');
  }
  const list = (body as { detections?: unknown }).detections;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error('webhook answer: detections must be a list');
  const hits: Hit[] = [];
  for (const d of list as Array<Record<string, unknown>>) {
    const slot = Number(d.index ?? 0);
    const t = input.texts[slot];
    if (t === undefined || typeof d.type !== 'string') throw new Error('webhook answer: each detection needs a valid index and a type');
    const start = typeof d.start === 'number' ? Math.max(0, Math.min(d.start, t.length)) : 0;
    const end = typeof d.end === 'number' ? Math.max(start, Math.min(d.end, t.length)) : t.length;
    hits.push({ detector: 'webhook', type: d.type, score: typeof d.score === 'number' ? d.score : 1, slot, start, end });
  }
  return hits;
}
