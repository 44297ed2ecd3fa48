import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecrets, maskValue, maskIfSecret } from './mask.js';

test('masks known key shapes to a short prefix and the length', () => {
  const key = 'sk-proj-' + 'A1b2C3d4E5'.repeat(5);
  const out = maskSecrets(`client = OpenAI(api_key="${key}")`);
  assert.ok(!out.includes(key));
  assert.match(out, /sk-p…\(58\)/);
});

test('masks quoted values assigned to secret-like names, keeps code references', () => {
  assert.equal(maskSecrets('password = "hunter2pass"'), 'password = "hu…(11)"');
  assert.equal(maskSecrets('api_key=os.environ["OPENAI_API_KEY"]'), 'api_key=os.environ["OPENAI_API_KEY"]');
  assert.equal(maskSecrets('token: self.token'), 'token: self.token');
  assert.equal(maskSecrets('API_KEY=${OPENAI_API_KEY}'), 'API_KEY=${OPENAI_API_KEY}');
});

test('masks passwords in connection strings', () => {
  assert.equal(maskSecrets('postgres://app:s3cretpw@db:5432/x'), 'postgres://app:****@db:5432/x');
});

test('is idempotent', () => {
  const once = maskSecrets('GITHUB_TOKEN=ghp_' + 'a'.repeat(36));
  assert.equal(maskSecrets(once), once);
});

test('maskValue never reveals short secrets and maskIfSecret keeps placeholders', () => {
  assert.equal(maskValue('abc'), '…(3)');
  assert.equal(maskIfSecret('OPENAI_API_KEY', 'your-key-here'), 'your-key-here');
  assert.equal(maskIfSecret('MODEL', 'gpt-4o'), 'gpt-4o');
  assert.equal(maskIfSecret('DB_PASSWORD', 'correcthorse'), 'co…(12)');
});

test('unquoted values: names stay, identifier-shaped tokens with digits are masked', () => {
  assert.equal(maskSecrets('api_key=settings.openai_key'), 'api_key=settings.openai_key');
  assert.equal(maskSecrets('token=API_TOKEN_V2'), 'token=API_TOKEN_V2');
  assert.equal(maskSecrets('password=pwd'), 'password=pwd');
  const masked = maskSecrets('Backstory: use api_token=Zq8vK2mP9xT4wL7n for the CRM.');
  assert.ok(!masked.includes('Zq8vK2mP9xT4wL7n'), masked);
  assert.match(masked, /api_token=Zq8v…\(16\)/);
});
