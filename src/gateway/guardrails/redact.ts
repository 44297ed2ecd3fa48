// Redaction: detected spans are replaced by numbered placeholders (`[EMAIL_1]`, `[SECRET_2]`) before the prompt
// leaves. When the guardrail asks for restore, the originals are kept for this request only (in memory, never
// logged) and put back wherever the model repeats a placeholder in its answer, also inside streams, where a
// placeholder may arrive split over several chunks.

import type { Hit } from './run.js';

export const PLACEHOLDER = /\[([A-Z][A-Z0-9_]*)_(\d+)\]/g;
/** The longest unfinished placeholder held back at the end of a stream chunk. */
const MAX_PARTIAL = 48;
const PARTIAL_AT_END = /\[[A-Z0-9_]*$/;

function label(h: Hit): string {
  if (h.detector === 'secrets') return 'SECRET';
  if (h.detector === 'injection') return 'INSTRUCTION';
  const t = h.type.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Z]/.test(t) ? t : 'REDACTED';
}

export class Redactor {
  private counter = 0;
  /** placeholder → original, only for spans whose guardrail restores. */
  readonly restores = new Map<string, string>();

  /**
   * Replaces the spans in each text; returns the new texts (same array positions) or undefined when nothing
   * changed. Overlapping spans are merged; the widest label wins.
   */
  apply(texts: readonly string[], spans: ReadonlyArray<Hit & { restore: boolean }>): string[] | undefined {
    if (!spans.length) return undefined;
    const bySlot = new Map<number, Array<Hit & { restore: boolean }>>();
    for (const s of spans) {
      let list = bySlot.get(s.slot);
      if (!list) bySlot.set(s.slot, (list = []));
      list.push(s);
    }
    const out = texts.slice();
    for (const [slot, list] of bySlot) {
      const text = texts[slot]!;
      list.sort((a, b) => a.start - b.start || b.end - a.end);
      const merged: Array<Hit & { restore: boolean }> = [];
      for (const s of list) {
        const last = merged[merged.length - 1];
        if (last && s.start < last.end) {
          if (s.end > last.end) last.end = s.end;
          last.restore = last.restore && s.restore;
        } else merged.push({ ...s });
      }
      let result = '';
      let pos = 0;
      for (const s of merged) {
        const placeholder = `[${label(s)}_${++this.counter}]`;
        if (s.restore) this.restores.set(placeholder, text.slice(s.start, s.end));
        result += text.slice(pos, s.start) + placeholder;
        pos = s.end;
      }
      out[slot] = result + text.slice(pos);
    }
    return out;
  }

  /** Puts restorable originals back into a complete text. */
  restore(text: string): string {
    if (!this.restores.size || text.indexOf('[') === -1) return text;
    return text.replace(PLACEHOLDER, (m) => this.restores.get(m) ?? m);
  }
}

/**
 * Restores placeholders in streamed text. A trailing `[` that may start a placeholder is held back until the
 * next chunk of the same slot (or the end of the stream) shows whether it is one.
 */
export class StreamRestorer {
  private pending = new Map<number, string>();

  constructor(private readonly redactor: Redactor) {}

  push(slot: number, text: string): string {
    const held = this.pending.get(slot);
    let t = held ? held + text : text;
    if (held) this.pending.delete(slot);
    t = this.redactor.restore(t);
    const m = PARTIAL_AT_END.exec(t);
    if (m && t.length - m.index <= MAX_PARTIAL) {
      this.pending.set(slot, t.slice(m.index));
      t = t.slice(0, m.index);
    }
    return t;
  }

  /** Held text per slot, released at the end of the stream or before a slot's final event. */
  drain(): Array<[number, string]> {
    const out = [...this.pending.entries()];
    this.pending.clear();
    return out;
  }
}
