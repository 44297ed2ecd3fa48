// Events POSTed in batches (a JSON array of OCSF events) to an HTTP receiver, with exponential backoff and
// jitter between retries. A batch that still fails after max_retries is dropped and counted; while the receiver
// is down the queue holds at most max_queue events (the oldest go first).

import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { EventSink, SinkContext } from './types.js';

export interface WebhookSinkOptions {
  url: string;
  headers?: Record<string, string>;
  batchSize: number;
  flushMs: number;
  maxRetries: number;
  backoffMs: number;
  timeoutMs: number;
  maxQueue: number;
}

export function webhookSink(o: WebhookSinkOptions, ctx: SinkContext): EventSink {
  let queue: string[] = [];
  let sending: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  async function post(body: string): Promise<void> {
    const res = await request(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.headers ?? {}) },
      body,
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`);
  }

  async function deliver(): Promise<void> {
    while (queue.length) {
      const batch = queue.slice(0, o.batchSize);
      queue = queue.slice(batch.length);
      const body = `[${batch.join(',')}]`;
      let attempt = 0;
      for (;;) {
        try {
          await post(body);
          break;
        } catch (e) {
          if (attempt >= o.maxRetries || closed) {
            ctx.dropped('webhook', batch.length);
            ctx.warn('event webhook gave up on a batch', { url: o.url, events: batch.length, error: (e as Error).message });
            break;
          }
          await sleep(o.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2));
          attempt++;
        }
      }
    }
  }

  function kick(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (sending) return;
    sending = deliver().finally(() => {
      sending = undefined;
      if (queue.length) kick();
    });
  }

  return {
    name: 'webhook',
    write(_e, line) {
      queue.push(line);
      if (queue.length > o.maxQueue) {
        const over = queue.length - o.maxQueue;
        queue.splice(0, over);
        ctx.dropped('webhook', over);
      }
      if (queue.length >= o.batchSize) kick();
      else timer ??= setTimeout(kick, o.flushMs);
    },
    async flush() {
      while (sending || queue.length) {
        if (!sending) kick();
        await sending;
      }
    },
    async close() {
      await this.flush();
      closed = true;
    },
  };
}
