// Incremental inspection of streamed answers. Each text delta is judged together with the last
// `stream_window_chars` characters of its slot, so a match that straddles chunk boundaries is found in the
// chunk that completes it, before that chunk is forwarded; only detections ending in the new text count.
// Tool calls are assembled from their fragments and judged when the stream says they are complete.

import type { Guardrail } from './compile.js';
import type { Redactor } from './redact.js';
import { runHook, type GuardrailResult, type HookOutcome } from './run.js';

export interface StreamVerdict {
  text: string;
  block?: HookOutcome['block'];
}

export class StreamInspector {
  private readonly carry = new Map<number, string>();
  private readonly tools = new Map<number, { name: string; args: string }>();
  /** Guardrails that fired or failed during the stream, with their hook, for the decision's event. */
  readonly results: Array<{ hook: 'response' | 'tool_call'; result: GuardrailResult }> = [];

  constructor(
    private readonly response: readonly Guardrail[],
    private readonly toolGuards: readonly Guardrail[],
    private readonly windowChars: number,
    private readonly request: () => Record<string, unknown>,
    private readonly redactor: Redactor,
  ) {}

  get inspectsText(): boolean {
    return this.response.length > 0;
  }

  get inspectsTools(): boolean {
    return this.toolGuards.length > 0;
  }

  async text(slot: number, text: string): Promise<StreamVerdict> {
    if (!this.response.length || !text) return { text };
    const carry = this.carry.get(slot) ?? '';
    const window = carry + text;
    const outcome = await runHook(this.response, { hook: 'response', texts: [window], roles: ['assistant'], request: this.request, from: carry.length });
    for (const result of outcome.results) this.results.push({ hook: 'response', result });
    this.carry.set(slot, window.length > this.windowChars ? window.slice(window.length - this.windowChars) : window);
    if (outcome.block) return { text: '', block: outcome.block };
    if (!outcome.redactions.length) return { text };
    // spans are in window coordinates; what lies in the carry has already been sent
    const spans = [];
    for (const r of outcome.redactions) {
      const start = Math.max(0, r.start - carry.length);
      const end = r.end - carry.length;
      if (end > start) spans.push({ ...r, slot: 0, start, end, restore: false });
    }
    return { text: this.redactor.apply([text], spans)?.[0] ?? text };
  }

  tool(slot: number, name: string | undefined, args: string | undefined): void {
    if (!this.toolGuards.length) return;
    let t = this.tools.get(slot);
    if (!t) this.tools.set(slot, (t = { name: '', args: '' }));
    if (name) t.name = name;
    if (args) t.args += args;
  }

  /** Judges the tool calls of these slots (or all) now that they are complete. */
  async toolsDone(slots: number[] | 'all'): Promise<HookOutcome['block'] | undefined> {
    if (!this.toolGuards.length || !this.tools.size) return undefined;
    const done = slots === 'all' ? [...this.tools.keys()] : slots.filter((s) => this.tools.has(s));
    for (const slot of done) {
      const t = this.tools.get(slot)!;
      this.tools.delete(slot);
      const outcome = await runHook(this.toolGuards, {
        hook: 'tool_call',
        texts: [t.args],
        roles: ['tool'],
        request: this.request,
        tool: { name: t.name, arguments: t.args, direction: 'call' },
      });
      for (const result of outcome.results) this.results.push({ hook: 'tool_call', result });
      if (outcome.block) return outcome.block;
    }
    return undefined;
  }
}
