import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffUsage } from '../../src/gateway/pipeline.js';

test('usage is read from the bytes of a JSON answer: the last "usage" object, nested braces and UTF-8 text around it', () => {
  const body = Buffer.from(
    JSON.stringify({
      id: 'x',
      choices: [{ message: { content: 'Grüße {not usage} — "usage" in text ✓' } }],
      usage: { prompt_tokens: 12, completion_tokens: 7, details: { cached: { tokens: 3 } } },
    }),
  );
  assert.deepEqual(sniffUsage(body), { prompt_tokens: 12, completion_tokens: 7, details: { cached: { tokens: 3 } } });
  assert.equal(sniffUsage(Buffer.from('{"id":"x"}')), undefined);
  assert.equal(sniffUsage(Buffer.from('{"usage": {"prompt_tokens": 1')), undefined, 'truncated');
  assert.equal(sniffUsage(Buffer.from('{"usage": }')), undefined);
});
