// Events as JSON lines on standard output (for a log shipper reading the container's output).
import type { EventSink } from './types.js';

export function stdoutSink(write: (s: string) => boolean = (s) => process.stdout.write(s)): EventSink {
  return {
    name: 'stdout',
    write: (_e, line) => void write(line + '\n'),
    flush: async () => undefined,
    close: async () => undefined,
  };
}
