import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dotenvCollector, isDotenvFile, isPlaceholderSecret } from './index.js';
import { collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';

const root = testdataDir(import.meta.url);
const RAW_VALUES = [
  'sk-proj-EXAMPLEexampleEXAMPLEexample0123456789abcd',
  'sk-ant-api03-EXAMPLEexampleEXAMPLEexample0123456789',
  'hunter2-but-longer',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7EXAMPLE',
  'ghp_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE1',
  'gsk_EXAMPLEexampleEXAMPLEexample01',
];

test('recognises .env, .env.* and *.env, not .envrc', () => {
  for (const b of ['.env', '.env.local', '.env.example', '.env.production', 'prod.env']) assert.equal(isDotenvFile(b), true, b);
  for (const b of ['.envrc', 'env', 'environment.yml', 'notes.md']) assert.equal(isDotenvFile(b), false, b);
});

test('secret-like and provider variables become masked secrets; others are ignored', async () => {
  const out = await collectFiles(dotenvCollector, root, ['.env']);
  assert.deepEqual(keysOf(out, 'secret'), [
    'env:ANTHROPIC_API_KEY',
    'env:DATABASE_PASSWORD',
    'env:GITHUB_TOKEN',
    'env:HF_TOKEN',
    'env:OLLAMA_HOST',
    'env:OPENAI_API_KEY',
    'env:SERVICE_ACCOUNT_PRIVATE_KEY',
  ]);
  const openai = findAsset(out, 'secret', 'env:OPENAI_API_KEY');
  assert.deepEqual(openai.attrs, {
    envVar: 'OPENAI_API_KEY',
    provider: 'openai',
    hasValue: true,
    valueMasked: 'sk-p…(50)',
    placeholder: false,
    definedIn: ['.env'],
  });
  assert.equal(openai.provider, 'openai');
  assert.deepEqual(openai.evidence, [{ file: '.env', line: 2, snippet: 'export OPENAI_API_KEY=sk-p…(50)', collector: 'dotenv' }]);
  const anthropic = findAsset(out, 'secret', 'env:ANTHROPIC_API_KEY');
  assert.deepEqual([anthropic.attrs?.provider, anthropic.attrs?.valueMasked, anthropic.evidence?.[0]?.line], ['anthropic', 'sk-a…(51)', 3]);
  assert.equal(findAsset(out, 'secret', 'env:DATABASE_PASSWORD').attrs?.valueMasked, 'hunt…(18)');
  const pem = findAsset(out, 'secret', 'env:SERVICE_ACCOUNT_PRIVATE_KEY');
  assert.deepEqual([pem.evidence?.[0]?.line, pem.evidence?.[0]?.endLine, pem.attrs?.hasValue], [7, 9, true]);
  const hf = findAsset(out, 'secret', 'env:HF_TOKEN');
  assert.deepEqual([hf.attrs?.hasValue, hf.attrs?.valueMasked, hf.attrs?.provider], [false, undefined, 'huggingface']);
  assert.deepEqual(findAsset(out, 'secret', 'env:GITHUB_TOKEN').attrs?.valueMasked, 'ghp_…(40)');
  assert.deepEqual(findAsset(out, 'secret', 'env:OLLAMA_HOST').attrs?.provider, 'ollama');
  assert.deepEqual(edgeStrings(out), [
    'ai-service:anthropic -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'ai-service:huggingface -authenticates-with-> secret:env:HF_TOKEN',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
  ]);
  assert.deepEqual(out.warnings.map((w) => [w.line, w.message]), [[11, 'not a NAME=value line']]);
  const json = JSON.stringify(out);
  for (const raw of RAW_VALUES) assert.ok(!json.includes(raw), `raw value leaked: ${raw.slice(0, 6)}`);
});

test('.env.example placeholders are flagged', async () => {
  const out = await collectFiles(dotenvCollector, root, ['.env.example']);
  assert.deepEqual(keysOf(out, 'secret'), ['env:ANTHROPIC_API_KEY', 'env:AWS_SECRET_ACCESS_KEY', 'env:OPENAI_API_KEY', 'env:PINECONE_API_KEY']);
  for (const s of out.assets) assert.equal(s.attrs?.placeholder, true, s.key);
  assert.equal(findAsset(out, 'secret', 'env:AWS_SECRET_ACCESS_KEY').attrs?.provider, 'aws-bedrock');
});

test('an unterminated quote warns at its line and keeps what came before', async () => {
  const out = await collectFiles(dotenvCollector, root, ['unterminated.env']);
  assert.deepEqual(keysOf(out, 'secret'), ['env:GROQ_API_KEY']);
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line, w.message]), [['unterminated.env', 2, 'unterminated " quote in MISTRAL_API_KEY']]);
  assert.ok(!JSON.stringify(out).includes(RAW_VALUES[5]!));
});

test('placeholder detection does not excuse key-shaped values', () => {
  assert.equal(isPlaceholderSecret('your-api-key-here'), true);
  assert.equal(isPlaceholderSecret('xxxxxxxxxxxx'), true);
  assert.equal(isPlaceholderSecret('${OPENAI_API_KEY}'), true);
  assert.equal(isPlaceholderSecret('sk-proj-EXAMPLEexampleEXAMPLE0123'), false);
  assert.equal(isPlaceholderSecret('hunter2-but-longer'), false);
});
