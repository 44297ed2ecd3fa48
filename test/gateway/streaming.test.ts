// Streams are never buffered: the client reads the first events while the upstream is still holding the rest,
// with guardrails off and with the default guardrail set of examples/gateway.yaml judging every event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { APP_KEY, BASE, harness, type Harness } from './helpers.js';

const example = readFileSync(new URL('../../examples/gateway.yaml', import.meta.url), 'utf8');
const DEFAULT_GUARDRAILS = example.slice(example.indexOf('\nguardrails:'), example.indexOf('\nabuse:'));

/**
 * A hold the upstream waits on after its first events; the test releases it once the client has read them.
 * If the client never sees them (the stream is buffered), the hold gives way after 10 s so the test fails
 * on its assertion instead of hanging.
 */
function gate(): { until: Promise<void>; release: () => void; released: () => boolean; gaveWay: () => boolean } {
  let open = false;
  let gaveWay = false;
  let release!: () => void;
  const until = new Promise<void>((r) => (release = r)).then(() => void (open = true));
  const timer = setTimeout(() => {
    gaveWay = true;
    release();
  }, 10_000);
  return { until, release: () => (clearTimeout(timer), release()), released: () => open, gaveWay: () => gaveWay };
}

for (const [label, guardrails] of [
  ['guardrails off', ''],
  ['default guardrails', DEFAULT_GUARDRAILS],
] as const) {
  describe(`streams pass through unbuffered (${label})`, () => {
    let h: Harness;
    let openai: OpenAI;
    let anthropic: Anthropic;
    before(async () => {
      h = await harness(BASE + guardrails);
      openai = new OpenAI({ apiKey: APP_KEY, baseURL: `${h.gateway.url}/v1`, maxRetries: 0 });
      anthropic = new Anthropic({ apiKey: APP_KEY, baseURL: h.gateway.url, maxRetries: 0 });
    });
    after(() => h.close());

    it('OpenAI chat: the first words arrive while the upstream holds the rest', async () => {
      const g = gate();
      h.upstream.script = () => ({ chunks: ['The ', 'printer ', 'jams ', 'in ', 'duplex.'], hold: { after: 3, until: g.until } });
      const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Why does the printer jam?' }], stream: true });
      let before = '';
      let text = '';
      for await (const chunk of stream) {
        const piece = chunk.choices[0]?.delta.content ?? '';
        text += piece;
        if (!g.released()) {
          before += piece;
          // role event + 'The ' + 'printer ' were sent; everything after waits for the client to have seen them
          if (before === 'The printer ') g.release();
        }
      }
      assert.equal(g.gaveWay(), false, 'the client saw the first words while the upstream held the rest');
      assert.equal(before, 'The printer ');
      assert.equal(text, 'The printer jams in duplex.');
      h.upstream.script = () => ({});
    });

    it('Anthropic messages: the first text delta arrives while the upstream holds the rest', async () => {
      const g = gate();
      // message_start, content_block_start, ping, then one delta per chunk
      h.upstream.script = () => ({ chunks: ['Open ', 'a ', 'ticket.'], hold: { after: 4, until: g.until } });
      const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'What now?' }] });
      let before = '';
      stream.on('text', (t) => {
        if (!g.released()) {
          before += t;
          g.release();
        }
      });
      const final = await stream.finalText();
      assert.equal(g.gaveWay(), false, 'the client saw the first delta while the upstream held the rest');
      assert.equal(before, 'Open ');
      assert.equal(final, 'Open a ticket.');
      h.upstream.script = () => ({});
    });
  });
}
