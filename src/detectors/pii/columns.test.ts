import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { classifyColumns, headerWords, typesFromHeader } from './columns.js';

test('header words split snake, kebab and camel case', () => {
  assert.equal(headerWords('customerEmailAddress'), 'customer email address');
  assert.equal(headerWords('date_of-birth'), 'date of birth');
  assert.deepEqual(typesFromHeader('first_name'), ['PERSON']);
  assert.deepEqual(typesFromHeader('file_name'), []);
  assert.deepEqual(typesFromHeader('userEmail'), ['EMAIL']);
  assert.deepEqual(typesFromHeader('client_ip'), ['IP_ADDRESS']);
  assert.deepEqual(typesFromHeader('product_id'), []);
});

test('a CSV fixture: headers and values agree on every personal column', () => {
  const [header, ...rows] = parse(readFileSync(new URL('./testdata/customers.csv', import.meta.url), 'utf8')) as string[][];
  const result = classifyColumns(header, rows);
  const summary = Object.fromEntries(result.map((c) => [c.column, [c.types, c.matchedRows, c.sampledRows]]));
  assert.deepEqual(summary, {
    customer_id: [[], 0, 4],
    full_name: [['PERSON'], 4, 4],
    email: [['EMAIL'], 4, 4],
    phone: [['PHONE'], 4, 4],
    dob: [['DATE_OF_BIRTH'], 4, 4],
    ssn: [['US_SSN'], 4, 4],
    notes: [[], 0, 3],
    signup_ip: [['IP_ADDRESS'], 4, 4],
    country: [[], 0, 4],
  });
  const email = result.find((c) => c.column === 'email')!;
  assert.deepEqual(email.evidence, { EMAIL: 'header+values' });
  assert.equal(email.confidence, 0.99);
});

test('values alone classify an unhelpfully named column; a header alone is a weaker claim', () => {
  const rows = [
    ['ana@example.com', 'x', 'DE89 3704 0044 0532 0130 00'],
    ['bo@example.org', 'y', 'GB82 WEST 1234 5698 7654 32'],
    ['cy@example.net', 'z', ''],
  ];
  const [c1, c2, c3] = classifyColumns(['col_a', 'email', 'field3'], rows);
  assert.deepEqual([c1.types, c1.evidence, c1.matchedRows], [['EMAIL'], { EMAIL: 'values' }, 3]);
  assert.deepEqual([c2.types, c2.evidence, c2.matchedRows, c2.confidence], [['EMAIL'], { EMAIL: 'header' }, 0, 0.5]);
  assert.deepEqual([c3.types, c3.matchedRows, c3.sampledRows], [['IBAN'], 2, 2]);
});

test('the sample is bounded and cells of any JSON type are read', () => {
  const rows = Array.from({ length: 1_000 }, (_, i) => [`user${i}@example.com`, i, { nested: true }, null]);
  const [email, num, obj, empty] = classifyColumns(['contact', 'n', 'meta', 'nothing'], rows, 50);
  assert.equal(email.sampledRows, 50);
  assert.equal(email.matchedRows, 50);
  assert.deepEqual(num.types, []);
  assert.deepEqual(obj.types, []);
  assert.deepEqual([empty.types, empty.sampledRows, empty.confidence], [[], 0, 0]);
});
