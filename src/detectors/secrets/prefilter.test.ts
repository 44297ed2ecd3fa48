import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordPrefilter } from './prefilter.js';
import { FINDERS, PATTERN_RULES } from './index.js';
import { genericFinder } from './generic.js';

/** The definition the automaton must agree with: every keyword the lower-cased text contains. */
function naive(keywords: string[], text: string): string[] {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return [...new Set(keywords.map((k) => k.toLowerCase()))].filter((k) => lower.includes(k)).sort();
}

const sorted = (s: Set<string>) => [...s].sort();

describe('KeywordPrefilter', () => {
  it('finds keywords case-insensitively, overlapping and nested in one another', () => {
    const pf = new KeywordPrefilter(['sk_', 'gsk_', 'sk_live_', 'aws', 'ask_', 'token', 'key']);
    assert.deepEqual(sorted(pf.present('const TASK_ID = 1')), ['ask_', 'sk_']);
    assert.deepEqual(sorted(pf.present('GSK_LIVabc')), ['gsk_', 'sk_']); // `sk_live_` needs the whole word
    assert.deepEqual(sorted(pf.present('x = "Sk_Live_123"; xaws')), ['aws', 'sk_', 'sk_live_']);
    assert.deepEqual(sorted(pf.present('tokenkey')), ['key', 'token']);
    assert.deepEqual(sorted(pf.present('nothing here')), []);
    assert.deepEqual(sorted(pf.present('')), []);
  });

  it('breaks a keyword at a character outside its alphabet, including non-ASCII ones', () => {
    const pf = new KeywordPrefilter(['token', 'private key']);
    assert.deepEqual(sorted(pf.present('tok\u00e9n, to-ken, tok\u212Aen')), []);
    assert.deepEqual(sorted(pf.present('-----BEGIN PRIVATE KEY-----')), ['private key']);
    assert.deepEqual(sorted(pf.present('\u00fctoken\u4e2d')), ['token']);
  });

  it('agrees with a plain substring search on the secret rules over random texts', () => {
    const keywords = [...PATTERN_RULES.flatMap((r) => r.keywords), ...FINDERS.flatMap((f) => f.keywords)];
    const pf = new KeywordPrefilter(keywords);
    // an alphabet built from the keywords' own characters, so that keywords and near misses are common
    const alphabet = [...new Set(keywords.join('') + 'AKSIZ \n"é')];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 400; round++) {
      let text = '';
      const len = rand(200);
      while (text.length < len) text += rand(4) === 0 ? keywords[rand(keywords.length)].slice(rand(3)) : alphabet[rand(alphabet.length)];
      assert.deepEqual(sorted(pf.present(text)), naive(keywords, text), JSON.stringify(text));
    }
  });

  it('finds in UTF-8 bytes exactly what it finds in their decoded text, invalid sequences and BOM included', () => {
    const keywords = [...PATTERN_RULES.flatMap((r) => r.keywords), ...FINDERS.flatMap((f) => f.keywords)];
    const pf = new KeywordPrefilter(keywords);
    const pieces = [...new Set(keywords.join('') + 'AKSIZ \n"')].map((c) => Buffer.from(c));
    // non-ASCII characters, a byte-order mark, lone continuation and lead bytes, an overlong form
    pieces.push(Buffer.from('é中😀'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0x80]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xff]));
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 400; round++) {
      const parts: Buffer[] = [];
      const len = rand(120);
      for (let i = 0; i < len; i++) parts.push(rand(4) === 0 ? Buffer.from(keywords[rand(keywords.length)].slice(rand(3))) : pieces[rand(pieces.length)]);
      const bytes = Buffer.concat(parts);
      assert.deepEqual(sorted(pf.presentInUtf8(bytes)), sorted(pf.present(bytes.toString('utf8'))), bytes.toString('hex'));
    }
    assert.deepEqual(sorted(pf.presentInUtf8(Buffer.from('x = "SK_live_1"\u00e9aws'))), ['aws', 'sk_', 'sk_live_']);
  });

  it('refuses keywords it cannot represent', () => {
    assert.throws(() => new KeywordPrefilter(['schl\u00fcssel']), /ASCII/);
  });
});

describe('generic finder narrowed to the words the prefilter saw', () => {
  it('finds what the full name search finds', () => {
    const pf = new KeywordPrefilter(genericFinder.keywords);
    const texts = [
      'API_TOKEN = "q8Zr2Lx9Vb4Nw7Kt"\nconst dbPassword = "Xy7#kL9!mQ2w"',
      'client_secret: 9fK2mX8vQ4zL7pR3tW6y\nmax_tokens = 800',
      'PRIVATE_KEY_PASSPHRASE=Hn4Rt8Wq2Lz6Xv9K\nAuthToken: "Gq7Zk2Lm9Xr4Tv8N"',
      'nothing secret-like in here',
    ];
    for (const t of texts) {
      const present = pf.present(t);
      assert.deepEqual(genericFinder.find(t, present), genericFinder.find(t), t);
    }
    assert.ok(genericFinder.find(texts[0], pf.present(texts[0])).length >= 2);
    assert.deepEqual(genericFinder.find('API_TOKEN = "q8Zr2Lx9Vb4Nw7Kt"', new Set()), []);
  });
});
