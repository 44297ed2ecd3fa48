// Fans each event out to the configured sinks; serialises it once.
import type { GatewayEvent } from './ocsf.js';
import type { EventSink } from './sinks/types.js';

export class EventBus {
  constructor(readonly sinks: EventSink[]) {}

  get active(): boolean {
    return this.sinks.length > 0;
  }

  emit(e: GatewayEvent): void {
    if (!this.sinks.length) return;
    const line = JSON.stringify(e.ocsf);
    for (const s of this.sinks) s.write(e, line);
  }

  async flush(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.flush()));
  }

  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }
}
