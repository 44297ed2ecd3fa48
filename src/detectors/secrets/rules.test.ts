import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskValue } from '../../util/mask.js';
import { crc32 } from 'node:zlib';
import { ALNUM, SAMPLE_RULE_IDS, generator, ruleSamples } from './fixtures.js';
import { PATTERN_RULES, secretsDetector } from './index.js';

test('every pattern rule has a generated fixture', () => {
  const missing = [...new Set(PATTERN_RULES.map((r) => r.id))].filter((id) => !SAMPLE_RULE_IDS.includes(id));
  assert.deepEqual(missing, []);
});

for (const seed of [1, 2, 3]) {
  for (const s of ruleSamples(seed)) {
    test(`${s.rule} (seed ${seed}): finds the value with its offsets, line, mask and provider`, () => {
      const text = `# config\n${s.line}\n`;
      const found = secretsDetector.detect(text);
      assert.equal(found.length, 1, `expected one detection in ${JSON.stringify(s.line)}, got ${JSON.stringify(found.map((d) => d.type))}`);
      const d = found[0];
      assert.equal(d.type, s.rule);
      assert.equal(text.slice(d.start, d.end), s.value);
      assert.equal(d.line, 2);
      assert.equal(d.column, s.line.indexOf(s.value) + 1);
      assert.equal(d.masked, maskValue(s.value));
      const rule = PATTERN_RULES.find((r) => r.id === s.rule)!;
      assert.equal(d.provider, rule.provider);
      assert.ok(['critical', 'high', 'medium', 'low'].includes(d.severity as string));
      assert.ok(d.score > 0.3 && d.score <= 1, `score ${d.score}`);
    });
    test(`${s.rule} (seed ${seed}): placeholder fillers and EXAMPLE markers stay quiet`, () => {
      for (const filler of ['x'.repeat(12), 'X'.repeat(12), `EXAMPLE${'7'.repeat(5)}`]) {
        const line = s.line.replace(s.value, s.value.slice(0, -12) + filler);
        assert.deepEqual(secretsDetector.detect(line).map((d) => d.type), [], line);
      }
    });
    test(`${s.rule} (seed ${seed}): near miss stays quiet`, () => {
      assert.deepEqual(secretsDetector.detect(`${s.nearMiss}\n`).map((d) => d.type), []);
    });
  }
}

test('a prefixed key made of one repeated letter is reported with a low score and the reason', () => {
  const [d] = secretsDetector.detect(`STRIPE_SECRET_KEY=sk_live_${'A'.repeat(24)}`);
  assert.equal(d.type, 'stripe-secret-key');
  assert.equal(d.score, 0.35);
  assert.ok(d.reasons?.includes('low-variety'));
});

test('GitHub tokens: a valid CRC32 checksum raises the score, a wrong one lowers it', () => {
  const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const random = generator(7)(ALNUM, 30);
  let n = crc32(random);
  let checksum = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 62)) checksum = BASE62[n % 62] + checksum;
  const [valid] = secretsDetector.detect(`token: ghp_${random}${checksum}`);
  assert.equal(valid.type, 'github-pat');
  assert.deepEqual([valid.score, valid.reasons?.includes('checksum-valid')], [0.99, true]);
  const wrong = checksum === 'Zq9Zq9' ? 'Zq9Zq8' : 'Zq9Zq9';
  const [invalid] = secretsDetector.detect(`token: ghp_${random}${wrong}`);
  assert.equal(invalid.type, 'github-pat');
  assert.deepEqual([invalid.score, invalid.reasons?.includes('checksum-mismatch')], [0.8, true]);
});
