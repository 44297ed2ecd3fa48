// Events written to the aispm store (`gateway_events`) in batches, one statement per flush.
import type { RuntimeStore } from '../../../store/runtime.js';
import type { EventSink, SinkContext } from './types.js';
import type { GatewayEvent } from '../ocsf.js';

export function storeSink(runtime: RuntimeStore, flushMs: number, ctx: SinkContext): EventSink {
  let queue: GatewayEvent[] = [];
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function kick(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing || !queue.length) return;
    const batch = queue;
    queue = [];
    writing = runtime
      .insertEvents(
        batch.map((e) => ({
          time: new Date(e.time).toISOString(),
          classUid: e.classUid,
          severityId: e.severityId,
          action: e.action,
          keyId: e.keyId,
          app: e.app,
          provider: e.provider,
          model: e.model,
          event: e.ocsf,
        })),
      )
      .catch((err) => {
        ctx.dropped('store', batch.length);
        ctx.warn('event store write failed', { error: (err as Error).message });
      })
      .finally(() => {
        writing = undefined;
        if (queue.length) timer ??= setTimeout(kick, flushMs);
      });
  }

  return {
    name: 'store',
    write(e) {
      queue.push(e);
      if (queue.length >= 500) kick();
      else timer ??= setTimeout(kick, flushMs);
    },
    async flush() {
      while (writing || queue.length) {
        if (!writing) kick();
        await writing;
      }
    },
    async close() {
      await this.flush();
    },
  };
}
