import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { maskValue } from '../../util/mask.js';
import { ALNUM, BASE64, HEX, UPPER_ALNUM, URLSAFE, generator, ruleSamples } from './fixtures.js';
import { secretNameKind } from './generic.js';
import { detectSecretsWithKeywords, secretKeywordsInUtf8, secretsDetector } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const detect = (text: string) => secretsDetector.detect(text);
const summary = (text: string) => detect(text).map((d) => ({ type: d.type, line: d.line, value: text.slice(d.start, d.end) }));

test('the detector identifies itself', () => {
  assert.equal(secretsDetector.id, 'secrets');
  assert.match(secretsDetector.version, /^\d+\.\d+\.\d+$/);
});

test('placeholders, references, examples, hashes and public keys stay quiet', () => {
  assert.deepEqual(summary(fixture('placeholders.env')), []);
});

test('a configuration file: every credential found, with its line, rule and provider', () => {
  const g = generator(11);
  const values: Record<string, string> = {
    openai: `sk-proj-${g(URLSAFE, 58)}T3BlbkFJ${g(URLSAFE, 58)}`,
    anthropic: `sk-ant-api03-${g(URLSAFE, 93)}AA`,
    dbpass: `Pg${g(ALNUM, 14)}!`,
    akid: `AKIA${g(UPPER_ALNUM, 16)}`,
    aksecret: g(BASE64, 40),
    jwtsecret: g(HEX, 64),
  };
  const text = fixture('app-config.template.yaml').replace(/@@(\w+)@@/g, (_m, k: string) => values[k]);
  const found = detect(text);
  assert.deepEqual(
    found.map((d) => [d.type, d.line, d.provider, text.slice(d.start, d.end)]),
    [
      ['openai-api-key', 6, 'openai', values.openai],
      ['anthropic-api-key', 9, 'anthropic', values.anthropic],
      ['connection-string-password', 11, 'postgresql', values.dbpass],
      ['aws-access-key-id', 13, 'aws', values.akid],
      ['aws-secret-access-key', 14, 'aws', values.aksecret],
      ['generic-secret-assignment', 16, 'unknown', values.jwtsecret],
    ],
  );
  const secret = found.find((d) => d.type === 'aws-secret-access-key')!;
  assert.ok(secret.reasons?.includes('paired-with:aws-access-key-id'));
  assert.equal(secret.severity, 'critical');
  assert.equal(found.find((d) => d.type === 'generic-secret-assignment')!.name, 'jwt_secret');
});

test('no raw secret appears anywhere in the output', () => {
  const samples = ruleSamples(5);
  const text = samples.map((s) => s.line).join('\n');
  const found = detect(text);
  assert.equal(found.length, samples.length);
  const json = JSON.stringify(found);
  for (const s of samples) {
    assert.ok(!json.includes(s.value), `${s.rule} value leaked`);
    // Not even the distinctive middle of the value.
    assert.ok(!json.includes(s.value.slice(6, 22)), `${s.rule} value fragment leaked`);
  }
  for (const d of found) assert.equal(d.masked, maskValue(text.slice(d.start, d.end)));
});

test('an AWS secret key alone under an AWS name is reported but scored lower than a pair', () => {
  const secret = generator(3)(BASE64, 40);
  const [d] = detect(`AWS_SECRET_ACCESS_KEY = ${secret}`);
  assert.equal(d.type, 'aws-secret-access-key');
  assert.equal(d.score, 0.7);
  assert.ok(d.reasons?.includes('unpaired'));
  assert.deepEqual(summary(`checksum = ${secret}`), []);
});

function pem(body: string, kind = 'RSA PRIVATE KEY'): string {
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----`;
}

test('PEM private keys: whole block reported; placeholders and short demo bodies stay quiet', () => {
  const g = generator(9);
  const body = Array.from({ length: 8 }, () => g(BASE64, 64)).join('\n');
  const text = `key = '''\n${pem(body)}\n'''\n`;
  const [d] = detect(text);
  assert.equal(d.type, 'private-key');
  assert.equal(d.line, 2);
  assert.equal(d.keyType, 'RSA');
  assert.equal(text.slice(d.start, d.end), pem(body));
  assert.equal(d.masked, maskValue(pem(body)));
  for (const placeholder of ['...', 'xxx', '***', 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=']) assert.deepEqual(summary(pem(placeholder, 'PRIVATE KEY')), []);
  // Inside JSON, with `\n` escapes, and an OpenSSH key.
  const escaped = `{"key": "${pem(body, 'OPENSSH PRIVATE KEY').replace(/\n/g, '\\n')}"}`;
  assert.deepEqual(detect(escaped).map((x) => [x.type, x.keyType]), [['private-key', 'OPENSSH']]);
  // Truncated (no END line) but long: still a leak.
  const [cut] = detect(`-----BEGIN EC PRIVATE KEY-----\n${body}`);
  assert.deepEqual([cut.type, cut.reasons], ['private-key', ['pem-block-truncated']]);
});

test('a GCP service-account key file is one detection spanning the JSON object', () => {
  const g = generator(4);
  const key = `-----BEGIN PRIVATE KEY-----\\n${g(BASE64, 64)}\\n${g(BASE64, 64)}\\n-----END PRIVATE KEY-----\\n`;
  const json = `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key_id": "${g(HEX, 40)}",\n  "private_key": "${key}",\n  "client_email": "svc@demo.iam.gserviceaccount.com"\n}`;
  const text = `// key\n${json}\n`;
  const found = detect(text);
  assert.deepEqual(found.map((d) => [d.type, d.line, d.provider, d.severity]), [['gcp-service-account', 2, 'google', 'critical']]);
  assert.equal(text.slice(found[0].start, found[0].end), json);
  // The same file with a placeholder key is documentation.
  assert.deepEqual(summary(json.replace(key, '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n')), []);
  // A bare marker with nothing else in view is a weak signal.
  const [marker] = detect('"type": "service_account"');
  assert.deepEqual([marker.type, marker.score], ['gcp-service-account', 0.4]);
});

test('connection strings: the password is the secret; templates and stand-ins stay quiet', () => {
  assert.deepEqual(summary('DATABASE_URL=postgresql://app:N0tAPlaceh0lder9@db:5432/app'), [
    { type: 'connection-string-password', line: 1, value: 'N0tAPlaceh0lder9' },
  ]);
  assert.deepEqual(summary('mongodb+srv://appuser:myR3alP@ssw0rd@cluster0.example.net/db'), [
    { type: 'connection-string-password', line: 1, value: 'myR3alP@ssw0rd' },
  ]);
  assert.equal(detect('redis://:Kx93jdPq02@cache:6379')[0].provider, 'redis');
  for (const quiet of ['postgres://{username}:{password}@host/db', 'https://user:abc@api.com/v1', 'https://user:1111@svc.com', 'mysql://admin:REPLACE_WITH_PASSWORD@h/db', 'https://example.com:8080/path']) {
    assert.deepEqual(summary(quiet), [], quiet);
  }
});

test('secret-like names: the last meaningful word decides', () => {
  const cases: [string, string | undefined][] = [
    ['OPENAI_API_KEY', 'key'],
    ['azureClientSecret', 'secret'],
    ['AUTH_CLIENTSECRET', 'secret'],
    ['hf_token', 'token'],
    ['DB_PASSWORD', 'password'],
    ['OPENAI_API_KEY_2', 'key'],
    ['client-secret', 'secret'],
    ['key', undefined],
    ['cache_key', undefined],
    ['DOTENV_PUBLIC_KEY', undefined],
    ['stripePublishableKey', undefined],
    ['max_tokens', undefined],
    ['token_budget', undefined],
    ['secret_name', undefined],
    ['secretKeyRef', undefined],
    ['api_key_header', undefined],
    ['tokenizer', undefined],
    ['monkey', undefined],
    ['cancellationToken', undefined],
  ];
  assert.deepEqual(cases.map(([n]) => [n, secretNameKind(n)]), cases);
});

test('generic assignments: random values under secret names, in many syntaxes', () => {
  const v = generator(21)(ALNUM, 32);
  const forms = [`export API_TOKEN=${v}`, `"client_secret": "${v}",`, `app.secret = '${v}'`, `val signingKey := "${v}"`, `mysql --password=${v} --host=db`, `api_key: str = "${v}"`, `settings["SERVICE_TOKEN"] = "${v}"`];
  for (const line of forms) assert.deepEqual(summary(line), [{ type: 'generic-secret-assignment', line: 1, value: v }], line);
  for (const quiet of [`api_key=settings.openai_key`, `API_KEY = os.getenv("API_KEY")`, `apiKey: process.env.OPENAI_API_KEY!,`, `password: "password"`, `token: "${'ab'.repeat(12)}"`, `secret = "a sentence, not a secret"`]) {
    assert.deepEqual(summary(quiet), [], quiet);
  }
});

test('JWTs are reported only when they carry authorisation claims', () => {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sig = generator(2)(URLSAFE, 43);
  const auth = `${part({ alg: 'ES256' })}.${part({ sub: 'svc-42', aud: 'api', exp: 1999999999 })}.${sig}`;
  assert.deepEqual(summary(`Authorization: Bearer ${auth}`), [{ type: 'jwt', line: 1, value: auth }]);
  const demo = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${sig}`;
  const message = `${part({ alg: 'HS256' })}.${part({ msg: 'hello' })}.${sig}`;
  assert.deepEqual(summary(`${demo}\n${message}`), []);
  const anon = `${part({ alg: 'HS256' })}.${part({ role: 'anon', iss: 'supabase' })}.${sig}`;
  assert.equal(detect(anon)[0].score, 0.3);
});

test('keyword-gated formats need their keyword shortly before the value', () => {
  const key = generator(8)(HEX, 32);
  assert.equal(detect(`AZURE_OPENAI_API_KEY=${key}`)[0].type, 'azure-openai-key');
  const withHost = `endpoint: https://acme.openai.azure.com/\napi-key: ${key}`;
  assert.deepEqual(summary(withHost), [{ type: 'azure-openai-key', line: 2, value: key }]);
  assert.deepEqual(summary(`api-key: ${key}`).map((d) => d.type), ['generic-secret-assignment']);
  assert.deepEqual(summary(`md5: ${key}`), []);
});

test('overlapping matches: the specific rule wins over the generic one', () => {
  const key = `gsk_${generator(6)(ALNUM, 52)}`;
  assert.deepEqual(summary(`GROQ_API_KEY="${key}"`), [{ type: 'groq-api-key', line: 1, value: key }]);
});

test('empty and binary-looking text is handled', () => {
  assert.deepEqual(detect(''), []);
  assert.deepEqual(detect('\u0000\u0001\uffff'.repeat(100)), []);
});

test('keywords found in the bytes give the same detections as the detector over the decoded text', () => {
  const samples = ruleSamples(5);
  const texts = [fixture('placeholders.env'), ...samples.map((s) => s.line), ...samples.map((s) => s.nearMiss), samples.map((s) => s.line).join('\n# é 中\n')];
  for (const text of texts) {
    const keywords = secretKeywordsInUtf8(Buffer.from(text));
    assert.deepEqual(detectSecretsWithKeywords(text, keywords), detect(text), text.slice(0, 80));
  }
  assert.deepEqual(detectSecretsWithKeywords('NPM_TOKEN = "abc"', new Set()), []);
});

test('a keyword-gated rule whose context occurs nowhere in the text is skipped; where it occurs, the rule still finds the value', () => {
  const g = generator(21);
  const uuid = `${g(HEX, 8)}-${g(HEX, 4)}-${g(HEX, 4)}-${g(HEX, 4)}-${g(HEX, 12)}`;
  // `npm` is the rule's keyword, but no `npm_token`/`npm_auth` context is anywhere: nothing to find
  assert.deepEqual(summary(`# npm registry\nid = ${uuid}\n`).filter((d) => d.type === 'npm-access-token'), []);
  assert.deepEqual(summary(`//registry.npmjs.org/:_authToken=${uuid}\nNPM_TOKEN=${uuid}\n`).filter((d) => d.type === 'npm-access-token').map((d) => d.line), [2]);
});
