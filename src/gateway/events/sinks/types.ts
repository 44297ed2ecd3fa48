import type { GatewayEvent } from '../ocsf.js';

/** Where security events go. `write` never blocks the request path: sinks queue and deliver on their own. */
export interface EventSink {
  readonly name: string;
  /** `line` is the event's OCSF object as one line of JSON, serialised once for every sink. */
  write(event: GatewayEvent, line: string): void;
  /** Delivers what is queued (tests and shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface SinkContext {
  /** Counts an event a sink gave up on. */
  dropped(sink: string, n: number): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}
