// Incremental Server-Sent Events framing over raw upstream bytes. Events are cut at blank lines on the byte
// level (separators are ASCII, so a multi-byte character is never split inside a complete event), and each
// complete event keeps its exact bytes so it can be forwarded unchanged. Only the incomplete tail is held.

export interface SseEvent {
  /** The event's bytes including its terminating blank line, as received. */
  raw: Buffer;
  /** `event:` field, or '' when absent (OpenAI sends data-only events). */
  event: string;
  /** `data:` lines joined with newlines. */
  data: string;
}

const LF = 0x0a;
const CR = 0x0d;

export class SseParser {
  private tail: Buffer | undefined;

  /** Complete events in `chunk` (with any held tail before it). */
  push(chunk: Buffer): SseEvent[] {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = undefined;
    const out: SseEvent[] = [];
    let start = 0;
    let i = buf.indexOf(LF, 0);
    while (i !== -1) {
      let end = -1;
      if (buf[i + 1] === LF) end = i + 2;
      else if (buf[i + 1] === CR && buf[i + 2] === LF) end = i + 3;
      if (end !== -1) {
        const raw = buf.subarray(start, end);
        const ev = parseFields(raw.toString('utf8'));
        out.push({ raw, event: ev.event, data: ev.data });
        start = end;
        i = buf.indexOf(LF, start);
      } else {
        i = buf.indexOf(LF, i + 1);
      }
    }
    if (start < buf.length) this.tail = Buffer.from(buf.subarray(start));
    return out;
  }

  /** Bytes of an unfinished event still held (an upstream that ended mid-event). */
  pending(): Buffer | undefined {
    return this.tail;
  }
}

/** Comment-only events (keep-alives) come back with empty event and data. */
function parseFields(text: string): { event: string; data: string } {
  let event = '';
  let data: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.charCodeAt(0) === 58 /* ':' comment */) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
  }
  return { event, data: data ?? '' };
}

/** One SSE event as bytes. */
export function sseFrame(data: string, event?: string): string {
  return event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}
